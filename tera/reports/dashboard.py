"""The instansi dashboard: index and predikat, their breakdown, OPD progress, deadlines and trend.

Gathered in a fixed number of queries. Every index comes from tera.core.scoring through the
assessments app; this module only pairs the numbers up and hands them to the charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tera.assessments.calibration import TrendPoint, trend
from tera.assessments.dashboard import current_period
from tera.assessments.models import Answer, Period
from tera.assessments.pages import self_assessed_score
from tera.assessments.stages import official_levels
from tera.core.instrument import Instrument
from tera.core.scoring import NodeScore, Score, score
from tera.evidence.models import EvidenceLink
from tera.organizations.models import Opd
from tera.planning.basis import Basis, basis_from
from tera.planning.models import Target
from tera.planning.targets import Distance, distance
from tera.registry.models import Instansi
from tera.reports.charts import (
    ChartData,
    Reference,
    Series,
    bar_chart,
    line_chart,
    radar_chart,
)

DATE_FIELDS = ("starts_on", "answers_due", "review_due", "submission_due")
ACCEPTED = (Answer.Status.ACCEPTED, Answer.Status.LOCKED)
REGISTRY_TOP_LEVEL = 5  # the published SPBE indexes run from 0 to 5


@dataclass
class OpdProgress:
    """How far one OPD is with the indicators assigned to it in the period.

    Each count is a part of the one before: accepted <= answered <= assigned.
    """

    opd: Opd
    assigned: int = 0  # indicators the OPD is assigned to
    answered: int = 0  # of those, the OPD proposed a level
    with_evidence: int = 0  # of those assigned, the OPD cited at least one document
    accepted: int = 0  # of those answered, the instansi's answer is accepted or locked


@dataclass(frozen=True)
class DueDate:
    label: str
    day: date
    passed: bool


@dataclass(frozen=True)
class Figure:
    """A chart and the numbers of the table shown beside it."""

    data: ChartData
    svg: SafeString


@dataclass(frozen=True)
class InstansiDashboard:
    instansi: Instansi
    period: Period | None  # the current period; None before the first one
    trend: list[TrendPoint]
    trend_figure: Figure | None
    self_score: Score | None = None
    official_score: Score | None = None  # None until an external stage is recorded
    target: Distance | None = None
    basis: Basis | None = None
    progress: list[OpdProgress] = field(default_factory=list)
    dates: list[DueDate] = field(default_factory=list)
    domain_figure: Figure | None = None
    aspect_figure: Figure | None = None
    progress_figure: Figure | None = None


def build_dashboard(instansi: Instansi, today: date | None = None) -> InstansiDashboard:
    """The dashboard of the instansi's current period; before its first, the registry trend."""
    period = current_period(instansi)
    points = trend(instansi)
    if period is None:
        return InstansiDashboard(instansi, None, points, trend_figure(points, None, None))
    definition = period.definition
    answers = list(period.answers.only("period", "indicator", "level", "status"))
    self_score = self_assessed_score(period, answers)
    official = official_levels(period)
    official_score = score(definition, official, period.year) if official else None
    basis = basis_from(official, answers)
    target = period_target(period, basis.score(period))
    progress = opd_progress(period)
    return InstansiDashboard(
        instansi,
        period,
        points,
        trend_figure(points, definition, target),
        self_score=self_score,
        official_score=official_score,
        target=target,
        basis=basis,
        progress=progress,
        dates=due_dates(period, today or timezone.localdate()),
        domain_figure=domain_figure(self_score, official_score),
        aspect_figure=aspect_figure(self_score, official_score),
        progress_figure=progress_figure(progress),
    )


def period_target(period: Period, current: Score) -> Distance | None:
    """The period's target (tera.planning) and how far `current` stands from it."""
    target = Target.objects.filter(period=period).first()
    if target is None:
        return None
    return distance(target.goal, period.definition, period.year, current.index)


