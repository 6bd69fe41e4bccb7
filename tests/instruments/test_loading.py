"""Loading instrument files into the database: revisions, never changes in place."""

import shutil

import pytest
from django.test import override_settings

from tera.core.library import SHIPPED_LIBRARY, load_library
from tera.instruments.library import load_entry
from tera.instruments.models import InstrumentVersion

pytestmark = pytest.mark.django_db


def entry_for(folder, instrument_id):
    library = load_library([folder])
    return next(e for e in library.entries if e.instrument.id == instrument_id)


def copy_of_pemdi(tmp_path, instrument_id="pemdi-lokal"):
    text = (SHIPPED_LIBRARY / "pemdi-2026.yaml").read_text(encoding="utf-8")
    path = tmp_path / f"{instrument_id}.yaml"
    path.write_text(text.replace("id: pemdi-2026", f"id: {instrument_id}"), encoding="utf-8")
    return path


def test_loading_the_same_file_twice_keeps_one_revision(tmp_path):
    copy_of_pemdi(tmp_path)
    load_entry(entry_for(tmp_path, "pemdi-lokal"))
    _, created = load_entry(entry_for(tmp_path, "pemdi-lokal"))
    assert created is False
    assert InstrumentVersion.objects.filter(code="pemdi-lokal").count() == 1


def test_changed_file_is_added_as_new_revision_beside_the_old_one(tmp_path):
    path = copy_of_pemdi(tmp_path)
    first, _ = load_entry(entry_for(tmp_path, "pemdi-lokal"))
    path.write_text(path.read_text().replace("Tata Kelola dan Manajemen", "Tata Kelola"))
    second, created = load_entry(entry_for(tmp_path, "pemdi-lokal"))
    first.refresh_from_db()
    assert created and second.revision == 2 and second.is_current
    assert not first.is_current
    assert first.instrument.aspects[0].name == "Tata Kelola dan Manajemen"
    assert second.instrument.aspects[0].name == "Tata Kelola"


def test_stored_version_parses_back_to_the_same_instrument(tmp_path):
    shutil.copy(SHIPPED_LIBRARY / "spbe-2020.yaml", tmp_path / "spbe-2020.yaml")
    version, _ = load_entry(entry_for(tmp_path, "spbe-2020"))
    assert version.instrument == entry_for(tmp_path, "spbe-2020").instrument


def test_a_dropped_in_file_is_found_through_the_setting(tmp_path):
    copy_of_pemdi(tmp_path, "pemdi-uji")
    from tera.instruments.library import file_library

    file_library.cache_clear()
    try:
        with override_settings(TERA_INSTRUMENT_DIRS=[tmp_path]):
            ids = [e.instrument.id for e in file_library().entries]
    finally:
        file_library.cache_clear()
    assert "pemdi-uji" in ids and "spbe-2020" in ids
