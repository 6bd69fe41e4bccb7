"""A Koordinator lifts the locks of their own people; a platform admin lifts any lock."""

import pytest
from django.urls import reverse

from tera.accounts.models import LoginThrottle
from tera.audit.models import AuditEntry
from tests.accounts.conftest import fail, log_in

pytestmark = pytest.mark.django_db


def locked_keys(response):
    return [lockout.key for lockout in response.context["lockouts"]]


def test_the_koordinator_sees_the_locks_of_their_people_only(
    client, koordinator, opd_member, outsider
):
    fail(client, "staf-kominfo", 5, address="192.0.2.1")
    fail(client, "koordinator-kota-dua", 5, address="192.0.2.2")
    client.force_login(koordinator)
    assert locked_keys(client.get(reverse("accounts:lockouts"))) == ["staf-kominfo"]


def test_an_address_lock_is_shown_to_the_admin_only(client, settings, koordinator, admin_user):
    settings.TERA_LOGIN_FAILURES_PER_ADDRESS = 2
    fail(client, "andi", 1, address="192.0.2.3")
    fail(client, "budi", 1, address="192.0.2.3")
    client.force_login(koordinator)
    assert locked_keys(client.get(reverse("accounts:lockouts"))) == []
    client.force_login(admin_user)
    assert locked_keys(client.get(reverse("accounts:lockouts"))) == ["192.0.2.3"]


def test_a_lifted_lock_lets_the_user_log_in_again(client, koordinator, opd_member):
    fail(client, "staf-kominfo", 5)
    lock = LoginThrottle.objects.get(scope="username", key="staf-kominfo")
    client.force_login(koordinator)
    response = client.post(reverse("accounts:unlock", args=[lock.pk]))
    assert response.status_code == 302
    client.logout()
    assert log_in(client, "staf-kominfo").status_code == 302


def test_lifting_a_lock_is_audited_with_who_lifted_it(client, koordinator, opd_member):
    fail(client, "staf-kominfo", 5)
    lock = LoginThrottle.objects.get(scope="username", key="staf-kominfo")
    client.force_login(koordinator)
    client.post(reverse("accounts:unlock", args=[lock.pk]))
    entry = AuditEntry.objects.get(action="login.unlock")
    assert (entry.chain, entry.actor_name) == ("platform", "koordinator")
    assert entry.before["locked_until"] is not None
    assert entry.after["locked_until"] is None


def test_the_koordinator_of_another_instansi_gets_404_on_the_lock(client, opd_member, outsider):
    fail(client, "staf-kominfo", 5)
    lock = LoginThrottle.objects.get(scope="username", key="staf-kominfo")
    client.force_login(outsider)
    assert client.post(reverse("accounts:unlock", args=[lock.pk])).status_code == 404
    assert LoginThrottle.objects.get(pk=lock.pk).is_locked


def test_an_ended_lock_is_not_listed(client, koordinator, opd_member):
    fail(client, "staf-kominfo", 5)
    LoginThrottle.objects.update(locked_until=None)
    client.force_login(koordinator)
    assert locked_keys(client.get(reverse("accounts:lockouts"))) == []
