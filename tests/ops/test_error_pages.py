"""Tera's own error pages: Indonesian, inside the normal layout, with a way back."""

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LAYOUT = 'class="topbar"'


def page_of(response):
    return response.content.decode()


def test_an_unknown_address_is_the_indonesian_404_page_with_links_back(client):
    response = client.get("/tidak-ada-halaman-ini/")
    page = page_of(response)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in page
    assert LAYOUT in page
    assert 'href="/"' in page and "Kembali ke beranda" in page
    assert "Hasil resmi" in page


def test_a_signed_in_user_is_sent_back_to_the_dashboard(client, opd_member):
    client.force_login(opd_member)
    page = page_of(client.get("/tidak-ada-halaman-ini/"))
    assert "Kembali ke dasbor" in page
    assert "Kembali ke beranda" not in page


def test_a_page_outside_the_role_is_the_indonesian_403_page(client, opd_member):
    client.force_login(opd_member)
    response = client.get("/akun/penguncian/")
    page = page_of(response)
    assert response.status_code == 403
    assert "Akses ditolak" in page
    assert "Koordinator SPBE" in page
    assert LAYOUT in page and "Kembali ke dasbor" in page
    assert "Forbidden" not in page


def test_the_server_error_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/periode/1/"))
    page = page_of(response)
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in page
    assert LAYOUT in page and "Kembali ke beranda" in page


def test_a_form_sent_without_its_token_is_the_indonesian_csrf_page(koordinator):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/masuk/", {"username": "koordinator", "password": PASSWORD})
    page = page_of(response)
    assert response.status_code == 403
    assert "Formulir tidak dapat dikirim" in page
    assert "Tidak ada yang tersimpan" in page
    assert LAYOUT in page


def test_the_language_menu_names_english_in_english(client):
    page = page_of(client.get("/masuk/"))
    assert ">English<" in page
    assert "Bahasa Indonesia" in page
    assert "Inggris" not in page


def test_the_browsers_icon_address_leads_to_tera_s_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/tera/favicon")
    assert response["Location"].endswith(".svg")
