"""CSV and JSON exports of a period's results and of the official registry results."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tera.assessments import actions
from tera.assessments.pages import self_assessed_score
from tera.assessments.periods import lock_period
from tera.assessments.stages import Entry, record_stage_scores
from tera.core.numbers import exact_string, format_id
from tera.registry.models import Instansi, OfficialResult
from tests.assessments.test_query_counts import LARGE, SMALL, add_data
from tests.reports.workbook_helpers import save

pytestmark = pytest.mark.django_db
BOM = b"\xef\xbb\xbf"


@pytest.fixture(autouse=True)
def english(client, settings):
    """Labels are checked as written in the code; the Indonesian catalogue may change."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def answered(period, koordinator):
    """Indicator 1 accepted at level 2 with the reviewer's 3; indicator 2 a draft at level 4."""
    answer = save(period, 1, koordinator, 2, "Perwali 5/2023", "Memenuhi tingkat 2")
    answer = actions.submit_answer(answer, version=answer.version, user=koordinator)
    actions.accept_answer(
        answer, version=answer.version, reviewer_level=3, comment="", user=koordinator
    )
    save(period, 2, koordinator, 4, "SK Tim SPBE", "Memenuhi tingkat 4")
    return period


@pytest.fixture
def registry(db):
    """Two kota of Gorontalo and one kabupaten of Jawa Barat, in 2023 and 2024."""
    places = [
        ("Kota Gorontalo", "kota", "Gorontalo", "3.28"),
        ("Kota Limboto", "kota", "Gorontalo", "2.10"),
        ("Kabupaten Bandung", "kabupaten", "Jawa Barat", "3.05"),
    ]
    for name, kind, province, index in places:
        instansi = Instansi.objects.create(
            name=f"Pemerintah {name}", slug=name.lower().replace(" ", "-"), kind=kind,
            province=province,
        )  # fmt: skip
        for year in (2023, 2024):
            OfficialResult.objects.create(
                instansi=instansi, year=year, published_name=name, index=index,
                predikat="Baik", kebijakan="3.10", tata_kelola="2.50",
            )  # fmt: skip


def csv_rows(response):
    content = response.getvalue() if response.streaming else response.content
    assert content.startswith(BOM)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def download(client, user, name, *args, query=""):
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(f"reports:{name}", args=args) + query)
    assert response.status_code == 200
    return response


def test_the_period_csv_has_a_bom_and_one_row_per_indicator(client, answered, pimpinan):
    rows = csv_rows(download(client, pimpinan, "period_csv", answered.pk))
    assert rows[0] == [
        "indikator", "aspek", "nama_indikator", "tingkat", "tingkat_reviu", "status",
        "tingkat_dokumen", "tingkat_interviu", "tingkat_visitasi", "tingkat_final",
    ]  # fmt: skip
    indicators = answered.definition.indicators
    assert [row[0] for row in rows[1 : len(indicators) + 1]] == [str(i.number) for i in indicators]
    assert rows[1][3:] == ["2", "3", "Accepted", "", "", "", ""]
    assert rows[2][3:6] == ["4", "", "Draft"]


def test_the_period_csv_ends_with_the_index_summary(client, answered, pimpinan):
    rows = csv_rows(download(client, pimpinan, "period_csv", answered.pk))
    summary = dict(row for row in rows[rows.index(["ringkasan", "nilai"]) + 1 :])
    score = self_assessed_score(answered)
    assert summary["indeks_mandiri"] == exact_string(score.index)
    assert summary["indeks_mandiri_tampil"] == format_id(score.index)
    assert summary["predikat_mandiri"] == score.predikat
    assert summary["indeks_reviu"] == "3"
    assert "indeks_final" not in summary


def test_the_period_json_gives_exact_and_display_values(client, answered, pimpinan):
    data = download(client, pimpinan, "period_json", answered.pk).json()
    score = self_assessed_score(answered)
    summary = data["summary"]
    assert summary["self_assessed"]["index"] == exact_string(score.index)
    assert summary["self_assessed"]["index_display"] == format_id(score.index)
    assert summary["self_assessed"]["coverage"] == exact_string(score.coverage)
    assert summary["reviewed"]["index"] == "3"
    assert summary["final"] is None
    first_domain = score.domains[0]
    assert summary["self_assessed"]["domains"][0] == {
        "number": 1,
        "name": first_domain.name,
        "index": exact_string(first_domain.value),
        "index_display": format_id(first_domain.value),
        "coverage": exact_string(first_domain.coverage),
    }
    assert data["indicators"][0] == {
        "number": 1,
        "aspect": 1,
        "name": answered.definition.indicator_by_number[1].name,
        "level": 2,
        "reviewer_level": 3,
        "status": "accepted",
        "status_label": "Accepted",
        "stages": {"dokumen": None, "interviu": None, "visitasi": None, "final": None},
    }


