"""Tokens: made on the page or the command, shown once, stored as a hash, refused when stale."""

import hashlib
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tera.api.actions import create_token, revoke_token
from tera.api.models import ApiToken
from tera.audit.models import AuditEntry
from tests.api.conftest import Api, token_for

pytestmark = pytest.mark.django_db
PERIODS = "/periods"


def test_a_call_without_a_token_gets_401_in_json(api, period):
    response = api.get(PERIODS, None)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]


def test_an_unknown_token_gets_401(api, period):
    assert api.get(PERIODS, "tera_bukan-token-yang-ada").status_code == 401


def test_another_scheme_than_bearer_gets_401(api, koordinator, client):
    secret = token_for(koordinator)
    response = client.get("/api/periods", headers={"Authorization": f"Token {secret}"})
    assert response.status_code == 401


def test_a_revoked_token_gets_401(api, koordinator):
    token, secret = create_token(koordinator, name="skrip")
    revoke_token(token, user=koordinator)
    assert api.get(PERIODS, secret).status_code == 401


def test_an_expired_token_gets_401(api, koordinator):
    _token, secret = create_token(
        koordinator, name="skrip", expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert api.get(PERIODS, secret).status_code == 401


def test_a_token_of_a_deactivated_user_gets_401(api, koordinator):
    secret = token_for(koordinator)
    koordinator.is_active = False
    koordinator.save()
    assert api.get(PERIODS, secret).status_code == 401


def test_a_signed_in_session_without_a_token_gets_401(api, client, koordinator):
    client.force_login(koordinator)
    assert api.get(PERIODS, None).status_code == 401


def test_a_valid_token_acts_as_its_user_and_marks_its_last_use(api, period, koordinator):
    token, secret = create_token(koordinator, name="skrip")
    response = api.get(PERIODS, secret)
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [period.pk]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_the_sha256_of_the_secret_is_stored(koordinator):
    token, secret = create_token(koordinator, name="skrip")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert stored["secret_sha256"] == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {str(value) for value in stored.values()}


def test_creating_and_revoking_a_token_is_audited_without_its_secret(koordinator):
    token, secret = create_token(koordinator, name="skrip")
    revoke_token(token, user=koordinator)
    entries = AuditEntry.objects.filter(object_id=str(token.pk)).order_by("position")
    assert [entry.action for entry in entries] == ["api_token.create", "api_token.revoke"]
    assert all(secret not in str(entry.after) for entry in entries)


def test_the_page_shows_a_new_token_once(client, koordinator, api):
    client.force_login(koordinator)
    response = client.post(reverse("tokens:create"), {"name": "dasbor", "lifetime": "30"})
    secret = response.context["secret"]
    assert secret in response.text
    assert response["Cache-Control"] == "private, no-store"
    assert secret not in client.get(reverse("tokens:list")).text
    assert api.get(PERIODS, secret).status_code == 200


def test_a_token_made_on_the_page_expires_after_the_lifetime_chosen(client, koordinator):
    client.force_login(koordinator)
    client.post(reverse("tokens:create"), {"name": "dasbor", "lifetime": "30"})
    token = ApiToken.objects.get(user=koordinator)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)


def test_the_page_lists_only_the_users_own_tokens(client, koordinator, asesor):
    create_token(koordinator, name="punya koordinator")
    create_token(asesor, name="punya asesor")
    client.force_login(asesor)
    page = client.get(reverse("tokens:list")).text
    assert "punya asesor" in page
    assert "punya koordinator" not in page


def test_a_token_without_a_name_is_refused_on_the_page(client, koordinator):
    client.force_login(koordinator)
    response = client.post(reverse("tokens:create"), {"name": "", "lifetime": "30"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoking_on_the_page_stops_the_token(client, koordinator, api):
    token, secret = create_token(koordinator, name="skrip")
    client.force_login(koordinator)
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 302
    assert api.get(PERIODS, secret).status_code == 401


def test_the_command_prints_a_working_token_once(capsys, koordinator, api):
    call_command("api", "token", "create", "koordinator", "--name", "rekap", "--days", "7")
    secret = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=koordinator)
    assert token.name == "rekap"
    assert token.expires_at is not None
    assert api.get(PERIODS, secret).status_code == 200


def test_the_command_refuses_an_unknown_user(capsys, db):
    with pytest.raises(SystemExit) as exit_info:
        call_command("api", "token", "create", "tidak-ada")
    assert exit_info.value.code == 2
    assert "tidak-ada" in capsys.readouterr().err
    assert not ApiToken.objects.exists()


def test_a_change_with_a_token_needs_no_csrf_token(period, koordinator, openapi):
    api = Api(Client(enforce_csrf_checks=True), openapi)
    body = {"version": 1, "level": 2, "fakta": "F", "analisis": "A"}
    response = api.put(
        "/periods/{period_id}/answers/{indicator}",
        token_for(koordinator),
        body,
        period_id=period.pk,
        indicator=1,
    )
    assert response.status_code == 200
