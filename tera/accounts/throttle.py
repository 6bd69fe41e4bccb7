"""Who is logging in, as the counters key it, and whether that name or address is locked now."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.http import HttpRequest
from django.utils import timezone

from tera.accounts.models import LoginThrottle

Scope = LoginThrottle.Scope


def client_address(request: HttpRequest) -> str:
    """The address of the client, not of the reverse proxy in front of the app server.

    Each proxy appends the address it saw to X-Forwarded-For, so with N proxies the client's is
    the Nth from the end; anything before it was written by the client and proves nothing.
    """
    proxies = settings.TERA_PROXY_COUNT
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies][:150]
    return request.META.get("REMOTE_ADDR", "")[:150]


def username_key(username: str) -> str:
    """One counter for "Admin", "admin " and "ADMIN", or changing the case would reset it."""
    return username.strip().casefold()[:150]


def window() -> timedelta:
    return timedelta(minutes=settings.TERA_LOGIN_WINDOW_MINUTES)


def lockout() -> timedelta:
    return timedelta(minutes=settings.TERA_LOGIN_LOCKOUT_MINUTES)


def locked_until(username: str, address: str) -> datetime | None:
    """When the later of the user name's and the address's lock ends, or None if neither is."""
    keys = Q(scope=Scope.USERNAME, key=username_key(username)) | Q(scope=Scope.ADDRESS, key=address)
    until: datetime | None = LoginThrottle.objects.filter(
        keys, locked_until__gt=timezone.now()
    ).aggregate(until=Max("locked_until"))["until"]
    return until
