"""The leadership report of a period: everything it shows, gathered in a fixed number of queries.

The numbers are the engine's (tera.core.scoring and tera.core.planner) and the dashboard's
(tera.reports.dashboard): the report pairs them up for its tables and draws the same charts as
the pages, so that the PDF and the screen never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db.models import Count
from django.utils.translation import gettext as _

from tera.assessments.calibration import trend
from tera.assessments.models import Answer, Period
from tera.assessments.pages import self_assessed_score
from tera.assessments.stages import official_levels
from tera.core.instrument import Aspect, Indicator
from tera.core.scoring import Gain, NodeScore, Score, level_gains, score
from tera.jobs.runner import Progress
from tera.organizations.models import Opd
from tera.planning.basis import Basis, basis_from
from tera.planning.models import ActionItem
from tera.planning.plans import lead_opds, plan_for, raises
from tera.planning.targets import Distance
from tera.reports.dashboard import (
    Figure,
    OpdProgress,
    aspect_figure,
    domain_figure,
    opd_progress,
    period_target,
    progress_figure,
    trend_figure,
)

GAINS_SHOWN = 10


@dataclass(frozen=True)
class NodeLine:
    """An aspect or a domain: self-assessed beside official, once the assessors scored any."""

    node: NodeScore
    official: NodeScore | None

    @property
    def official_value(self) -> Fraction | None:
        return None if self.official is None else self.official.value


@dataclass(frozen=True)
class IndicatorLine:
    indicator: Indicator
    level: int | None
    official_level: int | None
    status: str
    evidence: int


@dataclass(frozen=True)
class GainLine:
    """Raising one indicator one level, and what it does to the index."""

    gain: Gain
    indicator: Indicator


@dataclass(frozen=True)
class PlanLine:
    indicator: Indicator
    from_level: int | None
    to_level: int
    owner: Opd | None
    due_on: date | None = None
    status: str = ""


@dataclass(frozen=True)
class TargetPlan:
    """The accepted action items, or while there are none the planner's proposal to the target.

    A period's target lies within the instrument's levels, so the planner always reaches it.
    """

    lines: list[PlanLine]
    proposed_index: Fraction | None = None  # the index after the planner's raises

    @property
    def accepted(self) -> bool:
        return self.proposed_index is None


@dataclass(frozen=True)
class LeadershipReport:
    period: Period
    made_on: date
    self_score: Score
    official_score: Score | None
    target: Distance | None
    basis: Basis
    aspects: list[NodeLine]
    domains: list[NodeLine]
    groups: list[tuple[Aspect, list[IndicatorLine]]]
    progress: list[OpdProgress]
    gains: list[GainLine]
    plan: TargetPlan | None
    aspect_figure: Figure
    domain_figure: Figure | None
    trend_figure: Figure | None
    progress_figure: Figure | None


def leadership_report(period: Period, made_on: date, progress: Progress) -> LeadershipReport:
    progress(10, _("Gathering the figures."))
    answers = list(period.answers.annotate(evidence=Count("evidence_links")).order_by())
    mine = self_assessed_score(period, answers)
    official = official_levels(period)
    theirs = score(period.definition, official, period.year) if official else None
    basis = basis_from(official, answers)
    current = basis.score(period)
    target = period_target(period, current)
    opds = opd_progress(period)
    progress(50, _("Drawing the charts."))
    figures = {
        "aspect_figure": aspect_figure(mine, theirs),
        "domain_figure": domain_figure(mine, theirs),
        "trend_figure": trend_figure(trend(period.instansi), period.definition, target),
        "progress_figure": progress_figure(opds),
    }
    return LeadershipReport(
        period=period,
        made_on=made_on,
        self_score=mine,
        official_score=theirs,
        target=target,
        basis=basis,
        aspects=_node_lines(mine.aspects, theirs.aspects if theirs else None),
        domains=_node_lines(mine.domains, theirs.domains if theirs else None),
        groups=indicator_groups(period, answers, official),
        progress=opds,
        gains=largest_gains(current),
        plan=target_plan(period, basis, target),
        **figures,
    )


def _node_lines(
    mine: tuple[NodeScore, ...], official: tuple[NodeScore, ...] | None
) -> list[NodeLine]:
    return [
        NodeLine(node, official[position] if official else None)
        for position, node in enumerate(mine)
    ]


def indicator_groups(
    period: Period, answers: list[Answer], official: dict[int, int]
) -> list[tuple[Aspect, list[IndicatorLine]]]:
    """Every indicator of the instrument under its aspect, answered or not."""
    by_number = {answer.indicator: answer for answer in answers}
    groups = []
    for aspect in period.definition.aspects:
        lines = []
        for indicator in aspect.indicators:
            answer = by_number.get(indicator.number)
            lines.append(
                IndicatorLine(
                    indicator,
                    answer.level if answer else None,
                    official.get(indicator.number),
                    answer.get_status_display() if answer else "",
                    getattr(answer, "evidence", 0),
                )
            )
        groups.append((aspect, lines))
    return groups


def largest_gains(basis: Score) -> list[GainLine]:
    """The indicators whose one-level raise lifts the index most: where the gap closes fastest."""
    definition = basis.instrument
    return [
        GainLine(gain, definition.indicator_by_number[gain.indicator])
        for gain in level_gains(basis)[:GAINS_SHOWN]
    ]


def target_plan(period: Period, basis: Basis, target: Distance | None) -> TargetPlan | None:
    definition = period.definition
    items = list(
        ActionItem.objects.filter(period=period)
        .exclude(status=ActionItem.Status.DROPPED)
        .select_related("owner")
        .order_by("indicator", "target_level", "pk")
    )
    if items:
        return TargetPlan([
            PlanLine(definition.indicator_by_number[item.indicator], item.from_level,
                     item.target_level, item.owner, item.due_on, item.get_status_display())
            for item in items
        ])  # fmt: skip
    if target is None or target.reached:
        return None
    proposal = plan_for(period, basis, target.value)
    leads = lead_opds(period)
    lines = [
        PlanLine(definition.indicator_by_number[step.indicator], step.from_level, step.to_level,
                 leads.get(step.indicator))
        for step in raises(proposal.steps)
    ]  # fmt: skip
    return TargetPlan(lines, proposal.index_after)
