"""The planner page: the target, the costs per step, the cheapest plan, and accepting it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tera.assessments.access import get_period_for_user
from tera.assessments.models import Period
from tera.core.instrument import Indicator
from tera.core.planner import Plan
from tera.errors import ActionRefused
from tera.organizations.access import Access
from tera.organizations.models import Opd
from tera.planning import actions
from tera.planning.basis import Basis, basis_levels
from tera.planning.forms import (
    AcceptPlanForm,
    CapsForm,
    CostsForm,
    CostSheetForm,
    TargetForm,
    TryTargetForm,
)
from tera.planning.models import Target
from tera.planning.plans import (
    Raise,
    default_due_date,
    fingerprint,
    lead_opds,
    plan_for,
    promised_levels,
    raise_caps,
    raises,
)
from tera.planning.targets import Distance, Goal, distance, parse_goal

TEMPLATE = "planning/planner.html"


@dataclass(frozen=True)
class PlanRow:
    step: Raise
    indicator: Indicator
    owner: Opd | None
    promised: bool  # an action item already promises this level or higher

    @property
    def source_needed(self) -> str:
        """For an indicator converted from another index: the source value the rise needs."""
        source = self.indicator.source_index
        return "" if source is None else source.shown(source.needed_for(self.step.to_level))


def _goal(request: HttpRequest, period: Period, target: Target | None) -> tuple[Goal | None, str]:
    """The target typed on the page, else the period's own; and why a typed one was refused."""
    typed = request.GET.get("target", "").strip()
    if not typed:
        return (target.goal if target else None), ""
    try:
        return parse_goal(typed, period.definition), ""
    except ActionRefused as refused:
        return None, refused.message


def _plan_rows(period: Period, result: Plan) -> list[PlanRow]:
    leads, promised = lead_opds(period), promised_levels(period)
    definition = period.definition
    return [
        PlanRow(
            step,
            definition.indicator_by_number[step.indicator],
            leads.get(step.indicator),
            promised.get(step.indicator, -1) >= step.to_level,
        )
        for step in raises(result.steps)
    ]


def _page(
    request: HttpRequest, period: Period, access: Access, status: int = 200, **forms: Any
) -> HttpResponse:
    definition = period.definition
    cost_rows = list(period.step_costs.all())
    cap_rows = list(period.raise_caps.all())
    basis = basis_levels(period)
    target = Target.objects.filter(period=period).first()
    goal, goal_error = _goal(request, period, target)
    result = (
        plan_for(period, basis, goal.value(definition, period.year), cost_rows, cap_rows)
        if goal
        else None
    )
    context: dict[str, Any] = {
        "period": period,
        "access": access,
        "basis": basis,
        "target": target,
        "distance": _distance(period, basis, target),
        "goal": goal,
        "goal_error": goal_error,
        "try_form": TryTargetForm(request.GET or None),
        "plan": result,
        "plan_rows": _plan_rows(period, result) if result and result.steps else [],
        "indicator_costs": {row.indicator: row.cost for row in cost_rows if row.to_level is None},
        "sheet_costs": [row for row in cost_rows if row.to_level is not None],
        "caps": raise_caps(period, cap_rows),
        "own_caps": {cap.indicator: cap.levels for cap in cap_rows},
    }
    if access.manages:
        context.update(_manager_forms(period, context, forms))
    return render(request, TEMPLATE, context, status=status)


def _distance(period: Period, basis: Basis, target: Target | None) -> Distance | None:
    if target is None:
        return None
    return distance(target.goal, period.definition, period.year, basis.score(period).index)


def _manager_forms(
    period: Period, context: dict[str, Any], forms: dict[str, Any]
) -> dict[str, Any]:
    """The Koordinator's forms: the target, the costs, and accepting a plan not yet promised."""
    definition = period.definition
    target, goal = context["target"], context["goal"]
    initial_target = {"index": target.index, "predikat": target.predikat} if target else None
    found: dict[str, Any] = {
        "target_form": forms.get("target_form")
        or TargetForm(instrument=definition, initial=initial_target),
        "costs_form": forms.get("costs_form")
        or CostsForm(instrument=definition, costs=context["indicator_costs"]),
        "sheet_form": forms.get("sheet_form") or CostSheetForm(),
        "caps_form": forms.get("caps_form")
        or CapsForm(instrument=definition, caps=context["own_caps"]),
        "problems": forms.get("problems", []),
    }
    if any(not row.promised for row in context["plan_rows"]):
        found["accept_form"] = AcceptPlanForm(
            initial={
                "due_on": default_due_date(period, timezone.localdate()),
                "target": goal.text,
                "fingerprint": fingerprint(context["plan"]),
            }
        )
    return found


