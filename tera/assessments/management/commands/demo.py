"""`tera demo`: add the demo kota once and print its log-ins."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from tera.assessments.demo import DEMO_NAME, build_demo, demo_exists
from tera.commands import TeraCommand, UserInputError
from tera.instruments.models import InstrumentVersion
from tera.organizations.actions import new_password


class Command(TeraCommand):
    help = "Tambahkan instansi demo (sekali) dan cetak log-in tiap peran."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--reset-passwords", action="store_true", help="buat kata sandi baru untuk log-in demo"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not InstrumentVersion.objects.filter(code="spbe-2020").exists():
            raise UserInputError(
                "instrumen spbe-2020 belum dimuat; jalankan 'tera instruments load'"
            )
        if demo_exists():
            if options["reset_passwords"]:
                self._print(self._reset())
            else:
                self.stdout.write(
                    f"{DEMO_NAME} sudah ada. Kata sandi hanya dicetak sekali; "
                    "'tera demo --reset-passwords' membuat yang baru."
                )
            return
        self._print(build_demo())

    def _reset(self) -> list[tuple[str, str, str]]:
        logins = []
        users = get_user_model().objects.filter(
            username__in=[
                "koordinator",
                "asesor",
                "pimpinan",
                "kominfo",
                "bappeda",
                "inspektorat",
                "hukum",
                "provinsi",
                "admin",
            ]
        )
        for user in users:
            password = new_password()
            user.set_password(password)
            user.save(update_fields=["password"])
            logins.append((user.username, password, ""))
        return logins

    def _print(self, logins: list[tuple[str, str, str]]) -> None:
        self.stdout.write(f"{DEMO_NAME}: log-in demo (hanya dicetak sekali)")
        for username, password, role in logins:
            self.stdout.write(f"  {username:<12} {password:<16} {role}")
