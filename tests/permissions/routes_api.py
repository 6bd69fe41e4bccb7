"""Routes of the API token page; the API itself has its own table in tests/api."""

from django.urls import reverse

from tera.api.actions import create_token
from tests.permissions.matrix import LOGIN, SIGNED_IN, Route

# fmt: off
#            koordinator asesor pimpinan opd_member other_opd provincial outsider admin anonymous
CREATE =     (200,  200,  200,  200,  200,  200,  200,  200,  LOGIN)
# Only the token's owner, here the Koordinator of the side, may revoke it; not even the admin.
OWNER_ONLY = (302,  404,  404,  404,  404,  404,  302,  404,  LOGIN)
# fmt: on


def koordinator_token(side):
    """The side's Koordinator's token, made on first use: a URL is built before its request."""
    token = side.koordinator.api_tokens.filter(name="skrip rekap").first()
    if token is None:
        token, _secret = create_token(side.koordinator, name="skrip rekap")
    return token


def token_data(_side, _opd):
    return {"name": "dasbor Bappeda", "lifetime": "90"}


ROUTES = [
    Route("tokens:list", "GET", lambda _s: reverse("tokens:list"), SIGNED_IN, scoped=False),
    Route(
        "tokens:create",
        "POST",
        lambda _s: reverse("tokens:create"),
        CREATE,
        data=token_data,
        scoped=False,
    ),
    Route(
        "tokens:revoke",
        "POST",
        lambda s: reverse("tokens:revoke", args=[koordinator_token(s).pk]),
        OWNER_ONLY,
    ),
]
