"""Writing and verifying the hash-chained audit log."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from tera.audit.models import AuditChain, AuditEntry

GENESIS = "0" * 64
HASHED_FIELDS = (
    "chain",
    "position",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "instansi_id",
    "period_id",
    "indicator",
    "before",
    "after",
    "previous_hash",
)


def chain_key(instansi_id: int | None) -> str:
    return f"instansi-{instansi_id}" if instansi_id else "platform"


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a model as plain JSON values (foreign keys by id)."""
    return {name: _plain(getattr(obj, _attname(obj, name))) for name in fields}


def _attname(obj: models.Model, name: str) -> str:
    field = obj._meta.get_field(name)
    return getattr(field, "attname", name)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    instansi_id: int | None,
    period_id: int | None = None,
    indicator: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the instansi's chain, inside the caller's transaction."""
    with transaction.atomic():
        key = chain_key(instansi_id)
        chain, _ = AuditChain.objects.select_for_update().get_or_create(key=key)
        entry = AuditEntry(
            chain=key,
            position=chain.length + 1,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_name=getattr(actor, "username", "") or "",
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            instansi_id=instansi_id,
            period_id=period_id,
            indicator=indicator,
            before=before,
            after=after,
            previous_hash=chain.head_hash or GENESIS,
        )
        entry.hash = entry_hash(entry)
        entry.save()
        chain.length, chain.head_hash = entry.position, entry.hash
        chain.save(update_fields=["length", "head_hash"])
    return entry


def chain_heads(instansi_ids: Iterable[int]) -> tuple[str, ...]:
    """The hash of the last entry of each instansi's chain, in the order given, in one query.

    Every write to an instansi's data appends to its chain in the same transaction, and each
    hash covers the one before it, so a head names the whole history of writes up to now: a
    version of everything the instansi holds, for caches to be keyed by.
    """
    keys = [chain_key(instansi_id) for instansi_id in instansi_ids]
    heads = dict(AuditChain.objects.filter(key__in=keys).values_list("key", "head_hash"))
    return tuple(heads.get(key) or GENESIS for key in keys)


def entry_hash(entry: AuditEntry) -> str:
    content = {name: _plain(getattr(entry, name)) for name in HASHED_FIELDS}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Problem:
    chain: str
    position: int
    message: str

    def __str__(self) -> str:
        return f"{self.chain} #{self.position}: {self.message}"


def verify() -> list[Problem]:
    """Every altered, removed, inserted or reordered entry, chain by chain."""
    problems: list[Problem] = []
    heads = {chain.key: chain for chain in AuditChain.objects.all()}
    keys = set(heads) | set(AuditEntry.objects.values_list("chain", flat=True).distinct())
    for key in sorted(keys):
        problems.extend(_verify_chain(key, heads.get(key)))
    return problems


def _verify_chain(key: str, head: AuditChain | None) -> Iterator[Problem]:
    expected_position, previous_hash = 1, GENESIS
    entries = AuditEntry.objects.filter(chain=key).order_by("position").iterator(chunk_size=2000)
    for entry in entries:
        if entry.position != expected_position:
            yield Problem(key, expected_position, "entri hilang atau urutan diubah")
        if entry.previous_hash != previous_hash:
            yield Problem(key, entry.position, "tidak bersambung dengan entri sebelumnya")
        if entry_hash(entry) != entry.hash:
            yield Problem(key, entry.position, "isi entri diubah setelah dicatat")
        expected_position, previous_hash = entry.position + 1, entry.hash
    if head is None:
        yield Problem(key, expected_position - 1, "kepala rantai hilang")
    elif (head.length, head.head_hash or GENESIS) != (expected_position - 1, previous_hash):
        yield Problem(key, head.length, "entri terakhir hilang atau kepala rantai diubah")


def history(period_id: int, indicator: int | None = None) -> models.QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(period_id=period_id)
    if indicator is not None:
        entries = entries.filter(indicator=indicator)
    return entries.order_by("-at", "-position")
