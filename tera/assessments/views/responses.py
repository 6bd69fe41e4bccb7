"""Running an action from a page: the same answer whether htmx asked or a plain form did."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from tera.assessments.models import Answer
from tera.assessments.pages import IndicatorPage
from tera.errors import ActionRefused, Conflict
from tera.organizations.access import Access

TEMPLATE = "assessments/indicator.html"
SCORES_CHANGED = "scores-changed"


def indicator_url(answer: Answer) -> str:
    return reverse("assessments:indicator", args=[answer.period_id, answer.indicator])


def show_indicator(request: HttpRequest, page: IndicatorPage, status: int = 200) -> HttpResponse:
    template = f"{TEMPLATE}#indicator-body" if request.htmx else TEMPLATE
    page.viewer = request.user
    response = render(request, template, page.context(), status=status)
    if status == 200:
        response["HX-Trigger"] = SCORES_CHANGED
    return response


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
