"""Crosswalks in the database: loaded with the instruments, kept by revision, shown on pages."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tera.core.library import SHIPPED_LIBRARY
from tera.instruments.library import file_crosswalks, file_library
from tera.instruments.models import CrosswalkVersion

pytestmark = pytest.mark.django_db

SHIPPED = SHIPPED_LIBRARY / "crosswalks" / "spbe-2020--pemdi-2026.yaml"


def load():
    out = StringIO()
    call_command("instruments", "load", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def library_dir(tmp_path):
    """An extra library folder read through TERA_INSTRUMENT_DIRS, with fresh file caches."""
    (tmp_path / "crosswalks").mkdir()
    file_library.cache_clear()
    file_crosswalks.cache_clear()
    with override_settings(TERA_INSTRUMENT_DIRS=[tmp_path]):
        yield tmp_path
    file_library.cache_clear()
    file_crosswalks.cache_clear()


def test_loading_the_library_stores_the_shipped_crosswalk_as_provisional():
    output = load()
    version = CrosswalkVersion.objects.get(code="spbe-2020--pemdi-2026")
    assert (version.from_code, version.to_code, version.status) == (
        "spbe-2020",
        "pemdi-2026",
        "provisional",
    )
    assert version.revision == 1 and version.is_current
    assert "spbe-2020--pemdi-2026 r1: dimuat sebagai revisi baru" in output


def test_the_stored_crosswalk_reads_back_the_same_mappings():
    load()
    stored = CrosswalkVersion.objects.get(code="spbe-2020--pemdi-2026").crosswalk
    assert stored == next(e.crosswalk for e in file_crosswalks().entries)


def test_loading_again_keeps_one_revision():
    load()
    assert "spbe-2020--pemdi-2026 r1: tidak berubah" in load()
    assert CrosswalkVersion.objects.count() == 1


def test_an_edited_crosswalk_is_a_new_revision_beside_the_old_one(library_dir):
    local = library_dir / "crosswalks" / "lokal.yaml"
    text = SHIPPED.read_text(encoding="utf-8").replace("id: spbe-2020--pemdi-2026", "id: lokal")
    # The library keeps one crosswalk per pair of instruments: this one leads to spbe-2018.
    text = text.replace("to: pemdi-2026", "to: spbe-2018").replace("to: [19, 20]", "to: [20]")
    local.write_text(text, encoding="utf-8")
    load()
    local.write_text(text.replace("to: [20]", "to: [21]"), encoding="utf-8")
    file_crosswalks.cache_clear()
    load()
    first, second = CrosswalkVersion.objects.filter(code="lokal").order_by("revision")
    assert (first.is_current, second.is_current, second.revision) == (False, True, 2)
    assert first.crosswalk.forward[42] == (20,) and second.crosswalk.forward[42] == (21,)


def test_a_broken_crosswalk_is_not_loaded_and_the_command_says_why(library_dir):
    (library_dir / "crosswalks" / "rusak.yaml").write_text(
        "schema: 1\nid: rusak\nfrom: spbe-2020\nto: pemdi-2026\nstatus: provisional\n"
        "mappings:\n- {from: [48], to: [1]}\n",
        encoding="utf-8",
    )
    errors = StringIO()
    with pytest.raises(SystemExit):
        call_command("instruments", "load", stdout=StringIO(), stderr=errors)
    assert "rusak.yaml: mappings[0].from[0]: indikator 48 tidak ada" in errors.getvalue()
    assert not CrosswalkVersion.objects.filter(code="rusak").exists()
    assert CrosswalkVersion.objects.filter(code="spbe-2020--pemdi-2026").exists()


def test_validate_reads_a_crosswalk_file_as_a_crosswalk(tmp_path):
    out = StringIO()
    call_command("instruments", "validate", str(SHIPPED), stdout=out)
    assert "valid (padanan spbe-2020 -> pemdi-2026, 16 pemetaan)" in out.getvalue()


def test_validate_lists_every_error_of_a_crosswalk_file(tmp_path):
    path = tmp_path / "rusak.yaml"
    shutil.copy(SHIPPED, path)
    path.write_text(
        path.read_text().replace("from: spbe-2020", "from: spbe-2019"), encoding="utf-8"
    )
    errors = StringIO()
    with pytest.raises(SystemExit):
        call_command("instruments", "validate", str(path), stdout=StringIO(), stderr=errors)
    assert "rusak.yaml: from: instrumen 'spbe-2019' tidak ada di pustaka" in errors.getvalue()


def test_list_names_the_crosswalks_beside_the_instruments():
    out = StringIO()
    call_command("instruments", "list", stdout=out)
    assert "padanan spbe-2020 -> pemdi-2026" in out.getvalue()


# Pages


def test_the_crosswalk_list_names_both_instruments(client):
    load()
    response = client.get(reverse("instruments:crosswalks"))
    assert "Indeks SPBE (PermenPANRB 59/2020)" in response.text
    assert "Indeks Pemerintah Digital (PermenPANRB 8/2026)" in response.text
    assert reverse("instruments:crosswalk_revision", args=["spbe-2020--pemdi-2026", 1]) in (
        response.text
    )


def test_the_crosswalk_list_runs_the_same_queries_with_more_revisions(
    client, django_assert_max_num_queries
):
    load()
    with django_assert_max_num_queries(2):
        client.get(reverse("instruments:crosswalks"))
    version = CrosswalkVersion.objects.get()
    for revision in range(2, 12):
        CrosswalkVersion.objects.create(
            code=f"lain-{revision}",
            from_code="spbe-2018",
            to_code="spbe-2020",
            status="unverified",
            source_text=version.source_text,
            sha256=f"{revision:064d}",
            source_file="lain.yaml",
        )
    with django_assert_max_num_queries(2):
        response = client.get(reverse("instruments:crosswalks"))
    assert "lain-11" in response.text


def test_the_crosswalk_page_shows_each_new_indicator_with_its_old_sources(client):
    load()
    response = client.get(reverse("instruments:crosswalk", args=["spbe-2020--pemdi-2026"]))
    assert response.status_code == 200
    assert "Tingkat Kematangan Keamanan Siber" in response.text
    assert "22. Tingkat Kematangan Penerapan Manajemen Keamanan Informasi" in response.text
    assert response.text.count('data-testid="unmapped"') == 5


def test_the_crosswalk_page_says_it_is_not_official(client):
    load()
    response = client.get(reverse("instruments:crosswalk", args=["spbe-2020--pemdi-2026"]))
    assert 'class="notice"' in response.text
    assert "bukan tabel resmi" in response.text


def test_the_crosswalk_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    load()
    url = reverse("instruments:crosswalk_revision", args=["spbe-2020--pemdi-2026", 1])
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


def test_an_unknown_crosswalk_is_404(client):
    load()
    assert client.get(reverse("instruments:crosswalk", args=["tidak-ada"])).status_code == 404
    url = reverse("instruments:crosswalk_revision", args=["spbe-2020--pemdi-2026", 9])
    assert client.get(url).status_code == 404
