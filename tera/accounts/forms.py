"""The log-in form that counts failures, the new-password form of a reset, and the forms of
two-step log-in."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tera.accounts.actions import record_failed_login, reset_password, verify_second_step
from tera.accounts.models import TotpDevice
from tera.accounts.throttle import client_address, locked_until

SECRET_SALT = "tera.accounts.two-step-secret"
SECRET_MAX_AGE = 30 * 60


def locked_error(until: datetime) -> ValidationError:
    """The same words for a locked user name, a locked address and a name nobody has, so the
    message never tells whether an account exists."""
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    return ValidationError(
        ngettext(
            "Too many failed log-in attempts. Try again in %(minutes)d minute, or ask your "
            "Koordinator SPBE to lift the lock.",
            "Too many failed log-in attempts. Try again in %(minutes)d minutes, or ask your "
            "Koordinator SPBE to lift the lock.",
            minutes,
        )
        % {"minutes": minutes},
        code="locked",
    )


def refuse_if_locked(username: str, address: str) -> None:
    until = locked_until(username, address)
    if until is not None:
        raise locked_error(until)


def count_failure(username: str, address: str, error: ValidationError) -> ValidationError:
    """The error to show after a failure: the lock-out message when this failure started one."""
    until = record_failed_login(username, address)
    return locked_error(until) if until is not None else error


class LoginForm(AuthenticationForm):
    """Django's log-in form, refused while the user name or the address is locked.

    A locked account is refused before its password is checked, so even the right password
    does not get in until the lock ends or is lifted.
    """

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request else ""
        refuse_if_locked(username, address)
        try:
            return super().clean()
        except ValidationError as error:
            raise count_failure(username, address, error) from None


class ResetPasswordForm(SetPasswordForm):
    """Django's new-password form, with the password rules, stored by the reset action."""

    def save(self, commit: bool = True) -> Any:
        reset_password(self.user, self.cleaned_data["new_password1"])
        return self.user


class CodeForm(forms.Form):
    """A code of the user's authenticator app, or a recovery code, counted like a password:
    wrong codes lock the user name and the address as wrong passwords do."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code your authenticator app shows now, or one recovery code."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args: Any, device: TotpDevice, address: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.device, self.address = device, address

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        username = self.device.user.get_username()
        refuse_if_locked(username, self.address)
        if not verify_second_step(self.device, code):
            wrong = ValidationError(_("The code is not right, or was used already."), code="wrong")
            raise count_failure(username, self.address, wrong)
        return code


def sign_secret(secret: str) -> str:
    """The new secret travels signed in the set-up form, so nothing is stored before the first
    code; the signature expires with the page."""
    return signing.dumps(secret, salt=SECRET_SALT)


def unsign_secret(signed: str) -> str | None:
    try:
        secret: str = signing.loads(signed, salt=SECRET_SALT, max_age=SECRET_MAX_AGE)
    except signing.BadSignature:
        return None
    return secret


class EnableTwoStepForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
