"""Running an action from a page: the same answer whether htmx asked or a plain form did."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from tera.assessments import page_cache
from tera.assessments.models import Answer
from tera.assessments.pages import IndicatorPage
from tera.assessments.windows import open_reupload_window
from tera.errors import ActionRefused, Conflict
from tera.organizations.access import Access

TEMPLATE = "assessments/indicator.html"
BODY_TEMPLATE = f"{TEMPLATE}#indicator-body"
SCORES_CHANGED = "scores-changed"


def indicator_url(answer: Answer) -> str:
    return reverse("assessments:indicator", args=[answer.period_id, answer.indicator])


def show_indicator(request: HttpRequest, page: IndicatorPage, status: int = 200) -> HttpResponse:
    page.viewer = request.user
    body = indicator_body(request, page)
    if request.htmx:
        response = HttpResponse(body, status=status)
    else:
        response = render(request, TEMPLATE, {**page.frame(), "body": body}, status=status)
    if status == 200:
        response["HX-Trigger"] = SCORES_CHANGED
    return response


def indicator_body(request: HttpRequest, page: IndicatorPage) -> str:
    """The body, from the cache unless it shows what the user just sent or a message about it."""
    if not page.is_plain:
        return render_to_string(BODY_TEMPLATE, page.context(), request)
    answer = page.answer
    window = open_reupload_window(answer.period)
    shown = (
        page_cache.row(answer),
        page_cache.row(answer.period),
        page_cache.rights(page.access),
        page.self_review,
        window.pk if window else None,
    )
    return page_cache.cached_render(
        request, BODY_TEMPLATE, [answer.period.instansi_id], shown, page.context
    )


def perform(
    request: HttpRequest,
    answer: Answer,
    access: Access,
    action: Callable[[], Any],
    *,
    success: str | Callable[[], str],
    forms: dict[str, Any] | None = None,
    form_key: str = "",
) -> HttpResponse:
    """Run the action; on refusal or conflict show the page again with the user's input kept."""
    forms = forms or {}
    try:
        action()
    except Conflict as conflict:
        _rebase(forms.get(form_key), conflict.current.version)  # type: ignore[attr-defined]
        page = IndicatorPage(
            answer, access, forms, conflict=conflict.current, conflict_form=form_key
        )
        return show_indicator(request, page, status=409)
    except ActionRefused as refused:
        return show_indicator(
            request, IndicatorPage(answer, access, forms, error=refused.message), 400
        )
    answer.refresh_from_db()
    success = success() if callable(success) else success
    if not request.htmx:
        messages.success(request, success)
        return redirect(indicator_url(answer))
    return show_indicator(request, IndicatorPage(answer, access, notice=success))


def invalid(
    request: HttpRequest, answer: Answer, access: Access, forms: dict[str, Any]
) -> HttpResponse:
    return show_indicator(request, IndicatorPage(answer, access, forms), status=400)


def _rebase(form: Any, version: int) -> None:
    """Keep the user's text but point the form at the version that is now stored."""
    if form is None:
        return
    data = form.data.copy()
    data[form.add_prefix("version")] = str(version)
    form.data = data
