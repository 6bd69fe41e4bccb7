"""`tera audit verify`: walk every hash chain and report altered or removed entries."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from tera.audit.log import verify
from tera.audit.models import AuditEntry
from tera.commands import TeraCommand

TAMPERED = 1


class Command(TeraCommand):
    help = "Periksa log audit: setiap entri yang diubah atau dihapus dilaporkan."

    def add_arguments(self, parser: Any) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("verify", help="periksa semua rantai hash")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify()
        for problem in problems:
            self.stderr.write(f"RUSAK {problem}")
        if problems:
            raise CommandError(
                f"log audit tidak utuh: {len(problems)} masalah ditemukan", returncode=TAMPERED
            )
        self.stdout.write(f"Log audit utuh: {AuditEntry.objects.count()} entri diperiksa.")
