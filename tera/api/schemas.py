"""Small schemas several resources share."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import PlainSerializer

# PostgreSQL can neither store nor compare text holding a NUL character: such input is refused
# as invalid (422) rather than failing in the database.
WITHOUT_NUL = r"^[^\x00]*$"


def _json_number(value: int | Decimal) -> int | float:
    """A whole level stays an integer (3); a decimal value is a JSON number (1.26)."""
    return int(value) if value == int(value) else float(value)


IndicatorValue = Annotated[
    Decimal,
    PlainSerializer(_json_number, return_type=int | float),
    Field(
        ge=0, description="A whole level (3), or a decimal value where the scale takes one (1.26)."
    ),
]


SourceValue = Annotated[Decimal, PlainSerializer(_json_number, return_type=int | float)]


class InstansiOut(Schema):
    id: int
    name: str
    slug: str
    kind: str
    province: str


class OpdOut(Schema):
    id: int
    name: str
    short_name: str


class Versioned(Schema):
    """An answer or contribution: saved with the version the client read (optimistic locking)."""

    version: int = Field(description="Changes with every save; send back the one you read.")
    updated_by: str | None
    updated_at: datetime | None

    @staticmethod
    def resolve_updated_by(obj: Any) -> str | None:
        return obj.updated_by.get_username() if obj.updated_by_id else None
