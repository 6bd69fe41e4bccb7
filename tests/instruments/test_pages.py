"""The instrument browsing pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("instruments", "load", stdout=StringIO())


def test_list_shows_every_loaded_instrument_with_bounded_queries(
    client, loaded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("instruments:list"))
    assert response.status_code == 200
    for name in ("Indeks SPBE (PermenPANRB 59/2020)", "Indeks Pemerintah Digital"):
        assert name in response.text


def test_detail_lists_all_47_indicators_with_weights(client, loaded):
    response = client.get(reverse("instruments:detail", args=["spbe-2020"]))
    assert response.status_code == 200
    assert response.text.count(reverse("instruments:indicator", args=["spbe-2020", 1, 1])) == 1
    assert "Layanan Publik Berbasis Elektronik" in response.text
    assert "2,75" in response.text  # weights shown the Indonesian way


def test_a_partly_verified_instrument_is_marked_as_such(client, loaded):
    response = client.get(reverse("instruments:detail", args=["pemdi-2026"]))
    assert 'class="notice"' in response.text
    assert "Sebagian isi instrumen ini belum diverifikasi" in response.text


def test_indicator_page_shows_criteria_for_every_level(client, loaded):
    response = client.get(reverse("instruments:indicator", args=["spbe-2020", 1, 32]))
    assert response.status_code == 200
    for level_name in ("Informasi", "Interaksi", "Transaksi", "Kolaborasi", "Optimum"):
        assert level_name in response.text
    assert "Screenshot" in response.text  # evidence guidance


def test_unknown_indicator_is_404(client, loaded):
    response = client.get(reverse("instruments:indicator", args=["spbe-2020", 1, 99]))
    assert response.status_code == 404


def test_unknown_instrument_is_404(client, loaded):
    assert client.get(reverse("instruments:detail", args=["tidak-ada"])).status_code == 404