def _manager_period(request: HttpRequest, pk: int) -> tuple[Period, Access]:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    return period, access


def _back(period: Period) -> HttpResponse:
    return redirect("planning:planner", period.pk)


@login_required
def planner(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    return _page(request, period, access)


@login_required
@require_POST
def target(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the target; with both fields empty, remove it."""
    period, access = _manager_period(request, pk)
    form = TargetForm(request.POST, instrument=period.definition)
    if not form.is_valid():
        return _page(request, period, access, 400, target_form=form)
    index, predikat = form.cleaned_data["index"], form.cleaned_data["predikat"]
    try:
        if index is None and not predikat:
            actions.remove_target(period, user=request.user)
        else:
            actions.set_target(period, index=index, predikat=predikat, user=request.user)
    except ActionRefused as refused:
        form.add_error(None, refused.message)
        return _page(request, period, access, 400, target_form=form)
    messages.success(request, _("The target is saved."))
    return _back(period)


@login_required
@require_POST
def costs(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = _manager_period(request, pk)
    form = CostsForm(request.POST, instrument=period.definition, costs={})
    if not form.is_valid():
        return _page(request, period, access, 400, costs_form=form)
    try:
        actions.save_indicator_costs(period, form.costs(), user=request.user)
    except ActionRefused as refused:
        form.add_error(None, refused.message)
        return _page(request, period, access, 400, costs_form=form)
    messages.success(request, _("The costs are saved."))
    return _back(period)


@login_required
@require_POST
def caps(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = _manager_period(request, pk)
    form = CapsForm(request.POST, instrument=period.definition, caps={})
    if not form.is_valid():
        return _page(request, period, access, 400, caps_form=form)
    try:
        actions.save_raise_caps(period, form.caps(), user=request.user)
    except ActionRefused as refused:
        form.add_error(None, refused.message)
        return _page(request, period, access, 400, caps_form=form)
    messages.success(request, _("The largest rises are saved."))
    return _back(period)


@login_required
@require_POST
def costs_upload(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = _manager_period(request, pk)
    form = CostSheetForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, period, access, 400, sheet_form=form)
    sheet = form.cleaned_data["sheet"]
    try:
        count = actions.import_step_costs(
            period, Path(sheet.temporary_file_path()), sheet.name, user=request.user
        )
    except actions.CostSheetRejected as rejected:
        form.add_error("sheet", rejected.message)
        return _page(request, period, access, 400, sheet_form=form, problems=rejected.problems)
    messages.success(
        request,
        ngettext("%(count)s step cost imported.", "%(count)s step costs imported.", count)
        % {"count": count},
    )
    return _back(period)


@login_required
@require_POST
def costs_clear(request: HttpRequest, pk: int) -> HttpResponse:
    period, _access = _manager_period(request, pk)
    try:
        actions.clear_step_costs(period, user=request.user)
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The costs from the sheet are removed."))
    return _back(period)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Recompute the plan from what is stored now and accept it only if it is the one shown."""
    period, _access = _manager_period(request, pk)
    form = AcceptPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a due date for the items."))
        return _back(period)
    data = form.cleaned_data
    try:
        goal = parse_goal(data["target"], period.definition)
        result = plan_for(period, basis_levels(period), goal.value(period.definition, period.year))
        if fingerprint(result) != data["fingerprint"]:
            raise ActionRefused(_("The plan changed since it was shown; look at it again."))
        accepted = actions.accept_plan(period, result, due_on=data["due_on"], user=request.user)
    except ActionRefused as refused:
        messages.error(request, refused.message)
        return _back(period)
    messages.success(request, _accepted_message(accepted))
    return redirect("planning:items", period.pk)


def _accepted_message(accepted: actions.Accepted) -> str:
    created = ngettext(
        "%(count)s action item created.", "%(count)s action items created.", len(accepted.created)
    ) % {"count": len(accepted.created)}
    if not accepted.kept:
        return created
    kept = ", ".join(str(number) for number in accepted.kept)
    return (
        created
        + " "
        + _("Already in the action plan, not repeated: indicator %(numbers)s.") % {"numbers": kept}
    )
