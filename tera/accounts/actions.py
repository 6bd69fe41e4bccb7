"""Counting failed log-ins, lifting lock-outs, two-step log-in, password changes and resets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tera.accounts import totp
from tera.accounts.models import LoginThrottle, RecoveryCode, TotpDevice
from tera.accounts.throttle import Scope, lockout, username_key, window
from tera.audit.log import record, snapshot
from tera.errors import ActionRefused

THROTTLE_FIELDS = ("scope", "key", "locked_until")


@transaction.atomic
def record_failed_login(username: str, address: str) -> datetime | None:
    """Count a failure for the user name and for the address; the end of any lock it starts."""
    now = timezone.now()
    _forget_stale(now)
    limits = (
        (Scope.USERNAME, username_key(username), settings.TERA_LOGIN_FAILURES_PER_USER),
        (Scope.ADDRESS, address, settings.TERA_LOGIN_FAILURES_PER_ADDRESS),
    )
    locks = [_count_failure(scope, key, limit, now) for scope, key, limit in limits if key]
    return max((lock for lock in locks if lock is not None), default=None)


def _count_failure(scope: str, key: str, limit: int, now: datetime) -> datetime | None:
    throttle, _created = LoginThrottle.objects.select_for_update().get_or_create(
        scope=scope, key=key, defaults={"window_started_at": now}
    )
    if throttle.is_locked:
        return throttle.locked_until
    if now - throttle.window_started_at >= window():
        throttle.failures, throttle.window_started_at = 0, now
    throttle.failures += 1
    if throttle.failures < limit:
        throttle.save()
        return None
    throttle.failures, throttle.window_started_at = 0, now
    throttle.locked_until = now + lockout()
    throttle.save()
    record(
        actor=None,
        action="login.lockout",
        obj=throttle,
        instansi_id=None,
        after=snapshot(throttle, THROTTLE_FIELDS),
    )
    return throttle.locked_until


def _forget_stale(now: datetime) -> None:
    """Counters whose window and lock are over say nothing any more; the table stays small."""
    LoginThrottle.objects.filter(window_started_at__lte=now - window()).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    ).delete()


def record_successful_login(username: str) -> None:
    """The user got in: their earlier mistakes no longer count (the address's still do)."""
    LoginThrottle.objects.filter(scope=Scope.USERNAME, key=username_key(username)).delete()


@transaction.atomic
def unlock(throttle: LoginThrottle, *, user: Any) -> None:
    before = snapshot(throttle, THROTTLE_FIELDS)
    throttle.failures, throttle.locked_until = 0, None
    throttle.window_started_at = timezone.now()
    throttle.save()
    record(
        actor=user,
        action="login.unlock",
        obj=throttle,
        instansi_id=None,
        before=before,
        after=snapshot(throttle, THROTTLE_FIELDS),
    )


@transaction.atomic
def enable_totp(user: Any, *, secret: str, code: str) -> list[str]:
    """Turn on two-step log-in once a first code proves the app has the secret.

    Returns the recovery codes, which exist nowhere else from now on.
    """
    if TotpDevice.objects.filter(user=user).exists():
        raise ActionRefused(_("Two-step log-in is already on."))
    step = totp.matching_step(secret, code, 0, timezone.now())
    if step is None:
        raise ActionRefused(
            _("The code is not right. Check the time on your phone and type the newest code.")
        )
    device = TotpDevice.objects.create(user=user, secret=secret, last_step=step)
    codes = totp.new_recovery_codes()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_sha256=totp.recovery_digest(code)) for code in codes
    )
    _log(user, "two_step.enable", device)
    return codes


@transaction.atomic
def disable_totp(device: TotpDevice, *, user: Any) -> None:
    """Turn two-step log-in off for the device's owner, by themselves or by a platform admin."""
    _log(user, "two_step.disable", device)
    RecoveryCode.objects.filter(user_id=device.user_id).delete()
    device.delete()


@transaction.atomic
def verify_second_step(device: TotpDevice, code: str) -> bool:
    """Accept a fresh code of the app, or an unused recovery code, which is used up by this."""
    device = TotpDevice.objects.select_for_update().get(pk=device.pk)
    step = totp.matching_step(device.secret, code, device.last_step, timezone.now())
    if step is not None:
        device.last_step = step
        device.save(update_fields=["last_step"])
        return True
    used = RecoveryCode.objects.filter(
        user_id=device.user_id, code_sha256=totp.recovery_digest(code), used_at__isnull=True
    ).update(used_at=timezone.now())
    return used == 1


@transaction.atomic
def change_password(user: Any, password: str) -> None:
    """Store the new password; the audit log keeps that it changed, never the password."""
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor=user, action="account.password_change", obj=user, instansi_id=None)


@transaction.atomic
def reset_password(user: Any, password: str) -> None:
    """Store the password set through the link e-mailed to the user.

    Whoever can read the user's mail could do this anyway, so the lock on their user name is
    lifted with it; the address's lock stays, and two-step log-in still asks for its code.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    throttles = LoginThrottle.objects.filter(
        scope=Scope.USERNAME, key=username_key(user.get_username())
    )
    was_locked = throttles.filter(locked_until__gt=timezone.now()).exists()
    throttles.delete()
    record(
        actor=user,
        action="account.password_reset",
        obj=user,
        instansi_id=None,
        after={"lock_lifted": was_locked},
    )


def _log(user: Any, action: str, device: TotpDevice) -> None:
    record(
        actor=user,
        action=action,
        obj=device,
        instansi_id=None,
        after={"user": device.user_id},
    )
