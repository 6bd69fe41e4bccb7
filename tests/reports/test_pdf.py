"""The leadership report and the Berita Acara of a period: made in the worker, and the text read
back from the PDF holds the period's figures as the scoring engine gives them."""

import io
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from tera.assessments.models import Answer, Contribution
from tera.assessments.periods import start_period
from tera.assessments.stages import Entry, official_levels, record_stage_scores
from tera.core.numbers import format_id
from tera.core.scoring import score
from tera.errors import ActionRefused
from tera.evidence import actions as evidence
from tera.instruments.library import file_library, load_entry
from tera.jobs.models import Job
from tera.planning import actions as planning
from tera.planning.basis import basis_levels
from tera.planning.models import ActionItem
from tera.planning.plans import plan_for, raises
from tera.reports.pdf.berita_acara import berita_acara, require_locked
from tera.reports.pdf.jobs import make_berita_acara, make_leadership_report, start_berita_acara
from tera.reports.pdf.leadership import leadership_report
from tests.assessments.submission import lock_with_levels
from tests.assessments.test_query_counts import LARGE, add_data

pytestmark = pytest.mark.django_db

# Every indicator but the last answered, so the self-assessed index is provisional.
LEVELS = {number: 2 + number % 3 for number in range(1, 47)}
STAGE = {1: 4, 11: 2}  # the assessors raised indicator 1 and lowered 11
TARGET = Decimal("3.60")
BA_DAY = date(2026, 11, 23)


def pdf_text(content):
    """The text of every page, its lines and spaces joined into single spaces."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def compact(text):
    """Without any space, so that a name wrapped in its table cell still matches."""
    return "".join(text.split())


def page_texts(content):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def in_indonesian(message):
    with translation.override("id"):
        return gettext(message)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english(client, settings):
    """The user reads Tera in English: the documents stay Indonesian all the same."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def assessed(period, koordinator, kominfo):
    """Diskominfo proposed a level with evidence on indicator 1; the period is locked with
    LEVELS accepted, the assessors' document stage changed STAGE, and the target is TARGET."""
    Contribution.objects.filter(period=period, opd=kominfo).update(level=3)
    document = evidence.add_document(
        period.instansi, user=koordinator, title="SK Tim SPBE", category="kebijakan",
        opd=kominfo, url="https://spbe.example.go.id/sk",
    )  # fmt: skip
    answer = Answer.objects.select_related("period__instansi").get(period=period, indicator=1)
    contribution = Contribution.objects.get(period=period, opd=kominfo, indicator=1)
    evidence.link_document(answer, document, contribution=contribution, user=koordinator)
    locked = lock_with_levels(period, koordinator, LEVELS)
    stage = {number: Entry(level) for number, level in STAGE.items()}
    record_stage_scores(locked, "dokumen", stage, user=koordinator)
    planning.set_target(locked, index=TARGET, predikat="", user=koordinator)
    return locked


def ask(client, user, name, period, capture):
    client.force_login(user)
    with capture(execute=True):
        return client.post(reverse(name, args=[period.pk]))


@pytest.fixture
def report_text(client, assessed, pimpinan, django_capture_on_commit_callbacks):
    ask(client, pimpinan, "reports:leadership_pdf", assessed, django_capture_on_commit_callbacks)
    return pdf_text(Job.objects.get().result.read())


@pytest.fixture
def on_ba_day(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: BA_DAY)


@pytest.fixture
def ba_text(client, assessed, koordinator, on_ba_day, django_capture_on_commit_callbacks):
    ask(
        client,
        koordinator,
        "reports:berita_acara_pdf",
        assessed,
        django_capture_on_commit_callbacks,
    )
    return pdf_text(Job.objects.get().result.read())


def job_for(period, user):
    return Job.objects.create(
        kind="document", title="Dokumen", params={"period": period.pk}, requested_by=user,
        instansi=period.instansi,
    )  # fmt: skip


def ignore(percent, message):
    """Progress reports nobody follows."""


def self_score(period):
    return score(period.definition, LEVELS, period.year)


def official_score(period):
    return score(period.definition, official_levels(period), period.year)


# The leadership report.


