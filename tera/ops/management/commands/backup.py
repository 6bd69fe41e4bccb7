"""`tera backup FILE.tar.gz`: the database and every stored file in one checked archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tera.commands import TeraCommand, UserInputError
from tera.ops.backup import BackupError
from tera.ops.backup.create import create_backup


class Command(TeraCommand):
    help = "Cadangkan basis data dan semua berkas ke satu arsip .tar.gz dengan manifes."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="arsip yang ditulis, misalnya tera-2025-06-30.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        destination = Path(options["file"])
        if not destination.parent.is_dir():
            raise UserInputError(f"folder {destination.parent} tidak ada")
        try:
            manifest = create_backup(destination)
        except BackupError as error:
            raise UserInputError(str(error)) from None
        rows = sum(manifest.counts.values())
        self.stdout.write(
            f"Cadangan ditulis ke {destination}: {rows} baris, {len(manifest.files)} berkas."
        )
        for name in manifest.missing_files:
            self.stderr.write(f"PERINGATAN: {name} disebut di basis data tetapi tidak tersimpan")
        if manifest.audit_problems:
            self.stderr.write(
                f"PERINGATAN: log audit sudah tidak utuh ({manifest.audit_problems} masalah); "
                "jalankan `tera audit verify`"
            )
