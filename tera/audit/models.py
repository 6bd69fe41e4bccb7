"""The append-only, hash-chained log of every change to an instansi's evaluation."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models


class AppendOnly(Exception):
    """Audit entries are never changed or removed."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("audit entries cannot be updated")

    def delete(self) -> NoReturn:
        raise AppendOnly("audit entries cannot be deleted")


class AuditChain(models.Model):
    """The head of one chain: one per instansi, so that instansi never wait on each other."""

    key = models.CharField(max_length=40, unique=True)
    length = models.PositiveBigIntegerField(default=0)
    head_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.key} ({self.length})"


class AuditEntry(models.Model):
    chain = models.CharField(max_length=40)
    position = models.PositiveBigIntegerField()
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    instansi_id = models.BigIntegerField(null=True)
    period_id = models.BigIntegerField(null=True)
    indicator = models.PositiveSmallIntegerField(null=True)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["chain", "position"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "position"], name="one_entry_per_position"),
        ]
        indexes = [models.Index(fields=["period_id", "indicator"], name="audit_by_indicator")]

    def __str__(self) -> str:
        return f"{self.chain}#{self.position} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("audit entries cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("audit entries cannot be deleted")

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field the change touched, by field name: PostgreSQL
        keeps JSON keys in its own order, so the order they were written in is not kept."""
        before, after = self.before or {}, self.after or {}
        return [
            (name, before.get(name), after.get(name))
            for name in sorted({*before, *after})
            if before.get(name) != after.get(name)
        ]
