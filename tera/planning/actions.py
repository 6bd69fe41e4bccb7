"""Every change to targets, step costs and action items: permission, rule, audit entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tera.assessments.actions import check_level, require
from tera.assessments.models import Period
from tera.audit.log import record, snapshot
from tera.core.planner import DEFAULT_STEP_COST, Plan
from tera.core.sheets import SheetError, read_costs
from tera.errors import ActionRefused
from tera.evidence.access import visible_documents
from tera.evidence.models import Document
from tera.organizations.access import access_for
from tera.organizations.models import Opd
from tera.planning.access import may_work_on
from tera.planning.basis import basis_levels
from tera.planning.models import (
    COST_PLACES,
    DEFAULT_MAX_RAISE,
    ActionItem,
    ItemEvidence,
    ProgressNote,
    RaiseCap,
    StepCost,
    Target,
)
from tera.planning.plans import lead_opds, promised_levels, raises
from tera.planning.targets import check_goal, decimals

TARGET_FIELDS = ("index", "predikat")
ITEM_FIELDS = (
    "indicator",
    "title",
    "from_level",
    "target_level",
    "owner",
    "due_on",
    "status",
    "source",
    "recommendation",
)
TITLE_LENGTH = 120
MAX_COST = Decimal(10) ** 12


def _log(
    user: Any,
    action: str,
    obj: models.Model,
    period: Period,
    *,
    indicator: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    record(
        actor=user,
        action=action,
        obj=obj,
        instansi_id=period.instansi_id,
        period_id=period.pk,
        indicator=indicator,
        before=before,
        after=after,
    )


# Targets


@transaction.atomic
def set_target(period: Period, *, index: Decimal | None, predikat: str, user: Any) -> Target:
    require(user, period, "manages")
    goal = check_goal(period.definition, index, predikat)
    current = Target.objects.filter(period=period).first()
    before = None if current is None else snapshot(current, TARGET_FIELDS)
    target, _created = Target.objects.update_or_create(
        period=period, defaults={"index": goal.index, "predikat": goal.predikat, "set_by": user}
    )
    _log(user, "target.set", target, period, before=before, after=snapshot(target, TARGET_FIELDS))
    return target


@transaction.atomic
def remove_target(period: Period, *, user: Any) -> None:
    require(user, period, "manages")
    target = Target.objects.filter(period=period).first()
    if target is None:
        raise ActionRefused(_("This period has no target to remove."))
    before = snapshot(target, TARGET_FIELDS)
    _log(user, "target.remove", target, period, before=before)
    target.delete()


# Step costs


def _check_cost(number: int, cost: Decimal) -> None:
    if not cost.is_finite() or not 0 <= cost <= MAX_COST:
        raise ActionRefused(
            _("Indicator %(number)s: a cost is a number from 0 to 10^12.") % {"number": number}
        )
    if decimals(cost) > COST_PLACES:
        raise ActionRefused(
            _("Indicator %(number)s: the cost %(cost)s has more than %(places)s decimals.")
            % {"number": number, "cost": cost, "places": COST_PLACES}
        )


def _costs_snapshot(rows: models.QuerySet[StepCost]) -> dict[str, str]:
    return {f"{row.indicator}>{row.to_level or '*'}": str(row.cost) for row in rows}


@transaction.atomic
def save_indicator_costs(period: Period, costs: Mapping[int, Decimal | None], *, user: Any) -> None:
    """Per indicator the cost of every level step; None means the default of 1."""
    require(user, period, "manages")
    known = period.definition.indicator_by_number
    for number, cost in costs.items():
        if number not in known:
            raise ActionRefused(
                _("Indicator %(number)s is not in this instrument.") % {"number": number}
            )
        if cost is not None:
            _check_cost(number, cost)
    rows = period.step_costs.filter(to_level=None)
    before = _costs_snapshot(rows)
    rows.delete()
    StepCost.objects.bulk_create(
        StepCost(period=period, indicator=number, cost=cost)
        for number, cost in sorted(costs.items())
        if cost is not None and cost != DEFAULT_STEP_COST
    )
    after = _costs_snapshot(period.step_costs.filter(to_level=None))
    if after != before:
        _log(user, "plan.costs", period, period, before=before, after=after)


def save_raise_caps(period: Period, caps: Mapping[int, int | None], *, user: Any) -> None:
    """Per indicator how many levels a plan may raise it; None means the default of one."""
    require(user, period, "manages")
    definition = period.definition
    for number, levels in caps.items():
        if number not in definition.indicator_by_number:
            raise ActionRefused(
                _("Indicator %(number)s is not in this instrument.") % {"number": number}
            )
        if levels is not None and not 1 <= levels <= definition.max_level - definition.min_level:
            raise ActionRefused(
                _("Indicator %(number)s: a rise of %(levels)s levels is not possible.")
                % {"number": number, "levels": levels}
            )
    before = _caps_snapshot(period)
    period.raise_caps.all().delete()
    RaiseCap.objects.bulk_create(
        RaiseCap(period=period, indicator=number, levels=levels)
        for number, levels in sorted(caps.items())
        if levels is not None and levels != DEFAULT_MAX_RAISE
    )
    after = _caps_snapshot(period)
    if after != before:
        _log(user, "plan.caps", period, period, before=before, after=after)


def _caps_snapshot(period: Period) -> dict[str, int]:
    return {str(cap.indicator): cap.levels for cap in period.raise_caps.all()}


class CostSheetRejected(ActionRefused):
    """The sheet has errors; `problems` names each row, and nothing was stored."""

    def __init__(self, name: str, problems: list[str]):
        super().__init__(_("“%(name)s” was not imported; nothing changed.") % {"name": name})
        self.problems = problems


@transaction.atomic
def import_step_costs(period: Period, path: Path, name: str, *, user: Any) -> int:
    """Costs per step from a sheet (indicator, cost [, to_level]); they replace the sheet before."""
    require(user, period, "manages")
    try:
        costs = read_costs(path, period.definition)
    except SheetError as error:
        raise CostSheetRejected(name, error.problems) from None
    try:
        for number, steps in costs.items():
            for cost in steps.values():
                _check_cost(number, cost)
    except ActionRefused as refused:
        raise CostSheetRejected(name, [refused.message]) from None
    rows = period.step_costs.exclude(to_level=None)
    before = _costs_snapshot(rows)
    rows.delete()
    created = StepCost.objects.bulk_create(
        StepCost(period=period, indicator=number, to_level=level, cost=cost)
        for number, steps in sorted(costs.items())
        for level, cost in sorted(steps.items())
    )
    after = _costs_snapshot(period.step_costs.exclude(to_level=None))
    _log(user, "plan.step_costs", period, period, before=before, after={**after, "file": name})
    return len(created)


@transaction.atomic
def clear_step_costs(period: Period, *, user: Any) -> None:
    require(user, period, "manages")
    rows = period.step_costs.exclude(to_level=None)
    before = _costs_snapshot(rows)
    if not before:
        raise ActionRefused(_("There are no costs from a sheet to remove."))
    rows.delete()
    _log(user, "plan.step_costs", period, period, before=before, after={})


# Action items


def _item_state(item: ActionItem) -> dict[str, Any]:
    return snapshot(item, (*ITEM_FIELDS, "done_at"))


def _log_item(user: Any, action: str, item: ActionItem, before: dict[str, Any] | None) -> None:
    after = _item_state(item)
    _log(user, action, item, item.period, indicator=item.indicator, before=before, after=after)


@dataclass
class Accepted:
    """The items a plan became, and the indicators already promised that far or further."""

    created: list[ActionItem] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)


@transaction.atomic
def accept_plan(period: Period, result: Plan, *, due_on: date, user: Any) -> Accepted:
    """One action item per indicator the plan raises, unless one already promises that level.

    An item that was dropped still counts as promised: accepting the plan again must not bring
    back what the Koordinator decided against.
    """
    require(user, period, "manages")
    if not result.reachable:
        raise ActionRefused(_("This target cannot be reached; there is no plan to accept."))
    if not result.steps:
        raise ActionRefused(_("The target is already reached; there is nothing to plan."))
    Period.objects.select_for_update().get(pk=period.pk)  # one acceptance at a time
    promised, leads = promised_levels(period), lead_opds(period)
    accepted = Accepted()
    for step in raises(result.steps):
        if promised.get(step.indicator, -1) >= step.to_level:
            accepted.kept.append(step.indicator)
            continue
        indicator = period.definition.indicator_by_number[step.indicator]
        item = ActionItem.objects.create(
            period=period,
            indicator=step.indicator,
            title=Truncator(
                _("Raise to level %(level)s: %(name)s")
                % {"level": step.to_level, "name": indicator.name}
            ).chars(255),
            from_level=step.from_level,
            target_level=step.to_level,
            owner=leads.get(step.indicator),
            due_on=due_on,
            source=ActionItem.Source.PLAN,
            created_by=user,
        )
        _log_item(user, "action_item.create", item, None)
        accepted.created.append(item)
    return accepted


@transaction.atomic
def create_item(
    period: Period,
    *,
    indicator: int,
    target_level: int,
    due_on: date,
    user: Any,
    owner: Opd | None = None,
    recommendation: str = "",
    title: str = "",
) -> ActionItem:
    """An item from the assessors' recommendation, or one added by hand when there is none."""
    require(user, period, "manages")
    if indicator not in period.definition.indicator_by_number:
        raise ActionRefused(
            _("Indicator %(number)s is not in this instrument.") % {"number": indicator}
        )
    check_level(period, indicator, target_level)
    from_level = basis_levels(period).levels.get(indicator)
    if from_level is not None and target_level < from_level:
        raise ActionRefused(
            _("Indicator %(number)s already stands at level %(level)s; promise that or higher.")
            % {"number": indicator, "level": from_level}
        )
    if owner is not None and owner.instansi_id != period.instansi_id:
        raise ActionRefused(_("This OPD belongs to another instansi."))
    recommendation, title = recommendation.strip(), title.strip()
    if not (recommendation or title):
        raise ActionRefused(_("Give the assessors' recommendation or a title."))
    item = ActionItem.objects.create(
        period=period,
        indicator=indicator,
        title=title or Truncator(" ".join(recommendation.split())).chars(TITLE_LENGTH),
        from_level=from_level,
        target_level=target_level,
        owner=owner,
        due_on=due_on,
        source=ActionItem.Source.RECOMMENDATION if recommendation else ActionItem.Source.MANUAL,
        recommendation=recommendation,
        created_by=user,
    )
    _log_item(user, "action_item.create", item, None)
    return item