def test_the_stage_levels_appear_once_the_assessors_scored(client, answered, koordinator):
    save(answered, 2, koordinator, None)  # every answered indicator must be accepted to lock
    lock_period(answered, user=koordinator)
    record_stage_scores(answered, "dokumen", {1: Entry(1)}, user=koordinator)
    record_stage_scores(answered, "interviu", {1: Entry(2)}, user=koordinator)
    data = download(client, koordinator, "period_json", answered.pk).json()
    stages = {"dokumen": 1, "interviu": 2, "visitasi": 2, "final": 2}
    assert data["indicators"][0]["stages"] == stages
    assert data["summary"]["final"]["index"] == data["summary"]["self_assessed"]["index"]
    rows = csv_rows(download(client, koordinator, "period_csv", answered.pk))
    assert rows[1][6:] == ["1", "2", "2", "2"]


def test_the_registry_csv_is_streamed_with_a_bom_and_follows_the_filter(client, registry):
    response = download(client, None, "registry_csv", query="?year=2024&province=Gorontalo")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert rows[0][:8] == [
        "instansi", "nama_terbit", "jenis", "provinsi", "tahun", "indeks", "indeks_tampil",
        "predikat",
    ]  # fmt: skip
    assert [row[:8] for row in rows[1:]] == [
        ["Pemerintah Kota Gorontalo", "Kota Gorontalo", "kota", "Gorontalo", "2024", "3.28",
         "3,28", "Baik"],
        ["Pemerintah Kota Limboto", "Kota Limboto", "kota", "Gorontalo", "2024", "2.1", "2,10",
         "Baik"],
    ]  # fmt: skip


def test_the_registry_json_gives_exact_index_strings_and_displays(client, registry):
    data = download(client, None, "registry_json", query="?kind=kabupaten&year=2023").json()
    assert data["filter"] == {"year": 2023, "province": None, "kind": "kabupaten"}
    assert data["results"] == [
        {
            "instansi": "Pemerintah Kabupaten Bandung",
            "slug": "kabupaten-bandung",
            "published_name": "Kabupaten Bandung",
            "kind": "kabupaten",
            "province": "Jawa Barat",
            "year": 2023,
            "index": "3.05",
            "index_display": "3,05",
            "predikat": "Baik",
            "domains": {
                "kebijakan": "3.1",
                "tata_kelola": "2.5",
                "manajemen": None,
                "layanan": None,
            },  # fmt: skip
            "problems": [],
        }
    ]


@pytest.mark.parametrize("name", ["registry_csv", "registry_json"])
def test_an_invalid_registry_filter_is_refused_rather_than_exporting_everything(
    client, registry, name
):
    response = client.get(reverse(f"reports:{name}") + "?year=1999")
    assert response.status_code == 400
    assert "The filter is not valid" in response.content.decode()


def test_a_name_excel_would_run_as_a_formula_is_kept_as_text_in_the_csv(client, registry):
    OfficialResult.objects.update(published_name='=HYPERLINK("http://x.example")')
    rows = csv_rows(download(client, None, "registry_csv", query="?year=2024"))
    assert rows[1][1] == '\'=HYPERLINK("http://x.example")'


def test_the_registry_results_page_links_to_its_exports_with_the_filter(client, registry):
    page = client.get(reverse("registry:results") + "?year=2024").content.decode()
    assert reverse("reports:registry_csv") + "?year=2024" in page
    assert reverse("reports:registry_json") + "?year=2024" in page


def level_20_in_csv(content):
    return next(row for row in csv.reader(io.StringIO(content)) if row[:1] == ["20"])[3] == "2"


def level_20_in_json(content):
    return json.loads(content)["indicators"][19]["level"] == 2


def added_kabupaten(content):
    return "Pemerintah Kabupaten b4" in content


# export: (who downloads it, whether it is a period's, how the added data shows in it)
EXPORTS = {
    "period_csv": ("pimpinan", True, level_20_in_csv),
    "period_json": ("pimpinan", True, level_20_in_json),
    "registry_csv": ("anonymous", False, added_kabupaten),
    "registry_json": ("anonymous", False, added_kabupaten),
}


@pytest.mark.parametrize("name", EXPORTS)
def test_an_export_runs_the_same_number_of_queries_on_more_data(
    name, request, client, period, koordinator, kominfo, django_assert_max_num_queries
):
    persona, of_period, shows_added_data = EXPORTS[name]
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    url = reverse(f"reports:{name}", args=[period.pk] if of_period else [])
    add_data(period, koordinator, kominfo, SMALL)
    client.get(url).getvalue()
    with django_assert_max_num_queries(8) as small:
        client.get(url).getvalue()
    add_data(period, koordinator, kominfo, LARGE)
    with django_assert_max_num_queries(len(small)):
        content = client.get(url).getvalue().decode("utf-8-sig")
    assert shows_added_data(content)
