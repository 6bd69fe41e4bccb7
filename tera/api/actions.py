"""Creating, using and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from tera.api.models import ApiToken
from tera.audit.log import record, snapshot

PREFIX = "tera_"
AUDITED_FIELDS = ("user", "name", "expires_at", "revoked")
# Marking every request as a write would make each API call a database write; once a minute
# is precise enough to tell a token in use from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    user: Any, *, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Return the stored token and its secret, which exists nowhere else from now on."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), secret_sha256=digest(secret), expires_at=expires_at
    )
    _log(user, "api_token.create", token, None)
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, user: Any) -> None:
    before = snapshot(token, AUDITED_FIELDS)
    token.revoked = True
    token.save(update_fields=["revoked"])
    _log(user, "api_token.revoke", token, before)


def _log(user: Any, action: str, token: ApiToken, before: dict[str, Any] | None) -> None:
    """Tokens belong to no instansi: they go to the platform's chain, never their secret."""
    after = snapshot(token, AUDITED_FIELDS)
    record(actor=user, action=action, obj=token, instansi_id=None, before=before, after=after)


def user_for_secret(secret: str) -> Any | None:
    """The active user a usable token belongs to, or None."""
    token = ApiToken.objects.select_related("user").filter(secret_sha256=digest(secret)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
