"""What the public pages compute from every instansi's results, kept until those results change.

Every save or delete of a model the public pages read writes a new random token into one row of
the database, in the same transaction as the change. Cached values are keyed by that token, so
every app server sees a change at its next request, whatever cache it has (by default each
process keeps its own), and nothing needs to be deleted from a cache. A random token rather than
a counter, so that a database restored or rolled back never meets a cache filled for other data.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from tera.registry.models import Instansi, NationalAverage, OfficialResult
from tera.reports.models import Publication, PublicResultsVersion

T = TypeVar("T")
TIMEOUT_SECONDS = 60 * 60  # only to let unused entries go; a change makes them unused at once
SINGLETON = 1
SHOWN_IN_PUBLIC = (Instansi, OfficialResult, NationalAverage, Publication)


class PublicCache:
    """One request's view of the cache: the token is read once, with one query."""

    def __init__(self) -> None:
        self.token = (
            PublicResultsVersion.objects.filter(pk=SINGLETON)
            .values_list("token", flat=True)
            .first()
            or ""
        )

    def get(self, name: str, key: str, compute: Callable[[], T]) -> T:
        """compute(), or what it gave since the public results last changed, in this language."""
        digest = hashlib.sha256(f"{get_language()}\0{key}".encode()).hexdigest()
        full_key = f"tera.public:{self.token}:{name}:{digest}"
        found = cache.get(full_key)
        if found is None:
            found = compute()
            cache.set(full_key, found, TIMEOUT_SECONDS)
        return found


def public_results_changed(**_signal: Any) -> None:
    token = uuid.uuid4().hex
    if not PublicResultsVersion.objects.filter(pk=SINGLETON).update(token=token):
        PublicResultsVersion.objects.update_or_create(pk=SINGLETON, defaults={"token": token})


def watch_public_results() -> None:
    for model in SHOWN_IN_PUBLIC:
        for signal in (post_save, post_delete):
            signal.connect(public_results_changed, sender=model, dispatch_uid=f"public-{model}")
