"""Bearer-token authentication: the only way into the API (no session, so no CSRF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from tera.api.actions import user_for_secret


class BearerToken(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any | None:
        # Parsed here rather than by ninja, whose debug log would print a malformed secret.
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return None
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_secret(token)
        if user is not None:
            # Everything below asks the access functions about request.user, never the session.
            request.user = user
        return user
