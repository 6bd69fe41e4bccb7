"""The national view and the provincial comparison are kept in the cache for visitors without
log-in, and every change to what they show reaches the next request."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tera.registry.models import NationalAverage, OfficialResult
from tera.reports.actions import publish_period, withdraw_publication
from tests.reports.publication_helpers import (
    index_text,
    levels_with,
    official_period,
    self_assessed_period,
)

pytestmark = pytest.mark.django_db

NATIONAL = {"year": 2025}
PUBLISHED_LEVELS = levels_with(5, 4, every=4)


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def results(province, kota):
    """Gorontalo and Kota Satu in the registry for 2025, and the national average of 2025."""
    NationalAverage.objects.create(year=2025, index=Decimal("2.79"), predikat="Baik")
    return [
        OfficialResult.objects.create(
            instansi=instansi,
            year=2025,
            published_name=instansi.name,
            index=Decimal(index),
            predikat="Baik",
        )  # fmt: skip
        for instansi, index in ((province, "3.41"), (kota, "2.63"))
    ]


def national_page(client):
    return client.get(reverse("public:national"), NATIONAL).text


def province_page(client):
    return client.get(reverse("public:province", args=["gorontalo"]), NATIONAL).text


def queries(client, url):
    """The queries of one visit, and what the page shows (its CSRF token changes every time)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, NATIONAL, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return len(captured), response.text


# A repeated visit reads only the cache's token: the provincial comparison keeps the province
# and its years there too.
REPEATED_VISIT_QUERIES = {"public:national": 1, "public:province": 1}


@pytest.mark.parametrize("name", sorted(REPEATED_VISIT_QUERIES))
def test_a_repeated_visit_costs_fewer_queries_and_shows_the_same(client, results, name):
    url = reverse(name, args=["gorontalo"] if name == "public:province" else [])
    first_count, first = queries(client, url)
    second_count, second = queries(client, url)
    assert second == first
    assert "2,63" in second
    assert second_count == REPEATED_VISIT_QUERIES[name] < first_count


def test_a_changed_official_result_shows_at_once(client, results):
    assert "2,63" in national_page(client) and "2,63" in province_page(client)
    results[1].index = Decimal("2.71")
    results[1].save()
    assert "2,71" in national_page(client) and "2,71" in province_page(client)
    assert "2,63" not in national_page(client)


def test_a_new_year_of_results_opens_the_comparison_of_that_year_at_once(client, results, kota):
    url = reverse("public:province", args=["gorontalo"])
    assert client.get(url, {"year": 2026}).status_code == 404
    OfficialResult.objects.create(
        instansi=kota, year=2026, published_name=kota.name, index=Decimal("2.90"), predikat="Baik"
    )
    response = client.get(url, {"year": 2026})
    assert response.status_code == 200
    assert "2,90" in response.text


def test_a_renamed_instansi_shows_at_once(client, results, kota):
    assert "Pemerintah Kota Satu" in national_page(client)
    kota.name = "Pemerintah Kota Satu Baru"
    kota.save()
    assert "Pemerintah Kota Satu Baru" in national_page(client)
    assert "Pemerintah Kota Satu Baru" in province_page(client)


def test_a_changed_national_average_shows_at_once(client, results):
    assert "2,79" in national_page(client)
    NationalAverage.objects.filter(year=2025).get().delete()
    assert "2,79" not in national_page(client)


def test_a_publication_and_its_withdrawal_show_at_once(
    client, province, kota, koordinator, spbe_2020_version
):
    OfficialResult.objects.create(
        instansi=province, year=2025, published_name=province.name, index=Decimal("3.41")
    )
    period = official_period(kota, koordinator, spbe_2020_version, PUBLISHED_LEVELS)
    published = index_text(period, PUBLISHED_LEVELS)
    assert "Pemerintah Kota Satu" not in national_page(client)
    assert published not in province_page(client)
    publish_period(period, user=koordinator)
    assert "Pemerintah Kota Satu" in national_page(client)
    assert published in province_page(client)
    withdraw_publication(period, user=koordinator)
    assert "Pemerintah Kota Satu" not in national_page(client)
    assert published not in province_page(client)


def test_the_cached_page_follows_the_language(client, settings, results):
    assert "All instansi" in national_page(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    assert "All instansi" not in national_page(client)
    assert "Semua instansi" in national_page(client)


def test_who_reads_a_kota_in_tera_never_gets_the_visitors_copy(
    client, results, kota, koordinator, provincial, spbe_2020_version
):
    self_assessed_period(kota, koordinator, spbe_2020_version, levels_with(3, 2, every=5))
    assert 'data-source="self"' not in province_page(client)
    client.force_login(provincial)
    assert 'data-source="self"' in province_page(client)
    client.logout()
    assert 'data-source="self"' not in province_page(client)
