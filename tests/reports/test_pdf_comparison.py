"""The provincial comparison as a PDF: Gorontalo 2024 against the official registry, public for
everyone, and made in the worker with the asker's own detail for whoever is signed in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tera.jobs.models import Job
from tera.organizations.models import Membership
from tera.registry.importer import import_results
from tera.registry.models import Instansi, NationalAverage
from tera.reports.actions import publish_period
from tests.conftest import member
from tests.reports.publication_helpers import levels_with, official_period
from tests.reports.test_pdf import compact, in_indonesian, pdf_text

pytestmark = pytest.mark.django_db

# A few official 2024 rows of Gorontalo: index, predikat, the four domains, the change since
# 2023, the gap to the province and the rank among the kab/kota.
ROWS = (
    "Pemerintah Provinsi Gorontalo 4,13 Sangat Baik 5,00 4,00 3,09 4,33 +0,91 – –",
    "Pemerintah Kab. Boalemo 2,40 Cukup 2,00 1,60 1,27 3,37 +0,38 -1,73 6",
    "Pemerintah Kab. Bone Bolango 3,00 Baik 3,70 2,00 1,36 3,95 +0,05 -1,13 1",
    "Pemerintah Kota Gorontalo 2,82 Baik 3,10 2,40 1,00 3,63 +0,23 -1,31 3",
)
LEVELS = levels_with(4, 2, every=5)


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    # Importing once per module keeps the suite fast; everything is removed afterwards.
    with django_db_blocker.unblock():
        import_results()
        yield
        Instansi.objects.all().delete()
        NationalAverage.objects.all().delete()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english(client, settings):
    """The visitor reads Tera in English: the document stays Indonesian all the same."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def unpublished(kota, koordinator, spbe_2020_version):
    """Kota Satu of Gorontalo has its official 2024 levels in Tera, not published."""
    return official_period(kota, koordinator, spbe_2020_version, LEVELS, year=2024)


@pytest.fixture
def gorontalo_coordinator(imported):
    """The provincial coordinator of the registry's own Provinsi Gorontalo."""
    province = Instansi.objects.get(slug="pemerintah-provinsi-gorontalo")
    return member("pengampu-gorontalo", province, Membership.Role.PROVINSI)


def public_pdf(client, province="gorontalo", year=2024):
    return client.get(reverse("reports:comparison_pdf", args=[province]), {"year": year})


def job_text(client, user, capture, province="gorontalo", year=2024):
    client.force_login(user)
    url = reverse("reports:comparison_pdf_job", args=[province]) + f"?year={year}"
    with capture(execute=True):
        response = client.post(url)
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert job.status == Job.Status.DONE
    return pdf_text(job.result.read())


def test_the_public_pdf_is_a_download_named_after_the_province_and_year(client, imported):
    response = public_pdf(client)
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="perbandingan-gorontalo-2024.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("row", ROWS)
def test_the_public_pdf_of_gorontalo_2024_holds_the_official_figures(client, imported, row):
    assert compact(row) in compact(pdf_text(public_pdf(client).content))


def test_the_public_pdf_gives_the_spread_ranking_and_national_index(client, imported):
    text = pdf_text(public_pdf(client).content)
    assert f"{in_indonesian('Range')} 0,60" in text
    assert f"{in_indonesian('Mean')} 2,72" in text
    assert compact("1 Pemerintah Kab. Bone Bolango 3,00 Baik -1,13") in compact(text)
    assert "3,12 (Baik)" in text


def test_a_signed_in_user_gets_the_comparison_from_the_worker(
    client, imported, outsider, django_capture_on_commit_callbacks
):
    text = job_text(client, outsider, django_capture_on_commit_callbacks)
    assert compact(ROWS[1]) in compact(text)


def test_the_provincial_coordinator_s_pdf_holds_unpublished_levels_marked(
    client, imported, unpublished, gorontalo_coordinator, django_capture_on_commit_callbacks
):
    text = job_text(client, gorontalo_coordinator, django_capture_on_commit_callbacks)
    assert "Pemerintah Kota Satu" in text
    assert in_indonesian("official, not published") in text


def test_the_public_pdf_holds_no_unpublished_level(client, imported, unpublished):
    text = pdf_text(public_pdf(client).content)
    assert "Pemerintah Kota Satu" not in text
    assert in_indonesian("Indicator levels across the province") not in text


def test_a_published_period_brings_its_heatmap_and_weakest_indicators(
    client, imported, unpublished, koordinator
):
    publish_period(unpublished, user=koordinator)
    text = pdf_text(public_pdf(client).content)
    assert in_indonesian("Weakest indicators: candidates for joint programmes") in text
    weakest = unpublished.definition.indicator_by_number[5]  # every fifth is at level 2
    assert compact(f"5. {weakest.name} 2,00 1") in compact(text)


def test_a_year_without_a_result_is_not_found(client, imported):
    assert public_pdf(client, year=1999).status_code == 404


def test_the_public_pdf_costs_the_same_queries_for_a_larger_province(client, imported):
    counts = []
    for province in ("gorontalo", "jawa-timur"):
        with CaptureQueriesContext(connection) as captured:
            assert public_pdf(client, province).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_asking_for_the_comparison_costs_the_same_queries_for_a_larger_province(
    client, imported, outsider
):
    client.force_login(outsider)
    counts = []
    for province in ("gorontalo", "jawa-timur"):
        url = reverse("reports:comparison_pdf_job", args=[province]) + "?year=2024"
        with CaptureQueriesContext(connection) as captured:
            assert client.post(url).status_code == 302
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_page_offers_a_visitor_the_public_pdf(client, imported):
    text = client.get(reverse("public:province", args=["gorontalo"]), {"year": 2024}).text
    assert f'action="{reverse("reports:comparison_pdf", args=["gorontalo"])}"' in text


def test_the_page_offers_a_signed_in_user_the_pdf_made_in_the_worker(client, imported, outsider):
    client.force_login(outsider)
    text = client.get(reverse("public:province", args=["gorontalo"]), {"year": 2024}).text
    assert reverse("reports:comparison_pdf_job", args=["gorontalo"]) + "?year=2024" in text
