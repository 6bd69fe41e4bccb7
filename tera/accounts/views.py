"""Log-in in one or two steps, the password reset by e-mail, the account page with its password
change, two-step log-in set-up, and the lock-outs a Koordinator or an admin may lift."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from tera.accounts import actions, totp
from tera.accounts.access import (
    get_device_for_user,
    get_lockout_for_user,
    is_manager,
    require_manager,
    visible_lockouts,
)
from tera.accounts.forms import (
    CodeForm,
    EnableTwoStepForm,
    LoginForm,
    sign_secret,
    unsign_secret,
)
from tera.accounts.models import TotpDevice
from tera.accounts.throttle import client_address
from tera.errors import ActionRefused

PENDING = "tera.accounts.pending"
# Time enough to open the app and type the code; after it the password is asked again.
PENDING_SECONDS = 5 * 60


class TeraLoginView(LoginView):
    """The password first; an account with two-step log-in is not logged in until its code."""

    authentication_form = LoginForm

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        if not TotpDevice.objects.filter(user=user).exists():
            actions.record_successful_login(user.get_username())
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "until": time.time() + PENDING_SECONDS,
        }
        return redirect("accounts:second_step")


class TeraPasswordResetView(PasswordResetView):
    """Django's reset, which answers the same whether the address is known or not."""

    email_template_name = "registration/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict[str, str]:
        # The link starts with TERA_BASE_URL like every link Tera e-mails, never with the Host
        # header of whoever asked for the reset.
        return {"base_url": settings.TERA_BASE_URL.rstrip("/")}


def _pending(request: HttpRequest) -> tuple[TotpDevice, dict[str, Any]] | None:
    """The device of the user who gave the right password a moment ago in this session."""
    pending = request.session.get(PENDING)
    if not pending or pending["until"] < time.time():
        return None
    device = (
        TotpDevice.objects.select_related("user")
        .filter(user_id=pending["user"], user__is_active=True)
        .first()
    )
    return (device, pending) if device is not None else None


@sensitive_post_parameters()
@never_cache
def second_step(request: HttpRequest) -> HttpResponse:
    found = _pending(request)
    if found is None:
        messages.info(request, _("Log in with your user name and password first."))
        return redirect("login")
    device, pending = found
    address = client_address(request)
    form = CodeForm(request.POST or None, device=device, address=address)
    if request.method == "POST" and form.is_valid():
        del request.session[PENDING]
        login(request, device.user, backend=pending["backend"])
        actions.record_successful_login(device.user.get_username())
        return redirect(pending["next"])
    status = 400 if form.is_bound else 200
    return render(request, "accounts/second_step.html", {"form": form}, status=status)


def _account_page(
    request: HttpRequest, form: PasswordChangeForm, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "is_manager": is_manager(request.user),
        "two_step_on": TotpDevice.objects.filter(user_id=request.user.pk).exists(),
    }
    return render(request, "accounts/account.html", context, status=status)


@sensitive_post_parameters()
@never_cache
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The password change: the old password, then a new one that passes the password rules."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if not form.is_bound:
        return _account_page(request, form)
    if not form.is_valid():
        return _account_page(request, form, status=400)
    actions.change_password(request.user, form.cleaned_data["new_password1"])
    update_session_auth_hash(request, request.user)
    messages.success(request, _("Your password is changed."))
    return redirect("accounts:account")


@login_required
def two_step(request: HttpRequest) -> HttpResponse:
    device = TotpDevice.objects.filter(user_id=request.user.pk).first()
    if device is not None:
        form = CodeForm(device=device, address=client_address(request))
        return _enabled_page(request, device, form)
    require_manager(request.user)
    return _setup_page(request, EnableTwoStepForm(), totp.new_secret())


def _setup_page(
    request: HttpRequest, form: EnableTwoStepForm, secret: str, status: int = 200
) -> HttpResponse:
    """A new secret on each visit, as a QR code and as text; nothing is stored until a first
    code proves that the app has it."""
    uri = totp.provisioning_uri(secret, request.user.get_username())
    context = {
        "form": form,
        "secret": secret,
        "signed_secret": sign_secret(secret),
        "uri": uri,
        "qr": totp.qr_svg(uri, _("QR code for your authenticator app")),
    }
    return render(request, "accounts/two_step.html", context, status=status)


def _enabled_page(
    request: HttpRequest, device: TotpDevice, form: CodeForm, status: int = 200
) -> HttpResponse:
    context = {"device": device, "form": form}
    return render(request, "accounts/two_step.html", context, status=status)


@sensitive_post_parameters()
@login_required
@require_POST
def two_step_enable(request: HttpRequest) -> HttpResponse:
    """The recovery codes are rendered once in this response, and only their hashes kept."""
    require_manager(request.user)
    secret = unsign_secret(request.POST.get("secret", ""))
    form = EnableTwoStepForm(request.POST)
    if secret is None:
        form.add_error(None, _("This set-up page is too old. Scan the new QR code."))
    elif form.is_valid():
        try:
            codes = actions.enable_totp(request.user, secret=secret, code=form.cleaned_data["code"])
        except ActionRefused as refused:
            form.add_error("code", refused.message)
        else:
            response = render(request, "accounts/recovery_codes.html", {"codes": codes})
            response["Cache-Control"] = "private, no-store"
            return response
    return _setup_page(request, form, secret or totp.new_secret(), status=400)


@sensitive_post_parameters()
@login_required
@require_POST
def two_step_disable(request: HttpRequest) -> HttpResponse:
    """Turning it off asks for a code, counted like a password, so a session left open on
    someone's computer is not enough."""
    device = get_device_for_user(request.user)
    form = CodeForm(request.POST, device=device, address=client_address(request))
    if not form.is_valid():
        return _enabled_page(request, device, form, status=400)
    actions.disable_totp(device, user=request.user)
    messages.success(request, _("Two-step log-in is off."))
    return redirect("accounts:account")


@login_required
def lockouts(request: HttpRequest) -> HttpResponse:
    require_manager(request.user)
    context = {
        "lockouts": visible_lockouts(request.user),
        "lockout_minutes": settings.TERA_LOGIN_LOCKOUT_MINUTES,
    }
    return render(request, "accounts/lockouts.html", context)


@login_required
@require_POST
def unlock(request: HttpRequest, pk: int) -> HttpResponse:
    throttle = get_lockout_for_user(request.user, pk)
    actions.unlock(throttle, user=request.user)
    messages.success(request, _("“%(key)s” can log in again.") % {"key": throttle.key})
    return redirect("accounts:lockouts")
