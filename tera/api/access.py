"""Fetching API tokens: a user sees and revokes only their own."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from tera.api.models import ApiToken
from tera.organizations.access import User


def get_token_for_user(user: User, pk: int) -> ApiToken:
    return get_object_or_404(ApiToken, pk=pk, user_id=getattr(user, "pk", None))
