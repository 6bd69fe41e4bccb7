"""`tera restore FILE.tar.gz [--force]`: put a backup back, checked whole before anything is
written; a database that already holds data is replaced only with --force."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tera.commands import TeraCommand, UserInputError
from tera.ops.backup import BackupError
from tera.ops.backup.restore import restore_backup


class Command(TeraCommand):
    help = "Pulihkan basis data dan berkas dari arsip `tera backup`."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="arsip yang dibuat oleh `tera backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="ganti seluruh isi basis data yang sudah berisi data",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(Path(options["file"]), force=options["force"])
        except BackupError as error:
            raise UserInputError(str(error)) from None
        rows = sum(manifest.counts.values())
        self.stdout.write(
            f"Dipulihkan dari cadangan {manifest.created_at} (Tera {manifest.tera_version}): "
            f"{rows} baris, {len(manifest.files)} berkas."
        )
        if manifest.audit_problems:
            self.stderr.write(
                f"PERINGATAN: log audit sudah tidak utuh saat dicadangkan "
                f"({manifest.audit_problems} masalah); jalankan `tera audit verify`"
            )
