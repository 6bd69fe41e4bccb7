"""Every evidence test writes its files to its own MEDIA_ROOT, removed with tmp_path."""

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
