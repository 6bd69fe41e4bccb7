"""Parts of a page drawn once per version of the instansi's data and then served from the cache.

Every write to an instansi's data appends to its audit chain in the same transaction, so the
chain's head is a version of all the instansi holds. With what else the part depends on (the
user's rights, a filter, the language), it makes the key: after any change in the instansi the
part is drawn again, never served old; edits in the Django admin go into the chain too
(tera.audit.admin). Only a write made outside Tera (SQL, the Django shell) may be missed, for
CACHE_SECONDS. The CSRF token, which belongs to the session, is put in when the part is served.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import models
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from tera.audit.log import chain_heads
from tera.organizations.access import Access

CACHE_SECONDS = 60 * 60
# Stands for the token in a cached part; no token Django makes contains a hyphen.
CSRF_PLACEHOLDER = "tera-csrf-token"


def cached_render(
    request: HttpRequest,
    template: str,
    instansi_ids: Iterable[int],
    shown: tuple[Any, ...],
    context: Callable[[], dict[str, Any]],
) -> SafeString:
    """`template` drawn with `context()`, which is called only when the cache lacks the part.

    `shown` holds whatever the part shows beside the data of the instansi named.
    """
    html = cached(
        template,
        instansi_ids,
        shown,
        lambda: render_to_string(template, {**context(), "csrf_token": CSRF_PLACEHOLDER}, request),
    )
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)


def cached(
    name: str, instansi_ids: Iterable[int], shown: tuple[Any, ...], compute: Callable[[], str]
) -> str:
    """compute(), or what it gave for the same `shown` since the instansi's data last changed."""
    # The key is read before the data, so a value is never older than its key.
    content = repr((get_language(), get_script_prefix(), chain_heads(instansi_ids), shown))
    key = f"page-part:{name}:" + hashlib.sha256(content.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def rights(access: Access) -> tuple[Any, ...]:
    return (sorted(access.roles), sorted(access.opd_ids), access.is_admin)


def row(instance: models.Model) -> tuple[Any, ...]:
    """The stored values of a model instance, for a key: a part drawn from it changes with it."""
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)
