"""The database part of a backup: which rows, dumped as JSON lines that keep every microsecond,
and loaded back in the caller's transaction with the migrations and counts checked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from tera.ops.backup import BackupError

# migrate numbers these anew on every database, so rows refer to them by name instead.
BY_NATURAL_KEY = {"contenttypes.contenttype", "auth.permission"}
# Rebuilt by migrate itself, or of no use on another server (sessions).
LEFT_OUT = {*BY_NATURAL_KEY, "sessions.session"}

Migrations = dict[str, list[str]]


class RowWriter(jsonl.Serializer):  # type: ignore[misc]
    """Django's JSON lines with two changes: times keep their microseconds, which Django's
    encoder cuts to milliseconds (the audit log's hashes cover them), and only content types
    and permissions are named by natural key (a user is referred to by id, not looked up by
    name for every row when loading)."""

    def _value_from_field(self, obj: models.Model, field: Any) -> Any:
        value = field.value_from_object(obj)
        if isinstance(value, datetime | time):
            return value.isoformat()
        return super()._value_from_field(obj, field)

    def handle_fk_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.related_model._meta.label_lower in BY_NATURAL_KEY
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.related_model._meta.label_lower in BY_NATURAL_KEY
        super().handle_m2m_field(obj, field)


def backed_up_models() -> list[type[models.Model]]:
    """Every model with its own table (many-to-many rows travel with their owner)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in LEFT_OUT and model._meta.managed and not model._meta.proxy
    ]


@contextmanager
def snapshot() -> Iterator[None]:
    """One consistent view of every table while the backup reads them. On PostgreSQL writers go
    on meanwhile; on SQLite they wait for the backup (the transaction takes the write lock)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:  # only a transaction's first query
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def dump(path: Path) -> dict[str, int]:
    """Write every row to `path`, model by model, streaming; the count of rows per model."""
    counts = {}
    writer = RowWriter()
    with path.open("w", encoding="utf-8") as out:
        for model in backed_up_models():
            counts[model._meta.label_lower] = model._base_manager.count()
            rows = model._base_manager.order_by("pk").iterator(chunk_size=2000)
            writer.serialize(rows, stream=out)
    return counts


def applied_migrations() -> Migrations:
    return _by_app(MigrationRecorder(connection).applied_migrations())


def require_same_migrations(archived: Migrations) -> None:
    """The rows fit this Tera's tables only if both stand at the same migrations."""
    known = _by_app(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    differences = [
        f"{app}: arsip sampai {_last(archived.get(app))}, Tera ini sampai {_last(known.get(app))}"
        for app in sorted(set(archived) | set(known))
        if archived.get(app, []) != known.get(app, [])
    ]
    if differences:
        raise BackupError(
            "cadangan ini dibuat oleh versi Tera dengan migrasi lain ("
            + "; ".join(differences[:5])
            + "). Pulihkan dengan versi Tera yang membuatnya, lalu perbarui Tera."
        )


def _by_app(keys: Any) -> Migrations:
    by_app: defaultdict[str, list[str]] = defaultdict(list)
    for app, name in sorted(keys):
        by_app[app].append(name)
    return dict(by_app)


def _last(names: list[str] | None) -> str:
    return names[-1] if names else "(tidak ada)"


def rows_present() -> dict[str, int]:
    """The models that already hold rows, with their counts; tables not created yet hold none."""
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label_lower: count
        for model in backed_up_models()
        if model._meta.db_table in tables and (count := model._base_manager.count())
    }


def migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)


def clear() -> None:
    """Empty every table a backup fills, and the sessions: a session would otherwise log its
    holder in as whichever user now has that id."""
    owners = [*backed_up_models(), Session]
    tables = [model._meta.db_table for model in owners]
    tables += [
        field.remote_field.through._meta.db_table
        for model in owners
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    connection.ops.execute_sql_flush(statements)


def load(path: Path) -> None:
    """Load the rows inside the caller's transaction; loaddata also resets PostgreSQL's
    sequences past the ids it wrote."""
    call_command("loaddata", str(path), verbosity=0)


def require_counts(expected: dict[str, int]) -> None:
    present = {model._meta.label_lower: model for model in backed_up_models()}
    unknown = sorted(set(expected) - set(present))
    if unknown:
        raise BackupError(f"arsip memuat tabel yang tidak dikenal Tera ini: {', '.join(unknown)}")
    wrong = [
        f"{label}: {count} baris, seharusnya {expected.get(label, 0)}"
        for label, model in present.items()
        if (count := model._base_manager.count()) != expected.get(label, 0)
    ]
    if wrong:
        raise BackupError("jumlah baris setelah dimuat tidak sesuai manifes: " + "; ".join(wrong))