def opd_progress(period: Period) -> list[OpdProgress]:
    """Every OPD of the instansi, those with nothing assigned too: the OPD, then its
    contributions with whether each is cited and whether its indicator's answer is accepted."""
    progress = {
        opd.pk: OpdProgress(opd)
        for opd in Opd.objects.filter(instansi=period.instansi_id).order_by("name")
    }
    cited = EvidenceLink.objects.filter(contribution=OuterRef("pk"))
    accepted = Answer.objects.filter(
        period=OuterRef("period"), indicator=OuterRef("indicator"), status__in=ACCEPTED
    )
    rows = period.contributions.annotate(
        cited=Exists(cited), accepted=Exists(accepted)
    ).values_list("opd_id", "level", "cited", "accepted")
    for opd_id, level, has_evidence, is_accepted in rows:
        entry = progress[opd_id]
        entry.assigned += 1
        entry.answered += level is not None
        entry.with_evidence += has_evidence
        entry.accepted += level is not None and is_accepted
    return list(progress.values())


def due_dates(period: Period, today: date) -> list[DueDate]:
    """The period's own dates that are set, in the order of its stages."""
    found = []
    for name in DATE_FIELDS:
        day = getattr(period, name)
        if day is not None:
            label = capfirst(Period._meta.get_field(name).verbose_name)
            found.append(DueDate(label, day, day < today))
    return found


def node_chart(
    title: str, heading: str, mine: Sequence[NodeScore], official: Sequence[NodeScore] | None
) -> ChartData:
    """Aspects or domains, self-assessed beside official when the assessors scored any stage."""
    series = [Series(_("Self-assessed"), tuple(node.value for node in mine))]
    if official is not None:
        series.append(Series(_("Official"), tuple(node.value for node in official)))
    labels = tuple(f"{node.number}. {node.name}" for node in mine)
    return ChartData(title, heading, labels, tuple(series))


def domain_figure(mine: Score, official: Score | None) -> Figure | None:
    if not mine.domains:  # an instrument of aspects only, such as Pemdi 2026
        return None
    data = node_chart(
        _("Index per domain"), _("Domain"), mine.domains, official.domains if official else None
    )
    return Figure(data, bar_chart(data, name="domain-chart", maximum=mine.instrument.max_level))


def aspect_figure(mine: Score, official: Score | None) -> Figure:
    data = node_chart(
        _("Index per aspect"), _("Aspect"), mine.aspects, official.aspects if official else None
    )
    return Figure(data, radar_chart(data, name="aspect-chart", maximum=mine.instrument.max_level))


def progress_figure(progress: Sequence[OpdProgress]) -> Figure | None:
    if not progress:
        return None
    counts = (
        (_("Assigned"), [entry.assigned for entry in progress]),
        (_("Answered"), [entry.answered for entry in progress]),
        (_("With evidence"), [entry.with_evidence for entry in progress]),
        (_("Accepted"), [entry.accepted for entry in progress]),
    )
    data = ChartData(
        _("Progress by OPD"),
        _("OPD"),
        tuple(entry.opd.name for entry in progress),
        tuple(Series(name, tuple(values)) for name, values in counts),
        places=0,
    )
    most = max(entry.assigned for entry in progress)
    return Figure(data, bar_chart(data, name="opd-chart", maximum=most))


def trend_figure(
    points: Sequence[TrendPoint], instrument: Instrument | None, target: Distance | None
) -> Figure | None:
    """The registry's years, then each Tera period, against the current period's predikat."""
    if not points:
        return None
    data = ChartData(
        _("Index across years"),
        _("Year"),
        tuple(_point_label(point) for point in points),
        (
            Series(_("Self-assessed"), tuple(point.self_index for point in points)),
            Series(_("Official"), tuple(point.official_index for point in points)),
        ),
    )
    references = []
    if instrument is not None:
        references = [
            Reference(band.lower, band.name)
            for band in instrument.predikat_bands
            if band.lower is not None and band.lower > 0
        ]
    if target is not None:
        references.append(Reference(target.value, _("Target"), strong=True))
    maximum = instrument.max_level if instrument else REGISTRY_TOP_LEVEL
    svg = line_chart(data, name="trend-chart", maximum=maximum, references=references)
    return Figure(data, svg)


def _point_label(point: TrendPoint) -> str:
    """A registry year by its number; a Tera period by its name, which says its year."""
    if point.from_registry:
        return str(point.year)
    if str(point.year) in point.label:
        return point.label
    return f"{point.year} · {point.label}"
