"""Calibration: the self-assessment against the official levels, and the index across years.

Every index comes from tera.core.scoring; this module only pairs the numbers up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tera.assessments.models import Answer, Period, StageScore
from tera.assessments.stages import by_stage, recorded_levels, self_assessed_levels
from tera.core import stages as core
from tera.core.instrument import Indicator
from tera.core.scoring import NodeScore, Score, score
from tera.organizations.models import Opd
from tera.registry.models import Instansi, OfficialResult


@dataclass(frozen=True)
class IndicatorCalibration:
    indicator: Indicator
    self_level: int | None
    official_level: int | None

    @property
    def difference(self) -> int | None:
        """Positive when the self-assessment claimed more than the assessors gave."""
        if self.self_level is None or self.official_level is None:
            return None
        return self.self_level - self.official_level


@dataclass(frozen=True)
class NodeCalibration:
    """One aspect or domain: its self-assessed and its official index."""

    number: int
    name: str
    self_value: Fraction | None
    official_value: Fraction | None

    @property
    def difference(self) -> Fraction | None:
        if self.self_value is None or self.official_value is None:
            return None
        return self.self_value - self.official_value


@dataclass
class OpdClaims:
    """How one OPD's proposed levels compare with the official ones."""

    opd: Opd
    compared: int = 0
    matched: int = 0
    over_count: int = 0
    over_levels: int = 0
    under_count: int = 0
    under_levels: int = 0

    def add(self, proposed: int, official: int) -> None:
        self.compared += 1
        if proposed > official:
            self.over_count += 1
            self.over_levels += proposed - official
        elif proposed < official:
            self.under_count += 1
            self.under_levels += official - proposed
        else:
            self.matched += 1


@dataclass(frozen=True)
class Calibration:
    self_score: Score
    official_score: Score | None  # None until an external stage is recorded
    indicators: list[IndicatorCalibration]
    aspects: list[NodeCalibration]
    domains: list[NodeCalibration]
    opds: list[OpdClaims]


def calibration(period: Period) -> Calibration:
    definition = period.definition
    self_assessed = self_assessed_levels(period)
    official = core.official_levels(self_assessed, recorded_levels(period))
    self_score = score(definition, self_assessed, period.year)
    official_score = score(definition, official, period.year) if official else None
    return Calibration(
        self_score=self_score,
        official_score=official_score,
        indicators=[
            IndicatorCalibration(i, self_assessed.get(i.number), official.get(i.number))
            for i in definition.indicators
        ],
        aspects=_nodes(self_score.aspects, official_score.aspects if official_score else None),
        domains=_nodes(self_score.domains, official_score.domains if official_score else None),
        opds=opd_claims(period, official),
    )


def _nodes(
    self_nodes: tuple[NodeScore, ...], official_nodes: tuple[NodeScore, ...] | None
) -> list[NodeCalibration]:
    official = {node.number: node.value for node in official_nodes or ()}
    return [
        NodeCalibration(node.number, node.name, node.value, official.get(node.number))
        for node in self_nodes
    ]


def opd_claims(period: Period, official: Mapping[int, int]) -> list[OpdClaims]:
    """Each OPD's proposed levels above and below the official ones: how many, by how much."""
    claims: dict[int, OpdClaims] = {}
    contributions = period.contributions.exclude(level=None).select_related("opd")
    for contribution in contributions.order_by("opd__name", "indicator"):
        entry = claims.setdefault(contribution.opd_id, OpdClaims(contribution.opd))
        if contribution.level is not None and contribution.indicator in official:
            entry.add(contribution.level, official[contribution.indicator])
    return list(claims.values())


@dataclass(frozen=True)
class TrendPoint:
    """One year: a published result from the registry, or a period of the instansi in Tera."""

    year: int
    label: str
    from_registry: bool
    self_index: Fraction | None = None
    self_predikat: str = ""
    official_index: Fraction | Decimal | None = None
    official_predikat: str = ""
    domains: tuple[Decimal | None, ...] = ()


def trend(instansi: Instansi) -> list[TrendPoint]:
    """The registry's results for the years before the first Tera period, then every period."""
    periods = list(
        Period.objects.filter(instansi=instansi)
        .select_related("instrument")
        .order_by("year", "semester", "pk")
    )
    results = OfficialResult.objects.filter(instansi=instansi).order_by("year")
    if periods:
        results = results.filter(year__lt=periods[0].year)
    points = [
        TrendPoint(
            year=result.year,
            label=result.published_name,
            from_registry=True,
            official_index=result.index,
            official_predikat=result.predikat,
            domains=tuple(result.domain_values),  # type: ignore[arg-type]
        )
        for result in results
    ]
    return points + _period_points(periods)


def _period_points(periods: list[Period]) -> list[TrendPoint]:
    """Every period scored from two queries, however many periods there are."""
    answered: dict[int, dict[int, int]] = {period.pk: {} for period in periods}
    answers = Answer.objects.filter(period__in=periods).exclude(level=None)
    for period_id, indicator, level in answers.values_list("period_id", "indicator", "level"):
        answered[period_id][indicator] = level
    stored: dict[int, list[tuple[int, str, int]]] = {period.pk: [] for period in periods}
    scores = StageScore.objects.filter(period__in=periods)
    for period_id, *row in scores.values_list("period_id", "indicator", "stage", "level"):
        stored[period_id].append((row[0], row[1], row[2]))
    points = []
    for period in periods:
        self_score = score(period.definition, answered[period.pk], period.year)
        official = core.official_levels(answered[period.pk], by_stage(stored[period.pk]))
        official_score = score(period.definition, official, period.year) if official else None
        points.append(
            TrendPoint(
                year=period.year,
                label=period.name,
                from_registry=False,
                self_index=self_score.index,
                self_predikat=self_score.predikat or "",
                official_index=official_score.index if official_score else None,
                official_predikat=(official_score.predikat or "") if official_score else "",
            )
        )
    return points
