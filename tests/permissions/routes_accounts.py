"""Routes of the accounts: the second log-in step, the password reset by e-mail, the account page,
two-step log-in set-up, and the lock-outs a Koordinator lifts for their own people."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlsafe_base64_encode

from tera.accounts.forms import sign_secret
from tera.accounts.models import LoginThrottle, TotpDevice
from tests.accounts.conftest import SECRET, code_now
from tests.permissions.matrix import LOGIN, MANAGE_PAGE, PUBLIC, SIGNED_IN, Route, global_url

# fmt: off
#               koordinator asesor pimpinan opd_member other_opd provincial outsider admin anonymous
EVERYONE_302 =  (302,) * 9
SIGNED_IN_POST = (302,) * 8 + (LOGIN,)
# Only a Koordinator or an admin has an authenticator to turn off, or people's locks to lift.
MANAGERS_ONLY = (302,  404,  404,  404,  404,  404,  302,  302,  LOGIN)
# fmt: on
NEW_PASSWORD = "Sinar-Senja-Gorontalo-7"


def reset_link(_side):
    """The link a user gets by e-mail; it sends on to the new-password form.

    Not a persona's link: logging in as the persona would change their last log-in, and with it
    their token.
    """
    user, _created = get_user_model().objects.get_or_create(username="lupa-sandi")
    uid = urlsafe_base64_encode(str(user.pk).encode())
    return reverse(
        "accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)]
    )


def koordinator_has_address(side):
    side.koordinator.email = f"{side.koordinator.username}@example.go.id"
    side.koordinator.save(update_fields=["email"])


def new_password_data(_side, _opd):
    return {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}


def locked_koordinator(side):
    """The side's Koordinator locked out: they, as its Koordinator, or an admin lift it."""
    lock, _created = LoginThrottle.objects.get_or_create(
        scope=LoginThrottle.Scope.USERNAME,
        key=side.koordinator.username,
        defaults={"window_started_at": timezone.now()},
    )
    LoginThrottle.objects.filter(pk=lock.pk).update(
        locked_until=timezone.now() + timedelta(minutes=15)
    )
    return lock


def managers_have_two_step_on(_side):
    """Every Koordinator and admin has an authenticator with the known secret, none used yet."""
    managers = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(memberships__role="koordinator")
    )
    for user in managers.distinct():
        TotpDevice.objects.get_or_create(user=user, defaults={"secret": SECRET})


def password_data(_side, _opd):
    return {
        "old_password": "rahasia-uji-123",
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }


ROUTES = [
    # Without a password given a moment before in the same session, it sends back to the log-in.
    Route(
        "accounts:second_step",
        "GET",
        global_url("accounts:second_step"),
        EVERYONE_302,
        scoped=False,
    ),
    Route(
        "accounts:password_reset",
        "GET",
        global_url("accounts:password_reset"),
        PUBLIC,
        scoped=False,
    ),
    # The e-mail goes out, and nothing is stored: the link's token is computed, not saved.
    Route(
        "accounts:password_reset",
        "POST",
        global_url("accounts:password_reset"),
        EVERYONE_302,
        data=lambda side, _opd: {"email": side.koordinator.email},
        arrange=koordinator_has_address,
        label="send",
        scoped=False,
        writes=False,
    ),
    Route(
        "accounts:password_reset_done",
        "GET",
        global_url("accounts:password_reset_done"),
        PUBLIC,
        scoped=False,
    ),
    Route("accounts:password_reset_confirm", "GET", reset_link, EVERYONE_302, scoped=False),
    # A link that is not (or no longer) valid shows a page that says so and changes nothing.
    Route(
        "accounts:password_reset_confirm",
        "POST",
        global_url("accounts:password_reset_confirm", "MQ", "bukan-token"),
        PUBLIC,
        data=new_password_data,
        label="invalid",
        scoped=False,
        writes=False,
    ),
    Route(
        "accounts:password_reset_complete",
        "GET",
        global_url("accounts:password_reset_complete"),
        PUBLIC,
        scoped=False,
    ),
    Route("accounts:account", "GET", global_url("accounts:account"), SIGNED_IN, scoped=False),
    Route(
        "accounts:account",
        "POST",
        global_url("accounts:account"),
        SIGNED_IN_POST,
        data=password_data,
        scoped=False,
        label="password",
    ),
    Route("accounts:two_step", "GET", global_url("accounts:two_step"), MANAGE_PAGE, scoped=False),
    Route(
        "accounts:two_step_enable",
        "POST",
        global_url("accounts:two_step_enable"),
        MANAGE_PAGE,
        data=lambda _s, _o: {"secret": sign_secret(SECRET), "code": code_now()},
        scoped=False,
    ),
    Route(
        "accounts:two_step_disable",
        "POST",
        global_url("accounts:two_step_disable"),
        MANAGERS_ONLY,
        data=lambda _s, _o: {"code": code_now()},
        arrange=managers_have_two_step_on,
        scoped=False,
    ),
    Route("accounts:lockouts", "GET", global_url("accounts:lockouts"), MANAGE_PAGE, scoped=False),
    Route(
        "accounts:unlock",
        "POST",
        lambda s: reverse("accounts:unlock", args=[locked_koordinator(s).pk]),
        MANAGERS_ONLY,
    ),
]
