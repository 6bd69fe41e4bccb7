"""Making a backup: the rows of one consistent snapshot, then every stored file, then the
manifest; the archive gets its name only once it is complete."""

from __future__ import annotations

import os
import tarfile
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.db import connection
from django.utils import timezone

from tera.audit.log import verify
from tera.ops.backup import database, storage
from tera.ops.backup.archive import DATABASE, MANIFEST, Manifest, add, add_bytes


def tera_version() -> str:
    try:
        return version("tera")
    except PackageNotFoundError:
        return "unknown"


def create_backup(destination: Path) -> Manifest:
    partial = destination.with_name(destination.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(prefix="tera-backup-") as work:
            rows = Path(work) / DATABASE
            with database.snapshot():
                counts = database.dump(rows)
                migrations = database.applied_migrations()
                referenced = storage.referenced_names()
                audit_problems = len(verify())
            with tarfile.open(partial, "w:gz") as archive:
                with rows.open("rb") as source:
                    rows_part = add(archive, DATABASE, source, rows.stat().st_size)
                files = storage.archive_files(archive)
                manifest = Manifest(
                    tera_version=tera_version(),
                    created_at=timezone.now().isoformat(),
                    database_vendor=connection.vendor,
                    migrations=migrations,
                    counts=counts,
                    database=rows_part,
                    files=files,
                    missing_files=sorted(referenced - set(files)),
                    audit_problems=audit_problems,
                )
                add_bytes(archive, MANIFEST, manifest.to_json())
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest
