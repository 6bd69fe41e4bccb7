"""Shared base of Tera's management commands: one clear message and exit status 2 on bad input."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand


class UserInputError(Exception):
    """Bad input from the person running the command; nothing has been written."""


class TeraCommand(BaseCommand):
    # These commands read files and the database only; the project checks run in CI.
    requires_system_checks: list[str] = []

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except UserInputError as exc:
            self.stderr.write(f"Galat: {exc}")
            raise SystemExit(2) from None

    def write_json(self, data: object) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
