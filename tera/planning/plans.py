"""The core planner run on a period: its stored step costs, and its steps grouped per indicator."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from tera.assessments.models import Period
from tera.core.planner import Plan, Step, plan
from tera.organizations.models import Opd
from tera.planning.basis import Basis
from tera.planning.models import DEFAULT_MAX_RAISE, ActionItem, RaiseCap, StepCost


def step_costs(
    period: Period, rows: Iterable[StepCost] | None = None
) -> dict[int, dict[int, Decimal]]:
    """indicator -> {level reached: cost}: a step's own cost, else its indicator's, else 1."""
    rows = list(period.step_costs.all() if rows is None else rows)
    levels = range(1, period.definition.max_level + 1)
    costs: dict[int, dict[int, Decimal]] = {}
    for row in rows:
        if row.to_level is None:
            costs[row.indicator] = dict.fromkeys(levels, row.cost)
    for row in rows:
        if row.to_level is not None:
            costs.setdefault(row.indicator, {})[row.to_level] = row.cost
    return costs


def raise_caps(period: Period, caps: Iterable[RaiseCap] | None = None) -> dict[int, int]:
    """indicator -> how many levels it may rise in one plan: its own cap, else one level."""
    own = {cap.indicator: cap.levels for cap in (period.raise_caps.all() if caps is None else caps)}
    return {
        number: own.get(number, DEFAULT_MAX_RAISE)
        for number in period.definition.indicator_by_number
    }


def plan_for(
    period: Period,
    basis: Basis,
    target: Fraction,
    rows: Iterable[StepCost] | None = None,
    caps: Iterable[RaiseCap] | None = None,
) -> Plan:
    return plan(
        period.definition,
        basis.levels,
        target,
        step_costs(period, rows),
        period.year,
        raise_caps(period, caps),
    )


@dataclass(frozen=True)
class Raise:
    """All the steps of a plan on one indicator: what one action item promises."""

    indicator: int
    from_level: int
    to_level: int
    cost: Decimal


def raises(steps: Iterable[Step]) -> list[Raise]:
    grouped: dict[int, list[Step]] = {}
    for step in steps:
        grouped.setdefault(step.indicator, []).append(step)
    return [
        Raise(
            number,
            min(step.from_level for step in group),
            max(step.to_level for step in group),
            sum((step.cost for step in group), Decimal(0)),
        )
        for number, group in sorted(grouped.items())
    ]


def fingerprint(result: Plan) -> str:
    """Names one plan, so that accepting it can check the plan did not change since it was shown."""
    text = ";".join(f"{r.indicator}:{r.from_level}:{r.to_level}" for r in raises(result.steps))
    return hashlib.sha256(f"{result.target}|{text}".encode()).hexdigest()[:16]


def promised_levels(period: Period) -> dict[int, int]:
    """indicator -> the highest level an action item promises, whatever its status."""
    promised: dict[int, int] = {}
    items = ActionItem.objects.filter(period=period).values_list("indicator", "target_level")
    for number, level in items:
        promised[number] = max(level, promised.get(number, level))
    return promised


def lead_opds(period: Period) -> dict[int, Opd]:
    """indicator -> its lead OPD, who owns what a plan promises on it."""
    leads = period.contributions.filter(is_lead=True).select_related("opd")
    return {contribution.indicator: contribution.opd for contribution in leads}


HALF_A_YEAR = timedelta(days=182)


def default_due_date(period: Period, today: date) -> date:
    """The period's submission date while it lies ahead, else half a year from today."""
    due = period.submission_due
    return due if due is not None and due >= today else today + HALF_A_YEAR
