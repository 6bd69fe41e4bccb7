"""What the read-only resources return: instruments, official results, periods, evidence, scores."""

import pytest
from django.utils import timezone

from tera.assessments.models import Answer, StageScore
from tera.core.numbers import exact_string, format_id
from tera.core.scoring import score
from tera.evidence.actions import add_document, link_document
from tera.registry.models import Instansi, OfficialResult
from tests.api.conftest import token_for
from tests.permissions.matrix import pdf

pytestmark = pytest.mark.django_db
SCORE = "/periods/{period_id}/score"


def set_levels(period, levels, field="level"):
    answers = list(period.answers.filter(indicator__in=levels))
    for answer in answers:
        setattr(answer, field, levels[answer.indicator])
    Answer.objects.bulk_update(answers, [field])


def test_an_instrument_version_gives_weights_as_exact_strings_and_criteria(
    api, spbe_2020_version, pimpinan
):
    response = api.get(
        "/instruments/{version_id}", token_for(pimpinan), version_id=spbe_2020_version.pk
    )
    instrument = response.json()
    assert (instrument["code"], instrument["status"]) == ("spbe-2020", "official")
    assert [domain["weight"] for domain in instrument["domains"]] == ["13", "25", "16.5", "45.5"]
    first = instrument["aspects"][0]["indicators"][0]
    assert first["number"] == 1
    assert isinstance(first["weight"], str)
    assert [criterion["level"] for criterion in first["criteria"]] == [1, 2, 3, 4, 5]


def test_an_unknown_instrument_version_is_404(api, spbe_2020_version, pimpinan):
    assert (
        api.get("/instruments/{version_id}", token_for(pimpinan), version_id=99).status_code == 404
    )


@pytest.fixture
def results(db):
    rows = [
        ("Pemerintah Kota Tiga", "kota", "Gorontalo", 2024, "3.10"),
        ("Pemerintah Kabupaten Empat", "kabupaten", "Gorontalo", 2024, "2.40"),
        ("Pemerintah Kota Lima", "kota", "Bali", 2023, "3.60"),
    ]
    for name, kind, province, year, index in rows:
        instansi = Instansi.objects.create(
            name=name, slug=name.lower().replace(" ", "-"), kind=kind, province=province
        )
        OfficialResult.objects.create(
            instansi=instansi, year=year, published_name=name, index=index, kebijakan="3.00"
        )


def test_official_results_filter_by_year_province_and_kind(api, results, pimpinan):
    query = {"year": 2024, "province": "Gorontalo", "kind": "kota"}
    response = api.get("/results", token_for(pimpinan), query=query)
    rows = response.json()["items"]
    assert [(r["instansi"]["name"], r["index"]) for r in rows] == [("Pemerintah Kota Tiga", "3.10")]
    assert rows[0]["domains"] == {
        "kebijakan": "3.00", "tata_kelola": None, "manajemen": None, "layanan": None,
    }  # fmt: skip


def test_an_unknown_kind_of_instansi_is_422(api, results, pimpinan):
    response = api.get("/results", token_for(pimpinan), query={"kind": "desa"})
    assert response.status_code == 422


def test_an_instansi_history_lists_its_results_newest_first(api, results, pimpinan):
    response = api.get("/results/instansi/{slug}", token_for(pimpinan), slug="pemerintah-kota-lima")
    assert [r["year"] for r in response.json()["results"]] == [2023]


def test_the_outsider_lists_only_the_periods_of_their_instansi(api, period, other_period, outsider):
    response = api.get("/periods", token_for(outsider))
    assert [p["id"] for p in response.json()["items"]] == [other_period.pk]


def test_the_provincial_coordinator_lists_the_periods_of_the_province(
    api, period, other_period, provincial
):
    response = api.get("/periods", token_for(provincial))
    assert [p["id"] for p in response.json()["items"]] == [period.pk]


def test_a_period_summary_counts_the_answers_for_readers_of_everything(api, period, pimpinan):
    set_levels(period, {1: 2, 2: 3})
    summary = api.get("/periods/{period_id}", token_for(pimpinan), period_id=period.pk).json()[
        "summary"
    ]
    assert (summary["answered"], summary["total"]) == (2, 47)
    assert summary["status_counts"]["draft"] == 47


def test_an_opd_member_gets_no_period_summary(api, period, opd_member):
    response = api.get("/periods/{period_id}", token_for(opd_member), period_id=period.pk)
    assert response.json()["summary"] is None


