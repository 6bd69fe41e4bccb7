"""Fixtures for the core tests: the shipped instruments, loaded once per session."""

import pytest

from tera.core.library import load_library


@pytest.fixture(scope="session")
def library():
    return load_library()


@pytest.fixture(scope="session")
def spbe_2020(library):
    return library.get("spbe-2020")


@pytest.fixture(scope="session")
def spbe_2018(library):
    return library.get("spbe-2018")


@pytest.fixture(scope="session")
def pemdi_2026(library):
    return library.get("pemdi-2026")