def _require_worker(item: ActionItem, user: Any) -> Any:
    access = access_for(user, item.period.instansi)
    access.require(may_work_on(access, item))
    return access


@transaction.atomic
def set_status(item: ActionItem, status: str, *, user: Any) -> ActionItem:
    """Dropping a promise, or taking a dropped one up again, is the Koordinator's decision."""
    access = _require_worker(item, user)
    if status not in ActionItem.Status.values:
        raise ActionRefused(_("Choose a status from the list."))
    dropping = ActionItem.Status.DROPPED in (status, item.status)
    if dropping and not access.manages:
        raise ActionRefused(_("Only the Koordinator can drop an item or take it up again."))
    if status == item.status:
        raise ActionRefused(
            _("The item is already %(status)s.") % {"status": item.get_status_display().lower()}
        )
    before = _item_state(item)
    item.status = status
    item.done_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.save(update_fields=["status", "done_at"])
    _log_item(user, "action_item.status", item, before)
    return item


@transaction.atomic
def add_note(item: ActionItem, text: str, *, user: Any) -> ProgressNote:
    _require_worker(item, user)
    text = text.strip()
    if not text:
        raise ActionRefused(_("Write what has been done."))
    note = ProgressNote.objects.create(item=item, author=user, text=text)
    _log(
        user,
        "action_item.note",
        note,
        item.period,
        indicator=item.indicator,
        after={"item": item.pk, "text": text},
    )
    return note


@transaction.atomic
def link_evidence(item: ActionItem, document: Document, *, user: Any) -> ItemEvidence:
    access = _require_worker(item, user)
    period = item.period
    if not visible_documents(period.instansi, access).filter(pk=document.pk).exists():
        raise ActionRefused(_("This document is not in your evidence bank."))
    try:
        with transaction.atomic():
            link = ItemEvidence.objects.create(item=item, document=document, added_by=user)
    except IntegrityError:
        raise ActionRefused(_("This document is already linked to the item.")) from None
    _log(
        user,
        "action_item.evidence",
        link,
        period,
        indicator=item.indicator,
        after={"item": item.pk, "document": document.pk},
    )
    return link
