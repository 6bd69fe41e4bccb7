"""Downloads of results as CSV and JSON: a period's for its readers, the registry's for all."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from tera.assessments.access import get_period_for_user
from tera.assessments.models import Period
from tera.registry.forms import ResultFilterForm
from tera.registry.views import _filtered_results as filtered_results
from tera.reports.exports import (
    csv_lines,
    period_csv_rows,
    period_json,
    period_results,
    registry_csv_rows,
    registry_json_row,
)

CSV = "text/csv; charset=utf-8"
JSON = "application/json"
# The registry streams from the database in chunks rather than holding every row at once.
CHUNK = 500


def _download(response: HttpResponse | StreamingHttpResponse, name: str) -> Any:
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _period_name(period: Period, extension: str) -> str:
    return f"hasil-{period.instansi.slug}-{period.year}-{period.pk}.{extension}"


@login_required
def period_csv(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    content = "".join(csv_lines(period_csv_rows(period_results(period))))
    return _download(HttpResponse(content, content_type=CSV), _period_name(period, "csv"))


@login_required
def period_json_export(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    content = _json_text(period_json(period_results(period)))
    return _download(HttpResponse(content, content_type=JSON), _period_name(period, "json"))


def _registry_filter(request: HttpRequest) -> tuple[ResultFilterForm, HttpResponse | None]:
    """The results page's filter; an invalid one is refused rather than exporting everything."""
    form = ResultFilterForm(request.GET)
    if form.is_valid():
        return form, None
    errors = "; ".join(f"{form[name].label}: {' '.join(e)}" for name, e in form.errors.items())
    message = _("The filter is not valid:") + " " + errors
    return form, HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def registry_csv(request: HttpRequest) -> StreamingHttpResponse | HttpResponse:
    form, refused = _registry_filter(request)
    if refused is not None:
        return refused
    results: Iterable[Any] = filtered_results(form).iterator(chunk_size=CHUNK)
    response = StreamingHttpResponse(csv_lines(registry_csv_rows(results)), content_type=CSV)
    return _download(response, "hasil-resmi-spbe.csv")


def registry_json(request: HttpRequest) -> HttpResponse:
    form, refused = _registry_filter(request)
    if refused is not None:
        return refused
    data = form.cleaned_data
    content = _json_text(
        {
            "filter": {name: data.get(name) or None for name in ("year", "province", "kind")},
            "results": [registry_json_row(result) for result in filtered_results(form)],
        }
    )
    return _download(HttpResponse(content, content_type=JSON), "hasil-resmi-spbe.json")