def test_the_leadership_report_is_made_in_the_worker_and_offered_for_download(
    client, assessed, pimpinan, django_capture_on_commit_callbacks
):
    response = ask(
        client, pimpinan, "reports:leadership_pdf", assessed, django_capture_on_commit_callbacks
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert (job.status, job.progress, job.result_name) == (
        Job.Status.DONE,
        100,
        f"laporan-pimpinan-kota-satu-2025-{assessed.pk}.pdf",
    )
    assert job.result.read().startswith(b"%PDF-")


def test_the_report_names_the_instansi_period_and_instrument(assessed, report_text):
    assert "Pemerintah Kota Satu" in report_text
    assert assessed.name in report_text
    assert "Indeks SPBE (PermenPANRB 59/2020)" in report_text


def test_the_report_shows_the_self_assessed_index_and_predikat_of_the_engine(assessed, report_text):
    expected = self_score(assessed)
    assert expected.provisional
    assert f"{format_id(expected.index)} {expected.predikat}" in report_text


def test_the_report_shows_the_official_index_and_predikat_of_the_stages(assessed, report_text):
    expected = official_score(assessed)
    assert expected.index != self_score(assessed).index
    assert f"{format_id(expected.index)} {expected.predikat}" in report_text


def test_the_report_names_every_aspect_with_its_index(assessed, report_text):
    for aspect in self_score(assessed).aspects:
        line = f"{aspect.number}. {aspect.name} {format_id(aspect.value)}"
        assert compact(line) in compact(report_text)


def test_the_report_shows_each_opd_with_its_progress(report_text):
    # assigned, answered, with evidence, accepted
    assert "Dinas Komunikasi dan Informatika 1 1 1 1" in report_text
    assert "Badan Perencanaan Pembangunan Daerah 2 0 0 0" in report_text  # answered none


def test_the_report_shows_the_target_and_the_gap_from_the_official_levels(assessed, report_text):
    gap = Fraction(TARGET) - basis_levels(assessed).score(assessed).index
    assert f"{format_id(TARGET)} {in_indonesian('gap')} {format_id(gap)}" in report_text


def test_the_report_lists_every_indicator_with_its_levels(assessed, report_text):
    definition = assessed.definition
    first, last = definition.indicator_by_number[1], definition.indicator_by_number[47]
    assert compact(f"1 {first.name} {LEVELS[1]} {STAGE[1]}") in compact(report_text)
    assert compact(f"47 {last.name} – –") in compact(report_text)


def test_the_report_proposes_the_planner_s_raises_while_no_item_is_accepted(assessed, report_text):
    proposal = raises(plan_for(assessed, basis_levels(assessed), Fraction(TARGET)).steps)
    assert proposal
    for step in proposal:
        name = assessed.definition.indicator_by_number[step.indicator].name
        line = f"{step.indicator}. {name} {step.from_level} → {step.to_level}"
        assert compact(line) in compact(report_text)


def test_the_report_lists_the_accepted_action_items_and_leaves_out_dropped_ones(
    assessed, koordinator, kominfo
):
    due = date(2026, 6, 30)
    kept = planning.create_item(
        assessed, indicator=5, target_level=4, due_on=due, user=koordinator, owner=kominfo,
        title="Perbarui SK",
    )  # fmt: skip
    dropped = planning.create_item(
        assessed, indicator=6, target_level=5, due_on=due, user=koordinator, owner=kominfo,
        title="Audit TIK",
    )  # fmt: skip
    ActionItem.objects.filter(pk=dropped.pk).update(status=ActionItem.Status.DROPPED)
    report = leadership_report(assessed, BA_DAY, ignore)
    assert [(line.indicator.number, line.to_level) for line in report.plan.lines] == [
        (kept.indicator, 4)
    ]
    text = pdf_text(make_leadership_report(job_for(assessed, koordinator), ignore).content)
    name = assessed.definition.indicator_by_number[5].name
    line = f"5. {name} {LEVELS[5]} → 4 {kominfo.name} 30 Juni 2026"
    assert compact(line) in compact(text)


def test_the_report_is_in_indonesian_whatever_the_asker_reads(report_text):
    assert in_indonesian("Locked") in report_text
    assert in_indonesian("Locked") != "Locked"
    assert " Locked " not in report_text


def test_every_page_names_the_instansi_and_its_number(
    client, assessed, pimpinan, django_capture_on_commit_callbacks
):
    ask(client, pimpinan, "reports:leadership_pdf", assessed, django_capture_on_commit_callbacks)
    pages = page_texts(Job.objects.get().result.read())
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert "Pemerintah Kota Satu" in text
        assert f"{number} / {len(pages)}" in text


def test_the_report_job_reports_gathering_charts_and_rendering(assessed, koordinator):
    reports = []
    make_leadership_report(job_for(assessed, koordinator), lambda p, m: reports.append(p))
    assert reports == [10, 50, 80]


def test_a_period_without_answers_or_target_still_gets_its_report(period, koordinator):
    text = pdf_text(make_leadership_report(job_for(period, koordinator), ignore).content)
    assert "Pemerintah Kota Satu" in text
    assert (
        in_indonesian("No target is set for this period, so there is no plan to reach it.") in text
    )


# The Berita Acara.


def test_the_berita_acara_is_made_in_the_worker_for_the_koordinator(
    client, assessed, koordinator, django_capture_on_commit_callbacks
):
    response = ask(
        client, koordinator, "reports:berita_acara_pdf", assessed,
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert (job.status, job.result_name) == (
        Job.Status.DONE,
        f"berita-acara-kota-satu-2025-{assessed.pk}.pdf",
    )


def test_the_berita_acara_writes_the_day_and_date_in_words(ba_text):
    assert "Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam" in ba_text
    assert "23 November 2026" in ba_text


def test_the_berita_acara_gives_the_self_assessed_index_in_figures_and_words(assessed, ba_text):
    expected = self_score(assessed)
    figure = format_id(expected.index)
    document = berita_acara(assessed, BA_DAY)
    assert f"{figure} ({document.index_in_words})" in ba_text
    assert expected.predikat in ba_text


def test_the_berita_acara_has_the_spbe_title_and_both_signature_blocks(ba_text):
    assert in_indonesian("SELF-ASSESSMENT MINUTES OF THE SPBE EVALUATION") in ba_text
    assert in_indonesian("SPBE Coordinator") in ba_text
    assert in_indonesian("Person in charge of the Internal Assessor Team") in ba_text
    assert ba_text.count(f"{in_indonesian('NIP')}: ") == 2


def test_the_berita_acara_lists_every_indicator_level_in_its_attachment(assessed, ba_text):
    definition = assessed.definition
    for number in (1, 23, 46):
        indicator = definition.indicator_by_number[number]
        level_name = definition.scale_of(indicator).level_name(LEVELS[number])
        line = f"{number} {indicator.name} {LEVELS[number]} {level_name}"
        assert compact(line) in compact(ba_text)


def test_a_pemdi_berita_acara_names_the_digital_government_evaluation(kota, koordinator):
    version, _created = load_entry(file_library().entry("pemdi-2026"))
    period = start_period(instansi=kota, instrument=version, year=2026, user=koordinator)
    locked = lock_with_levels(period, koordinator, {1: 3})
    text = pdf_text(make_berita_acara(job_for(locked, koordinator), ignore).content)
    assert in_indonesian("SELF-ASSESSMENT MINUTES OF THE DIGITAL GOVERNMENT EVALUATION") in text


def test_the_berita_acara_is_refused_while_the_period_is_open(
    client, period, koordinator, django_capture_on_commit_callbacks
):
    response = ask(
        client, koordinator, "reports:berita_acara_pdf", period, django_capture_on_commit_callbacks
    )
    assert response["Location"] == reverse("assessments:period", args=[period.pk])
    assert not Job.objects.exists()
    page = client.get(response["Location"]).text
    assert "lock the period for submission first" in page


def test_the_worker_refuses_the_berita_acara_of_an_open_period(
    period, koordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_berita_acara(period, user=koordinator)
    job.refresh_from_db()
    assert (job.status, bool(job.result)) == (Job.Status.FAILED, False)
    with translation.override("id"), pytest.raises(ActionRefused) as refused:
        require_locked(period)
    assert job.message == refused.value.message


# The buttons and the cost of asking.


def test_the_period_page_offers_the_report_and_the_berita_acara_once_locked(
    client, assessed, koordinator
):
    client.force_login(koordinator)
    text = client.get(reverse("assessments:period", args=[assessed.pk])).text
    assert reverse("reports:leadership_pdf", args=[assessed.pk]) in text
    assert reverse("reports:berita_acara_pdf", args=[assessed.pk]) in text


def test_the_open_period_page_offers_no_berita_acara(client, period, koordinator):
    client.force_login(koordinator)
    text = client.get(reverse("assessments:period", args=[period.pk])).text
    assert reverse("reports:leadership_pdf", args=[period.pk]) in text
    assert reverse("reports:berita_acara_pdf", args=[period.pk]) not in text


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url)
    assert response.status_code == 302
    return len(captured)


@pytest.mark.parametrize("name", ["reports:leadership_pdf", "reports:berita_acara_pdf"])
def test_asking_for_a_document_costs_the_same_queries_with_far_more_data(
    client, assessed, koordinator, kominfo, name
):
    client.force_login(koordinator)
    url = reverse(name, args=[assessed.pk])
    before = queries_of(client, url)
    add_data(assessed, koordinator, kominfo, LARGE)
    assert queries_of(client, url) == before


def test_making_the_report_costs_the_same_queries_with_far_more_data(
    assessed, koordinator, kominfo
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            make_leadership_report(job_for(assessed, koordinator), ignore)
        return len(captured)

    before = queries()
    add_data(assessed, koordinator, kominfo, LARGE)
    assert queries() == before
