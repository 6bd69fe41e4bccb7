"""The workbook page and its background jobs: making the workbook, importing an upload."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tera.jobs.models import Job
from tera.reports.workbooks import layout
from tera.reports.workbooks.jobs import problem_summary, start_import
from tera.reports.workbooks.reader import Problem, WorkbookRejected
from tera.reports.workbooks.writer import build_workbook
from tests.assessments.test_query_counts import LARGE, SMALL, add_data
from tests.reports.workbook_helpers import answer_of, edit, export, row_of, save, stored

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def english(client, settings):
    """Messages are checked as written in the code; the Indonesian catalogue may change."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def upload(content, name="lembar-kerja.xlsx"):
    return {"workbook": SimpleUploadedFile(name, content)}


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


def test_making_the_workbook_runs_in_the_worker_and_offers_it_for_download(
    client, period, pimpinan, django_capture_on_commit_callbacks
):
    client.force_login(pimpinan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:workbook_export", args=[period.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert (job.status, job.progress, job.result_name) == (
        Job.Status.DONE,
        100,
        f"lembar-kerja-kota-satu-2025-{period.pk}.xlsx",
    )
    workbook = load_workbook(io.BytesIO(job.result.read()))
    assert workbook.sheetnames == ["Lembar Kerja", "OPD", "Petunjuk", "_tera"]


def test_the_workbook_job_reports_its_progress_per_aspect(period, koordinator):
    reports = []
    build_workbook(period, lambda percent, message: reports.append((percent, message)))
    aspects = [message for _percent, message in reports if message.startswith("Aspect")]
    assert aspects == [f"Aspect {n} written." for n in range(1, 9)]
    assert [percent for percent, _message in reports] == sorted(p for p, _m in reports)


def test_a_valid_upload_is_imported_by_the_worker_and_its_file_removed(
    client, period, koordinator, media, django_capture_on_commit_callbacks
):
    client.force_login(koordinator)
    content = edit(export(period), {(2, layout.LEVEL): 4})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:workbook_import", args=[period.pk]), upload(content)
        )
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert job.status == Job.Status.DONE
    assert answer_of(period, 2).level == 4
    assert stored_files(media) == []


def test_a_malformed_upload_lists_every_problem_and_keeps_nothing(
    client, period, koordinator, media
):
    client.force_login(koordinator)
    first = export(period)
    content = edit(first, {(1, layout.LEVEL): 8, (3, layout.EVIDENCE): "[424242]"})
    before = stored(period)
    response = client.post(reverse("reports:workbook_import", args=[period.pk]), upload(content))
    assert response.status_code == 400
    page = response.content.decode()
    assert "2 problems found" in page
    assert f'<td class="num">{row_of(first, 1)}</td><td>D (Tingkat)</td>' in page
    assert f'<td class="num">{row_of(first, 3)}</td><td>G (Data dukung)</td>' in page
    assert (stored(period), Job.objects.count(), stored_files(media)) == (before, 0, [])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lembar-kerja.csv", b"indikator,tingkat\n", "Upload the workbook as an Excel file"),
        ("lembar-kerja.xlsx", b"bukan excel", "This is not a valid Excel workbook"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_on_the_page(
    client, period, koordinator, name, content, message
):
    client.force_login(koordinator)
    response = client.post(
        reverse("reports:workbook_import", args=[period.pk]), upload(content, name)
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_worker_checks_again_and_refuses_what_changed_since_the_upload(
    period, koordinator, asesor, media, django_capture_on_commit_callbacks
):
    content = edit(export(period), {(1, layout.LEVEL): 3})
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(period, content, user=koordinator)
        save(period, 1, asesor, 1, "Ditulis asesor")  # after the page's check, before the worker
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Indicator 1 was changed in Tera after this workbook was made" in job.message
    assert answer_of(period, 1).level == 1
    assert stored_files(media) == []


def test_a_long_list_of_problems_fits_the_job_message_and_says_how_many_more():
    rejected = WorkbookRejected(
        [
            Problem(f"Level “{n}” is not allowed.", "Lembar Kerja", n, "D (Tingkat)")
            for n in range(60)
        ]
    )
    summary = problem_summary(rejected)
    assert len(summary) <= 500
    assert summary.startswith(rejected.message + " Sheet Lembar Kerja, row 0, column D (Tingkat)")
    assert summary.endswith("more.")


def test_the_page_offers_the_import_only_to_the_koordinator(client, period, asesor):
    client.force_login(asesor)
    page = client.get(reverse("reports:workbook", args=[period.pk])).content.decode()
    assert reverse("reports:workbook_export", args=[period.pk]) in page
    assert reverse("reports:workbook_import", args=[period.pk]) not in page
    assert "Only the Koordinator SPBE imports a workbook" in page


def test_the_period_page_links_to_the_workbook_and_the_exports(client, period, koordinator):
    client.force_login(koordinator)
    page = client.get(reverse("assessments:period", args=[period.pk])).content.decode()
    for name in ("workbook", "period_csv", "period_json"):
        assert reverse(f"reports:{name}", args=[period.pk]) in page
    assert reverse("reports:workbook", args=[period.pk]) + "#impor" in page


def test_the_workbook_page_runs_the_same_number_of_queries_on_more_data(
    client, period, koordinator, kominfo, django_assert_max_num_queries
):
    client.force_login(koordinator)
    url = reverse("reports:workbook", args=[period.pk])
    add_data(period, koordinator, kominfo, SMALL)
    client.get(url)
    with django_assert_max_num_queries(6) as small:
        client.get(url)
    add_data(period, koordinator, kominfo, LARGE)
    for _n in range(6):
        Job.objects.create(
            kind="tera.reports.workbooks.jobs.export_workbook",
            title="Lembar kerja",
            params={"period": period.pk},
            instansi=period.instansi,
            requested_by=koordinator,
        )
    with django_assert_max_num_queries(len(small)):
        response = client.get(url)
    assert response.content.decode().count("Lembar kerja</a>") == 5
