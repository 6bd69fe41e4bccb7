"""Small instruments built in the tests themselves."""

import pytest
import yaml

from tera.core.library import load_library
from tera.core.loader import load_text


@pytest.fixture(scope="session")
def library():
    return load_library()


@pytest.fixture(scope="session")
def spbe_2020(library):
    return library.get("spbe-2020")


def tiny_definition(weights=(40, 60), levels=(1, 5)):
    """One aspect per weight, each with one indicator of that weight."""
    low, high = levels
    return {
        "schema": 1,
        "id": "mini",
        "name": "Mini",
        "regulation": "Uji",
        "status": "official",
        "levels": {"min": low, "max": high},
        "scales": [
            {
                "id": "s",
                "name": "S",
                "levels": [{"level": n, "name": f"T{n}"} for n in range(low, high + 1)],
            }
        ],
        "predikat": [
            {"name": "Baik", "min": 2.6},
            {"name": "Cukup", "min": 1.8, "below": 2.6},
            {"name": "Kurang", "below": 1.8},
        ],
        "aspects": [
            {
                "number": n,
                "name": f"A{n}",
                "weight": w,
                "indicators": [{"number": n, "name": f"I{n}", "weight": w, "scale": "s"}],
            }
            for n, w in enumerate(weights, start=1)
        ],
    }


def tiny(weights=(40, 60)):
    return load_text(yaml.safe_dump(tiny_definition(weights)), "mini.yaml")
