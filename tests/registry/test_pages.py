"""The public pages of official results."""

import pytest
from django.urls import reverse

from tera.registry.importer import import_results
from tera.registry.models import OfficialResult

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        import_results()
        yield
        OfficialResult.objects.all().delete()


def test_province_filter_shows_gorontalo_2024(client, imported, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("registry:results"), {"province": "Gorontalo", "year": 2024})
    assert response.status_code == 200
    assert response.text.count('href="/hasil/instansi/') == 7
    assert "4,13" in response.text and "Sangat Baik" in response.text


def test_full_table_query_count_does_not_grow_with_rows(
    client, imported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("registry:results"))
    assert response.text.count('href="/hasil/instansi/') == OfficialResult.objects.count()


def test_htmx_request_gets_only_the_table(client, imported):
    response = client.get(reverse("registry:results"), {"year": 2023}, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<div id="results-table"')
    assert "<html" not in response.text


def test_instansi_page_shows_history_and_aliases(client, imported, django_assert_max_num_queries):
    url = reverse("registry:instansi", args=["pemerintah-provinsi-nusa-tenggara-timur"])
    with django_assert_max_num_queries(4):
        response = client.get(url)
    assert "Pemerintah Provinsi NTT" in response.text
    assert "2023" in response.text and "2024" in response.text


def test_unknown_instansi_is_404(client, imported):
    assert client.get(reverse("registry:instansi", args=["tidak-ada"])).status_code == 404


def test_national_page_lists_2018_to_2024(client, imported, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("registry:national"))
    assert "3,12" in response.text and "1,98" in response.text
