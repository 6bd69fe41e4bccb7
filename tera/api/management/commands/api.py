"""`tera api token create USERNAME [--name NAME] [--days N]`: a new API token, printed once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from tera.api.actions import create_token
from tera.commands import TeraCommand, UserInputError


class Command(TeraCommand):
    help = "Buat token API untuk seorang pengguna; token hanya dicetak sekali."

    def add_arguments(self, parser: Any) -> None:
        resources = parser.add_subparsers(dest="resource", required=True)
        token = resources.add_parser("token", help="token API")
        token_actions = token.add_subparsers(dest="action", required=True)
        create = token_actions.add_parser("create", help="buat token baru")
        create.add_argument("username")
        create.add_argument("--name", default="command line", help="untuk apa token dipakai")
        create.add_argument(
            "--days",
            type=int,
            help="masa berlaku dalam hari (tanpa ini: tidak kedaluwarsa)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None or not user.is_active:
            raise UserInputError(f"pengguna '{options['username']}' tidak ada atau tidak aktif")
        days = options["days"]
        if days is not None and days < 1:
            raise UserInputError("--days harus 1 atau lebih")
        expires_at = None if days is None else timezone.now() + timedelta(days=days)
        _token, secret = create_token(user, name=options["name"], expires_at=expires_at)
        self.stdout.write(secret)
