"""Limit/offset pages for every list that grows with the data: items and the total count."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Larger offsets overflow the databases' 64-bit integers; no list is anywhere near that long.
MAX_OFFSET = 2**31 - 1


class Pages(LimitOffsetPagination):
    """A limit above the maximum is refused (422) rather than silently shortened."""

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items, at most 500."
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)  # type: ignore[arg-type]
