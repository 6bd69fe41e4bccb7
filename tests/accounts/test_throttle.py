"""Failed log-ins lock the user name and the address for a while, counted in the database."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from tera.accounts.models import LoginThrottle
from tera.accounts.throttle import client_address
from tera.audit.models import AuditEntry
from tests.accounts.conftest import errors, fail, log_in

pytestmark = pytest.mark.django_db
LOCKED = "Terlalu banyak percobaan masuk yang gagal"


def test_a_wrong_password_does_not_log_in(client, koordinator):
    response = log_in(client, "koordinator", "salah-sekali-123")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_fifth_failure_locks_the_user_name(client, koordinator):
    assert not any(LOCKED in error for error in errors(fail(client, "koordinator", 4)))
    assert LOCKED in errors(fail(client, "koordinator", 1))[0]
    assert LoginThrottle.objects.get(scope="username", key="koordinator").is_locked


def test_a_locked_user_with_the_right_password_is_refused(client, koordinator):
    fail(client, "koordinator", 5)
    response = log_in(client, "koordinator")
    assert LOCKED in errors(response)[0]
    assert "_auth_user_id" not in client.session


def test_the_lock_reads_the_same_for_a_user_name_nobody_has(client, koordinator):
    fail(client, "koordinator", 5, address="198.51.100.1")
    fail(client, "tidak-ada-orangnya", 5, address="198.51.100.2")
    existing = errors(log_in(client, "koordinator", address="198.51.100.1"))
    nobody = errors(log_in(client, "tidak-ada-orangnya", address="198.51.100.2"))
    assert existing == nobody


def test_changing_the_case_of_the_user_name_does_not_reset_the_count(client, koordinator):
    for username in ("koordinator", "Koordinator", "KOORDINATOR ", "koordinatoR", "kOordinator"):
        fail(client, username, 1)
    assert LOCKED in errors(log_in(client, "koordinator"))[0]


def test_a_successful_log_in_resets_the_user_counter(client, koordinator):
    fail(client, "koordinator", 4)
    log_in(client, "koordinator")
    client.logout()
    fail(client, "koordinator", 4)
    assert log_in(client, "koordinator").status_code == 302


def test_failures_older_than_the_window_no_longer_count(client, koordinator):
    fail(client, "koordinator", 4)
    LoginThrottle.objects.update(window_started_at=timezone.now() - timedelta(minutes=16))
    fail(client, "koordinator", 1)
    assert log_in(client, "koordinator").status_code == 302


def test_the_lock_ends_after_its_time(client, koordinator):
    fail(client, "koordinator", 5)
    LoginThrottle.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert log_in(client, "koordinator").status_code == 302


def test_failures_from_one_address_lock_it_for_every_user_name(client, settings, koordinator):
    settings.TERA_LOGIN_FAILURES_PER_ADDRESS = 3
    for name in ("andi", "budi", "citra"):
        fail(client, name, 1, address="192.0.2.50")
    assert LOCKED in errors(log_in(client, "koordinator", address="192.0.2.50"))[0]
    assert log_in(client, "koordinator", address="192.0.2.51").status_code == 302


def test_a_lock_out_is_written_to_the_platform_audit_chain(client, koordinator):
    fail(client, "koordinator", 5, address="192.0.2.9")
    entry = AuditEntry.objects.get(action="login.lockout")
    assert entry.chain == "platform"
    assert entry.after["scope"] == "username"
    assert entry.after["key"] == "koordinator"


def test_counters_whose_window_is_over_are_forgotten(client, koordinator):
    fail(client, "andi", 1)
    LoginThrottle.objects.update(window_started_at=timezone.now() - timedelta(hours=1))
    fail(client, "budi", 1)
    assert set(LoginThrottle.objects.values_list("key", flat=True)) == {"budi", "203.0.113.7"}


def test_the_client_address_is_the_remote_address_without_a_proxy():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_address(request) == "10.0.0.2"


def test_behind_one_proxy_the_address_it_appended_is_the_client(settings):
    settings.TERA_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.80"
    )
    assert client_address(request) == "203.0.113.80"


def test_the_admin_log_in_page_leads_to_the_throttled_log_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/masuk/?next=/admin/"
