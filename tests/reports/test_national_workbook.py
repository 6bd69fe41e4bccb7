"""The national view as a workbook: the rows of the page, with its filters, numbers as numbers."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tera.registry.importer import import_results
from tera.registry.models import Instansi, NationalAverage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        import_results()
        yield
        Instansi.objects.all().delete()
        NationalAverage.objects.all().delete()


def rows_of(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]


def test_the_workbook_holds_every_instansi_of_the_year(client, imported):
    response = client.get(reverse("public:national_workbook"), {"year": 2024})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="hasil-nasional-2024.xlsx"'
    assert len(rows_of(response)) == 615


def test_the_workbook_keeps_the_filters_and_the_published_figures(client, imported):
    response = client.get(
        reverse("public:national_workbook"), {"year": 2024, "province": "Gorontalo"}
    )
    rows = {row[0]: row for row in rows_of(response)}
    assert len(rows) == 7
    province = rows["Pemerintah Provinsi Gorontalo"]
    assert (province[3], province[4], province[5]) == (4.13, "Sangat Baik", 5)


def test_an_invalid_filter_gives_no_workbook(client, imported):
    response = client.get(reverse("public:national_workbook"), {"year": 1999})
    assert response.status_code == 400
