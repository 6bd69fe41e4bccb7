"""Plain HTTP is sent to HTTPS in production, except the liveness probe of a load balancer."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_page_over_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/masuk/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/masuk/"


def test_the_liveness_probe_answers_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz/").status_code == 200


def test_behind_a_proxy_its_https_header_counts_as_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/masuk/", HTTP_X_FORWARDED_PROTO="https").status_code == 200


def test_the_cookies_of_a_log_in_are_secure_and_hidden_from_scripts(client, settings, koordinator):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client.get("/masuk/", secure=True)
    response = client.post(
        "/masuk/", {"username": "koordinator", "password": "rahasia-uji-123"}, secure=True
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")
