"""API answers kept as the JSON they were sent as, until the data they show changes.

Keyed as the pages' parts are: an instansi's data by the head of its audit chain
(tera.assessments.page_cache), the official results by their version token
(tera.reports.public_cache). The caller checks the user's rights first and puts them in `shown`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema
from ninja.renderers import JSONRenderer

from tera.assessments import page_cache
from tera.reports.public_cache import PublicCache

RENDERER = JSONRenderer()
CONTENT_TYPE = f"{RENDERER.media_type}; charset={RENDERER.charset}"


def instansi_json(
    request: HttpRequest,
    instansi_id: int,
    shown: tuple[Any, ...],
    schema: type[Schema],
    data: Callable[[], Any],
) -> HttpResponse:
    """`data()` as `schema` sends it; called only when the cache lacks it for this instansi's
    data, this path and `shown`."""
    content = page_cache.cached(
        "api:" + request.path, [instansi_id], shown, lambda: _render(request, schema, data())
    )
    return HttpResponse(content, content_type=CONTENT_TYPE)


def public_json(
    request: HttpRequest, shown: tuple[Any, ...], schema: type[Schema], data: Callable[[], Any]
) -> HttpResponse:
    """Like instansi_json, for what is computed from the official results alone."""
    content = PublicCache().get(
        "api:" + request.path, repr(shown), lambda: _render(request, schema, data())
    )
    return HttpResponse(content, content_type=CONTENT_TYPE)


def _render(request: HttpRequest, schema: type[Schema], data: Any) -> str:
    context = {"request": request, "response_status": 200}
    validated = schema.model_validate(data, context=context)
    return RENDERER.render(request, validated.model_dump(), response_status=200)
