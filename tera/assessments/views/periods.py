"""The period pages: overview with the provisional index, creation, assignments, status steps."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tera.assessments import page_cache, periods
from tera.assessments.access import get_contribution_for_user, get_period_for_user, visible_answers
from tera.assessments.actions import assign_indicators, assign_opd, unassign_opd
from tera.assessments.dashboard import (
    TASK_SORTS,
    TASK_STATUSES,
    indicator_names,
    open_contributions,
)
from tera.assessments.forms import AssignForm, AssignManyForm, PeriodForm
from tera.assessments.history import readable
from tera.assessments.models import Answer, Period
from tera.assessments.pages import period_rows, reviewed_score, self_assessed_score
from tera.audit.log import history
from tera.errors import ActionRefused
from tera.organizations.access import Access, User, get_instansi_for_user, opd_memberships

PERIOD_TEMPLATE = "assessments/period.html"
TASKS_TEMPLATE = "assessments/tasks.html"
TASK_LIST_SIZE = 200
STATUS_STEPS = {
    "review": periods.start_review,
    "reopen": periods.reopen,
    "lock": periods.lock_period,
}


def summary_context(period: Period, answers: list[Answer] | None = None) -> dict[str, Any]:
    """Scores and counts of every answer of the period (read here unless given)."""
    if answers is None:
        fields = ("period", "indicator", "level", "reviewer_level", "status")
        answers = list(period.answers.only(*fields))
    counts = {status: 0 for status in Answer.Status.values}
    for answer in answers:
        counts[answer.status] += 1
    return {
        "next_step": next_step(period, answers, counts),
        "score": self_assessed_score(period, answers),
        "reviewed": reviewed_score(period, answers),
        "status_counts": [(Answer.Status(s).label, n) for s, n in counts.items()],
        "answered": sum(1 for a in answers if a.level is not None),
        "total": len(answers),
        "period_answers": answers,
    }


def next_step(period: Period, answers: list[Answer], counts: dict[str, int]) -> str:
    """What the Koordinator should do now, for the page's one primary button: assign and
    answer, submit the answered drafts, review the submitted ones, lock, or print the
    Berita Acara once locked."""
    if period.is_locked:
        return "berita_acara"
    if counts[Answer.Status.SUBMITTED]:
        return "review"
    if any(a.level is not None and a.is_editable for a in answers):
        return "submit"
    if counts[Answer.Status.ACCEPTED]:
        return "lock"
    return "assign"


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    status = request.GET.get("status", "")
    if status not in Answer.Status.values:
        status = ""
    body_context = partial(_period_context, period, access, status)
    if request.htmx:
        asked = request.GET.get("part", "indicator-table")
        part = "#period-summary" if asked == "summary" else "#indicator-table"
        return render(request, PERIOD_TEMPLATE + part, body_context())
    shown = (page_cache.row(period), page_cache.rights(access), status)
    body = page_cache.cached_render(
        request, PERIOD_TEMPLATE + "#period-body", [period.instansi_id], shown, body_context
    )
    return render(request, PERIOD_TEMPLATE, {"period": period, "body": body})


def _period_context(period: Period, access: Access, status: str) -> dict[str, Any]:
    answers = visible_answers(period, access)
    if status:
        answers = answers.filter(status=status)
    groups = period_rows(period, answers)
    context: dict[str, Any] = {
        "period": period,
        "access": access,
        "groups": groups,
        "status_filter": status,
        "statuses": Answer.Status.choices,
    }
    if access.reads_everything:
        # Unfiltered, the table holds every answer already: the summary need not read them again.
        listed = None if status else [row.answer for _aspect, rows in groups for row in rows]
        context.update(summary_context(period, listed))
    return context


@login_required
def period_create(request: HttpRequest, instansi_pk: int) -> HttpResponse:
    instansi, access = get_instansi_for_user(request.user, instansi_pk)
    access.require(access.manages)
    previous_periods = Period.objects.filter(instansi=instansi).select_related("instrument")
    form = PeriodForm(request.POST or None, previous_periods=previous_periods)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = periods.start_period(
                instansi=instansi,
                instrument=data["instrument"],
                kind=data["kind"],
                year=data["year"],
                semester=data["semester"] or 0,
                name=data["name"],
                dates=form.dates(),
                previous=data["previous"],
                crosswalk=data["crosswalk"],
                user=request.user,
            )
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The period is open. Assign the indicators to OPD next."))
            return redirect("assessments:assignments", period.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "assessments/period_form.html", {"instansi": instansi, "form": form}, status=status
    )


@login_required
def assignments(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    context = _assignment_context(period, access, only_unassigned="belum" in request.GET)
    return render(request, "assessments/assignments.html", context)


def _assignment_context(
    period: Period, access: Any, error: str = "", *, only_unassigned: bool = False
) -> dict[str, Any]:
    contributions: dict[int, list[Any]] = {}
    for contribution in period.contributions.select_related("opd").annotate(
        evidence=Count("evidence_links")
    ):
        contributions.setdefault(contribution.indicator, []).append(contribution)
    choices = period.instansi.opds.all()
    opds = list(choices.annotate(members=Count("memberships")).order_by("name"))
    rows = [
        (indicator, contributions.get(indicator.number, []))
        for indicator in period.definition.indicators
    ]
    unassigned = sum(1 for _i, assigned in rows if not assigned)
    editable = access.manages and not period.is_locked
    return {
        "period": period,
        "access": access,
        "rows": [row for row in rows if not row[1]] if only_unassigned else rows,
        "only_unassigned": only_unassigned,
        "form": AssignForm(opds=choices) if editable else None,
        "many_form": AssignManyForm(opds=choices, instrument=period.definition)
        if editable
        else None,
        "opds": opds,
        "without_members": [opd for opd in opds if not opd.members],
        "unassigned": unassigned,
        "error": error,
    }


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    form = AssignForm(request.POST, opds=period.instansi.opds.all())
    error = ""
    if form.is_valid():
        try:
            assign_opd(
                period,
                form.cleaned_data["indicator"],
                form.cleaned_data["opd"],
                lead=form.cleaned_data["lead"],
                user=request.user,
            )
        except ActionRefused as refused:
            error = refused.message
    else:
        error = _("Choose an OPD from the list.")
    return _assignments_response(request, period, access, error)


@login_required
@require_POST
def assign_many(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    form = AssignManyForm(
        request.POST, opds=period.instansi.opds.all(), instrument=period.definition
    )
    if not form.is_valid():
        refusal = " ".join(error for errors in form.errors.values() for error in errors)
        return _assignments_response(request, period, access, refusal)
    try:
        added = assign_indicators(
            period, form.cleaned_data["numbers"], form.cleaned_data["opd"], user=request.user
        )
    except ActionRefused as refused:
        return _assignments_response(request, period, access, refused.message)
    messages.success(
        request,
        ngettext(
            "%(opd)s is assigned %(count)s more indicator.",
            "%(opd)s is assigned %(count)s more indicators.",
            len(added),
        )
        % {"opd": form.cleaned_data["opd"], "count": len(added)},
    )
    return _assignments_response(request, period, access, "")


@login_required
@require_POST
def unassign(request: HttpRequest, pk: int) -> HttpResponse:
    contribution, access = get_contribution_for_user(request.user, pk)
    error = ""
    try:
        unassign_opd(contribution, user=request.user)
    except ActionRefused as refused:
        error = refused.message
    period, access = get_period_for_user(request.user, contribution.period_id)
    return _assignments_response(request, period, access, error)


def _assignments_response(
    request: HttpRequest, period: Period, access: Any, error: str
) -> HttpResponse:
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("assessments:assignments", period.pk)
    template = "assessments/assignments.html#assignment-table"
    return render(
        request, template, _assignment_context(period, access, error), status=400 if error else 200
    )


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    move = STATUS_STEPS.get(step)
    if move is None:
        return redirect("assessments:period", period.pk)
    try:
        move(period, user=request.user)
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, _("The period is now: %(status)s.") % {"status": period.get_status_display()}
        )
    return redirect("assessments:period", period.pk)


@login_required
def period_history(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    entries = readable(history(period.pk)[:500], period, name_indicators=True)
    return render(request, "assessments/history.html", {"period": period, "entries": entries})


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    """The OPD member's list: the contributions of their OPD still open, filtered by status and
    sorted by due date; at most TASK_LIST_SIZE rows, so the page stays one bounded query."""
    status = request.GET.get("status", "")
    status = status if status in TASK_STATUSES else ""
    sort = request.GET.get("sort", "due")
    sort = sort if sort in TASK_SORTS else "due"
    # The list shows nothing but the data of the user's OPD, so their members share it.
    memberships = opd_memberships(request.user)
    task_list = page_cache.cached_render(
        request,
        TASKS_TEMPLATE + "#task-list",
        sorted({instansi_id for instansi_id, _opd in memberships}),
        (memberships, status, sort),
        partial(_task_context, request.user, status, sort),
    )
    if request.htmx:
        return HttpResponse(task_list)
    context = {
        "task_list": task_list,
        "statuses": TASK_STATUSES.items(),
        "sorts": TASK_SORTS.items(),
        "status_filter": status,
        "sort": sort,
    }
    return render(request, TASKS_TEMPLATE, context)


def _task_context(user: User, status: str, sort: str) -> dict[str, Any]:
    rows = list(open_contributions(user, status, sort)[: TASK_LIST_SIZE + 1])
    return {
        "contributions": indicator_names(rows[:TASK_LIST_SIZE]),
        "more": len(rows) > TASK_LIST_SIZE,
        "limit": TASK_LIST_SIZE,
    }
