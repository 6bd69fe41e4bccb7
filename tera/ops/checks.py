"""Configuration mistakes that `manage.py check` (and so `migrate`) reports before they bite."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from tera.evidence.files import TYPES


@register()
def upload_types_are_known(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    unknown = [key for key in settings.TERA_UPLOAD_TYPES if key not in TYPES]
    if not unknown:
        return []
    return [
        Error(
            f"TERA_UPLOAD_TYPES names kinds of file Tera does not know: {', '.join(unknown)}.",
            hint=f"Use some of: {', '.join(TYPES)}; or leave it empty to accept them all.",
            id="tera.E001",
        )
    ]
