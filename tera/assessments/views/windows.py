"""The deadlines page: the sanggahan and re-upload windows, and the objections filed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tera.assessments import windows
from tera.assessments.access import get_period_for_user
from tera.assessments.models import Period
from tera.assessments.stage_forms import InterviewForm, ObjectionForm, WindowForm
from tera.errors import ActionRefused
from tera.evidence.access import visible_documents
from tera.organizations.access import Access

Kind = windows.Kind


def _objection_form(period: Period, access: Access, data: Any = None) -> ObjectionForm:
    documents = visible_documents(period.instansi, access).only("title", "number")
    return ObjectionForm(data, instrument=period.definition, documents=documents)


def _page(
    request: HttpRequest, period: Period, access: Access, status: int = 200, **forms: Any
) -> HttpResponse:
    manages = access.manages
    sanggahan = windows.window_of(period, Kind.SANGGAHAN)
    may_object = manages and sanggahan is not None and windows.is_open(sanggahan, timezone.now())
    context = {
        "period": period,
        "access": access,
        "windows": windows.windows_of(period),
        "countdowns": windows.countdowns(period),
        "objections": period.objections.select_related("filed_by").prefetch_related("documents"),
        "window_form": forms.get("window_form") or (WindowForm() if manages else None),
        "interview_form": forms.get("interview_form") or (InterviewForm() if manages else None),
        "objection_form": forms.get("objection_form")
        or (_objection_form(period, access) if may_object else None),
    }
    return render(request, "assessments/windows.html", context, status=status)


@login_required
def deadline_windows(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    if request.method != "POST":
        return _page(request, period, access)
    access.require(access.manages)
    form = WindowForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            windows.set_window(
                period,
                data["kind"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                user=request.user,
            )
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The window is set."))
            return redirect("assessments:windows", period.pk)
    return _page(request, period, access, status=400, window_form=form)


@login_required
@require_POST
def reupload_after_interview(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    form = InterviewForm(request.POST)
    if not form.is_valid():
        return _page(request, period, access, status=400, interview_form=form)
    window = windows.set_reupload_after_interview(
        period, form.cleaned_data["interview_date"], user=request.user
    )
    messages.success(
        request,
        _("The re-upload window closes on %(closes)s.")
        % {"closes": windows.in_wib(window.closes_at)},
    )
    return redirect("assessments:windows", period.pk)


@login_required
@require_POST
def objection_create(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    form = _objection_form(period, access, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            windows.file_objection(
                period,
                data["indicator"],
                text=data["text"],
                documents=data["documents"],
                user=request.user,
            )
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The objection is filed."))
            return redirect("assessments:windows", period.pk)
    return _page(request, period, access, status=400, objection_form=form)