def test_the_score_is_the_engines_exact_index_with_the_indonesian_display(api, period, koordinator):
    levels = {1: 3, 2: 4, 3: 2, 10: 5}
    set_levels(period, levels)
    expected = score(period.definition, levels, period.year)
    body = api.get(SCORE, token_for(koordinator), period_id=period.pk).json()
    own = body["self_assessed"]
    assert own["index"] == exact_string(expected.index)
    assert own["index_display"] == format_id(expected.index)
    assert "," in own["index_display"]
    assert (own["predikat"], own["final"]) == (expected.predikat, False)
    assert own["coverage"] == exact_string(expected.coverage)
    assert [d["index"] for d in own["domains"]] == [
        None if d.value is None else exact_string(d.value) for d in expected.domains
    ]


def test_a_complete_self_assessment_at_level_3_scores_3_baik(api, period, koordinator):
    set_levels(period, {indicator.number: 3 for indicator in period.definition.indicators})
    own = api.get(SCORE, token_for(koordinator), period_id=period.pk).json()["self_assessed"]
    assert (own["index"], own["index_display"], own["predikat"], own["final"]) == (
        "3", "3,00", "Baik", True,
    )  # fmt: skip


def test_the_reviewed_score_reads_the_reviewers_levels(api, period, koordinator):
    set_levels(period, {1: 2}, field="reviewer_level")
    body = api.get(SCORE, token_for(koordinator), period_id=period.pk).json()
    expected = score(period.definition, {1: 2}, period.year)
    assert body["reviewed"]["index"] == exact_string(expected.index)
    assert body["self_assessed"]["index"] is None


def test_there_is_no_official_score_before_the_external_assessors_score(api, period, koordinator):
    body = api.get(SCORE, token_for(koordinator), period_id=period.pk).json()
    assert body["official"] is None


def test_the_official_score_lays_the_final_stage_over_the_self_assessment(api, period, koordinator):
    set_levels(period, {1: 3, 2: 3})
    StageScore.objects.create(
        period=period, indicator=1, stage="final", level=5, entered_at=timezone.now()
    )
    body = api.get(SCORE, token_for(koordinator), period_id=period.pk).json()
    expected = score(period.definition, {1: 5, 2: 3}, period.year)
    assert body["official"]["index"] == exact_string(expected.index)


@pytest.fixture
def evidence(settings, tmp_path, period, koordinator, kominfo, bappeda):
    settings.MEDIA_ROOT = tmp_path
    first = period.answers.get(indicator=1)
    cited = add_document(
        period.instansi, user=koordinator, title="Perwali SPBE", category="kebijakan",
        opd=kominfo, upload=pdf("perwali.pdf"),
    )  # fmt: skip
    contribution = period.contributions.get(indicator=1, opd=kominfo)
    link_document(first, cited, contribution=contribution, user=koordinator)
    add_document(
        period.instansi, user=koordinator, title="Renstra Bappeda", category="kebijakan",
        opd=bappeda, url="https://bappeda.example.go.id/renstra",
    )  # fmt: skip
    return cited


def test_documents_carry_their_revisions_with_a_download_address_of_the_web_app(
    api, evidence, koordinator
):
    response = api.get("/documents/{document_id}", token_for(koordinator), document_id=evidence.pk)
    revision = response.json()["revisions"][0]
    stored = evidence.revisions.get()
    assert (revision["sha256"], revision["size"]) == (stored.sha256, stored.size)
    assert revision["content_type"] == "application/pdf"
    assert revision["download_url"] == f"http://testserver/berkas/{stored.pk}/unduh/"


def test_an_opd_member_lists_only_the_documents_they_may_see(api, evidence, opd_member):
    response = api.get(
        "/instansi/{instansi_id}/documents",
        token_for(opd_member),
        instansi_id=evidence.instansi_id,
    )
    assert [d["title"] for d in response.json()["items"]] == ["Perwali SPBE"]


def test_an_answers_evidence_names_the_opd_that_cited_it(api, evidence, period, pimpinan):
    response = api.get(
        "/periods/{period_id}/answers/{indicator}/evidence",
        token_for(pimpinan),
        period_id=period.pk,
        indicator=1,
    )
    [link] = response.json()
    assert (link["document"]["title"], link["opd"]["short_name"]) == ("Perwali SPBE", "Diskominfo")
