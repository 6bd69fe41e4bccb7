"""The model field of an indicator value: a whole level, or a decimal such as 1.26 (Pemdi 2026)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

from tera.core.instrument import Value

LEVEL_DIGITS = 4
LEVEL_PLACES = 2


def plain_value(value: Decimal | None) -> Value | None:
    """A whole value as an int (3), so that levels of whole scales read as they always did."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


class LevelField(models.DecimalField):
    """Stored exactly to two decimals; read as an int when whole, else as a Decimal."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", LEVEL_DIGITS)
        kwargs.setdefault("decimal_places", LEVEL_PLACES)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        for key, default in (("max_digits", LEVEL_DIGITS), ("decimal_places", LEVEL_PLACES)):
            if kwargs.get(key) == default:
                del kwargs[key]
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Value | None:
        return plain_value(None if value is None else Decimal(value))

    def to_python(self, value: Any) -> Any:
        return plain_value(super().to_python(value))
