"""The public pages of official results."""

import pytest
from django.urls import reverse

from tera.registry.importer import import_results
from tera.registry.models import Instansi, NationalAverage, OfficialResult

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    # Importing once per module keeps the suite fast; everything is removed afterwards.
    with django_db_blocker.unblock():
        import_results()
        yield
        Instansi.objects.all().delete()
        NationalAverage.objects.all().delete()


def rows(response):
    return response.text.count('href="/publik/instansi/')


def test_province_filter_shows_gorontalo_2024(client, imported, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("registry:results"), {"province": "Gorontalo", "year": 2024})
    assert response.status_code == 200
    assert rows(response) == 7
    assert "Pemerintah Provinsi Gorontalo" in response.text
    assert "4,13" in response.text and "Sangat Baik" in response.text


def test_full_table_query_count_does_not_grow_with_rows(
    client, imported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("registry:results"))
    assert response.status_code == 200
    assert rows(response) == OfficialResult.objects.count() == 1256


def test_kind_filter(client, imported):
    response = client.get(reverse("registry:results"), {"kind": "kementerian", "year": 2023})
    assert (
        rows(response)
        == OfficialResult.objects.filter(year=2023, instansi__kind="kementerian").count()
    )


def test_sort_by_index_puts_the_highest_first(client, imported):
    response = client.get(reverse("registry:results"), {"sort": "index"})
    text = response.text
    # Banyuwangi 2024 (4,77) is the highest published index of all years.
    first = text.index('href="/publik/instansi/')
    assert text[first:].split(">", 1)[1].startswith("Pemerintah Kab. Banyuwangi<")


def test_an_invalid_filter_shows_an_error_and_no_rows(client, imported):
    response = client.get(reverse("registry:results"), {"year": 1999})
    assert response.status_code == 200
    assert rows(response) == 0
    assert 'class="notice" role="alert"' in response.text


def test_a_problem_row_carries_a_visible_badge_with_its_text(client, imported):
    result = OfficialResult.objects.get(published_name="Pemerintah Kota Serang", year=2023)
    result.problems = ["predikat 'Baik' tidak sesuai"]
    result.save()
    response = client.get(reverse("registry:results"), {"province": "Banten", "year": 2023})
    assert 'class="badge badge-warn" title="predikat &#x27;Baik&#x27; tidak sesuai"' in (
        response.text
    )
    assert "predikat &#x27;Baik&#x27; tidak sesuai</span>" in response.text


def test_htmx_request_gets_only_the_table(client, imported):
    response = client.get(reverse("registry:results"), {"year": 2023}, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<div id="results-table"')
    assert "<html" not in response.text and "<form" not in response.text
    assert rows(response) == 621


def test_instansi_page_shows_history_and_aliases(client, imported, django_assert_max_num_queries):
    url = reverse("public:instansi", args=["pemerintah-provinsi-nusa-tenggara-timur"])
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert "Pemerintah Provinsi NTT" in response.text
    assert '<th scope="row" class="num">2023</th>' in response.text
    assert '<th scope="row" class="num">2024</th>' in response.text


def test_instansi_page_shows_the_computed_index_and_the_source(client, imported):
    result = OfficialResult.objects.get(instansi__slug="pemerintah-kab-pacitan", year=2024)
    response = client.get(reverse("public:instansi", args=["pemerintah-kab-pacitan"]))
    assert "3,50" in response.text and "3,4986" in response.text and "Baik" in response.text
    assert f'href="{result.source}"' in response.text


def test_the_older_address_of_an_instansi_leads_to_its_one_public_page(client, imported):
    response = client.get(reverse("registry:instansi", args=["pemerintah-kab-pacitan"]))
    assert response.status_code == 301
    assert response["Location"] == reverse("public:instansi", args=["pemerintah-kab-pacitan"])


def test_unknown_instansi_is_404(client, imported):
    assert client.get(reverse("public:instansi", args=["tidak-ada"])).status_code == 404


def test_national_page_lists_2018_to_2024(client, imported, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("registry:national"))
    assert response.status_code == 200
    assert "3,12" in response.text and "1,98" in response.text
    assert response.text.index('<td class="num">2018</td>') < response.text.index(
        '<td class="num">2024</td>'
    )


def test_an_instansi_without_official_results_has_no_public_page(client, db):
    Instansi.objects.create(name="Pemerintah Kota Contoh", slug="kota-contoh", kind="kota")
    assert client.get(reverse("public:instansi", args=["kota-contoh"])).status_code == 404
