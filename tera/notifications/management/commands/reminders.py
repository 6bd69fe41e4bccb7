"""`tera reminders send`: send the reminders due now, each once; for cron, beside the worker's
own daily run (both may run: a reminder still goes out only once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from tera.commands import TeraCommand
from tera.notifications.actions import send_due_reminders


class Command(TeraCommand):
    help = "Kirim pengingat tenggat yang jatuh waktu; setiap pengingat hanya dikirim sekali."

    def add_arguments(self, parser: Any) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("send", help="kirim pengingat yang jatuh waktu sekarang")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = send_due_reminders()
        self.stdout.write(
            f"Pengingat: {summary.notified} notifikasi baru, {summary.emailed} e-mail terkirim."
        )
        if summary.failed:
            raise CommandError(
                f"{summary.failed} e-mail gagal dikirim; jalan berikutnya mengirimnya lagi",
                returncode=1,
            )
