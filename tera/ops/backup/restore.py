"""Restoring a backup: everything is checked before anything is written, the rows go in one
transaction, and the files written for a restore that fails are removed again."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from tera.audit.log import verify
from tera.ops.backup import BackupError, database, storage
from tera.ops.backup.archive import Manifest, Unpacked, unpack


def restore_backup(path: Path, *, force: bool = False) -> Manifest:
    """Refuses a database that already holds data unless `force`, which replaces all of it."""
    if not path.is_file():
        raise BackupError(f"berkas {path} tidak ditemukan")
    with tempfile.TemporaryDirectory(prefix="tera-restore-") as work:
        unpacked = unpack(path, Path(work))
        manifest = unpacked.manifest
        database.require_same_migrations(manifest.migrations)
        if not force:
            _require_empty()
        database.migrate()
        storage.require_no_conflicts(manifest.files)
        written = storage.write(unpacked)
        try:
            _load(unpacked, force)
        except BaseException:
            storage.remove(written)
            raise
    return manifest


def _require_empty() -> None:
    present = database.rows_present()
    if present:
        listing = ", ".join(f"{label} ({count})" for label, count in list(present.items())[:3])
        raise BackupError(
            f"basis data ini sudah berisi data ({listing}). Pulihkan ke basis data yang kosong, "
            "atau beri --force untuk mengganti seluruh isinya dengan isi cadangan."
        )


def _load(unpacked: Unpacked, force: bool) -> None:
    manifest = unpacked.manifest
    try:
        with transaction.atomic():
            if force:
                database.clear()
            database.load(unpacked.database)
            database.require_counts(manifest.counts)
            _require_audit_intact(manifest.audit_problems)
    except (DeserializationError, DatabaseError, ValueError) as exc:
        raise BackupError(f"data arsip tidak dapat dimuat; tidak ada yang diubah ({exc})") from exc


def _require_audit_intact(problems_before: int) -> None:
    """The audit log verifies after loading as it did when the backup was made."""
    problems = verify()
    if len(problems) > problems_before:
        raise BackupError(
            f"log audit tidak utuh setelah dimuat ({problems[0]}); tidak ada yang diubah"
        )
