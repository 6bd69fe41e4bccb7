"""Parts of a page drawn once per version of the instansi's data and then served from the cache.

Every write to an instansi's data appends to its audit chain in the same transaction, so the
chain's head is a version of all the instansi holds. With what else the part depends on (the
user's rights, a filter, the language), it makes the key: after any change in the instansi the
part is drawn again, never served old. The one write outside the chain is a platform
administrator's edit in the Django admin, which a part may miss for CACHE_SECONDS. The CSRF
token, which belongs to the session, is put in when the part is served.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import models
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from tera.audit.log import chain_head
from tera.organizations.access import Access

CACHE_SECONDS = 60 * 60
# Stands for the token in a cached part; no token Django makes contains a hyphen.
CSRF_PLACEHOLDER = "tera-csrf-token"


def cached_render(
    request: HttpRequest,
    template: str,
    instansi_id: int,
    shown: tuple[Any, ...],
    context: Callable[[], dict[str, Any]],
) -> SafeString:
    """`template` drawn with `context()`, which is called only when the cache lacks the part.

    `shown` holds whatever the part shows beside the instansi's data.
    """
    # The key is read before the part's data, so a part is never older than its key.
    key = _cache_key(template, instansi_id, shown)
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**context(), "csrf_token": CSRF_PLACEHOLDER}, request)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def _cache_key(template: str, instansi_id: int, shown: tuple[Any, ...]) -> str:
    content = repr((get_language(), get_script_prefix(), chain_head(instansi_id), shown))
    return f"page-part:{template}:" + hashlib.sha256(content.encode()).hexdigest()


def rights(access: Access) -> tuple[Any, ...]:
    return (sorted(access.roles), sorted(access.opd_ids), access.is_admin)


def row(instance: models.Model) -> tuple[Any, ...]:
    """The stored values of a model instance, for a key: a part drawn from it changes with it."""
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)
