"""Logging in through the real log-in form, as a person would."""

import pyotp
import pytest
from django.urls import reverse

from tera.accounts import actions
from tera.accounts.forms import sign_secret
from tests.conftest import PASSWORD

LOGIN = "/masuk/"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def log_in(client, username, password=PASSWORD, address="203.0.113.7", **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = log_in(client, username, "salah-sekali-123", address=address)
    return response


def errors(response):
    return response.context["form"].non_field_errors()


def code_now(secret=SECRET):
    return pyotp.TOTP(secret).now()


@pytest.fixture
def two_step_koordinator(koordinator):
    """The Koordinator with two-step log-in on; its recovery codes are on `.recovery`."""
    koordinator.recovery = actions.enable_totp(koordinator, secret=SECRET, code=code_now())
    return koordinator


def enable_through_the_page(client, secret=SECRET, code=None):
    return client.post(
        reverse("accounts:two_step_enable"),
        {"secret": sign_secret(secret), "code": code or code_now(secret)},
    )
