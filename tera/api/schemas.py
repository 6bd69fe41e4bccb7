"""Small schemas several resources share."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

# PostgreSQL can neither store nor compare text holding a NUL character: such input is refused
# as invalid (422) rather than failing in the database.
WITHOUT_NUL = r"^[^\x00]*$"


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
