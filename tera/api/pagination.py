"""Limit/offset pages for every list that grows with the data: items and the total count."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
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


def paged(item: type[Schema]) -> type[Schema]:
    """The schema of a page of `item`s, named and shaped as @paginate(Pages) makes it."""
    annotations = {"items": list[item]}  # type: ignore[valid-type]
    return type(f"Paged{item.__name__}", (Pages.Output,), {"__annotations__": annotations})


def page_of(items: QuerySet[Any], pages: Pages.Input) -> dict[str, Any]:
    """What @paginate(Pages) sends for `items`, for a view that sends it itself (from a cache)."""
    end = pages.offset + pages.limit
    return {"items": list(items[pages.offset : end]), "count": items.count()}
