"""Two-step log-in (TOTP): set up with a first code, then asked after the password."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from tera.accounts import totp
from tera.accounts.models import LoginThrottle, RecoveryCode, TotpDevice
from tera.audit.models import AuditEntry
from tests.accounts.conftest import SECRET, code_now, enable_through_the_page, log_in

pytestmark = pytest.mark.django_db
SECOND_STEP = "/masuk/kode/"
AT = datetime(2026, 3, 2, 8, 0, 10, tzinfo=UTC)  # a fixed time, for codes that never collide


def second_step(client, code, address="203.0.113.7"):
    return client.post(SECOND_STEP, {"code": code}, REMOTE_ADDR=address)


def logged_in(client):
    return "_auth_user_id" in client.session


def next_code(secret=SECRET):
    """The code of the next time step, accepted for a phone whose clock runs a little ahead;
    the current one was used up when the fixture turned two-step log-in on."""
    return pyotp.TOTP(secret).at(timezone.now() + timedelta(seconds=30))


def test_the_set_up_page_shows_the_key_as_text_and_as_a_qr_code(client, koordinator):
    client.force_login(koordinator)
    page = client.get(reverse("accounts:two_step")).content.decode()
    secret = page.split('data-testid="totp-secret">')[1].split("<")[0]
    assert f"otpauth://totp/Tera:koordinator?secret={secret}" in page
    assert '<svg width="' in page and 'class="qr"' in page


def test_a_first_right_code_turns_two_step_on_and_shows_the_recovery_codes(client, koordinator):
    client.force_login(koordinator)
    response = enable_through_the_page(client)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    codes = response.context["codes"]
    assert len(codes) == 10
    assert TotpDevice.objects.get(user=koordinator).secret == SECRET
    stored = set(RecoveryCode.objects.values_list("code_sha256", flat=True))
    assert stored == {totp.recovery_digest(code) for code in codes}


def test_a_wrong_first_code_turns_nothing_on(client, koordinator):
    client.force_login(koordinator)
    response = enable_through_the_page(client, code="000000" if code_now() != "000000" else "1")
    assert response.status_code == 400
    assert not TotpDevice.objects.exists()


def test_a_set_up_key_not_signed_by_tera_is_refused(client, koordinator):
    client.force_login(koordinator)
    forged = signing.dumps(SECRET, salt="another-salt")
    response = client.post(
        reverse("accounts:two_step_enable"), {"secret": forged, "code": code_now()}
    )
    assert response.status_code == 400
    assert not TotpDevice.objects.exists()


def test_turning_on_is_audited(client, koordinator):
    client.force_login(koordinator)
    enable_through_the_page(client)
    assert AuditEntry.objects.get(action="two_step.enable").actor_name == "koordinator"


def test_an_opd_member_is_not_offered_two_step_log_in(client, opd_member):
    client.force_login(opd_member)
    page = client.get(reverse("accounts:account")).content.decode()
    assert reverse("accounts:two_step") not in page


def test_an_opd_member_cannot_open_the_two_step_set_up(client, opd_member):
    client.force_login(opd_member)
    assert client.get(reverse("accounts:two_step")).status_code == 403


def test_the_admin_is_offered_two_step_log_in(client, admin_user):
    client.force_login(admin_user)
    assert reverse("accounts:two_step") in client.get(reverse("accounts:account")).content.decode()


def test_the_password_alone_does_not_log_in_with_two_step_on(client, two_step_koordinator):
    response = log_in(client, "koordinator")
    assert response["Location"] == SECOND_STEP
    assert not logged_in(client)


def test_the_right_code_logs_in_and_goes_where_the_user_was_going(client, two_step_koordinator):
    client.post("/masuk/?next=/akun/", {"username": "koordinator", "password": "rahasia-uji-123"})
    response = second_step(client, next_code())
    assert response["Location"] == "/akun/"
    assert logged_in(client)


def test_a_wrong_code_is_refused_and_counted(client, two_step_koordinator):
    log_in(client, "koordinator")
    wrong = "123456" if code_now() != "123456" else "654321"
    response = second_step(client, wrong)
    assert response.status_code == 400
    assert not logged_in(client)
    assert LoginThrottle.objects.get(scope="username", key="koordinator").failures == 1


def test_five_wrong_codes_lock_the_account_even_for_the_right_code(client, two_step_koordinator):
    log_in(client, "koordinator")
    for _ in range(5):
        second_step(client, "abcdef")
    response = second_step(client, next_code())
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert not logged_in(client)


def test_a_code_is_accepted_only_once(client, two_step_koordinator):
    code = next_code()
    log_in(client, "koordinator")
    assert second_step(client, code).status_code == 302
    client.logout()
    log_in(client, "koordinator")
    assert second_step(client, code).status_code == 400


def test_a_recovery_code_logs_in_once(client, two_step_koordinator):
    recovery = two_step_koordinator.recovery[0]
    log_in(client, "koordinator")
    assert second_step(client, recovery.lower().replace("-", " ")).status_code == 302
    client.logout()
    log_in(client, "koordinator")
    assert second_step(client, recovery).status_code == 400


def test_the_second_step_without_the_password_goes_back_to_log_in(client, two_step_koordinator):
    response = second_step(client, next_code())
    assert response["Location"] == "/masuk/"
    assert not logged_in(client)


def test_the_second_step_expires_after_five_minutes(client, two_step_koordinator):
    log_in(client, "koordinator")
    session = client.session
    session["tera.accounts.pending"]["until"] -= 5 * 60 + 1
    session.save()
    assert second_step(client, next_code())["Location"] == "/masuk/"


def test_turning_off_needs_a_code(client, two_step_koordinator):
    client.force_login(two_step_koordinator)
    response = client.post(reverse("accounts:two_step_disable"), {"code": "abcdef"})
    assert response.status_code == 400
    assert TotpDevice.objects.exists()


def test_turning_off_with_a_code_removes_the_device_and_the_recovery_codes(
    client, two_step_koordinator
):
    client.force_login(two_step_koordinator)
    response = client.post(reverse("accounts:two_step_disable"), {"code": next_code()})
    assert response.status_code == 302
    assert not TotpDevice.objects.exists()
    assert not RecoveryCode.objects.exists()
    assert log_in(client, "koordinator")["Location"] == "/dasbor/"


def test_a_code_one_step_old_is_accepted_for_a_slow_phone_clock():
    old = pyotp.TOTP(SECRET).at(AT - timedelta(seconds=30))
    assert totp.matching_step(SECRET, old, 0, AT) is not None


def test_a_code_two_steps_old_is_refused():
    old = pyotp.TOTP(SECRET).at(AT - timedelta(seconds=60))
    assert totp.matching_step(SECRET, old, 0, AT) is None
