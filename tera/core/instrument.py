"""Instrument model: frozen dataclasses describing one version of an evaluation instrument."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from math import gcd


class PredikatRule(StrEnum):
    """Which value the predikat is read from in a given evaluation year."""

    UNROUNDED = "unrounded"
    ROUNDED = "rounded"


class Status(StrEnum):
    OFFICIAL = "official"
    PROVISIONAL = "provisional"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class ScaleLevel:
    level: int
    name: str
    description: str


@dataclass(frozen=True)
class Scale:
    id: str
    name: str
    levels: tuple[ScaleLevel, ...]

    def level_name(self, level: int) -> str:
        for scale_level in self.levels:
            if scale_level.level == level:
                return scale_level.name
        return ""


@dataclass(frozen=True)
class Indicator:
    number: int
    name: str
    weight: Decimal
    aspect_number: int
    scale: str
    criteria: dict[int, str]
    evidence: str = ""
    note: str = ""


@dataclass(frozen=True)
class Aspect:
    number: int
    name: str
    weight: Decimal
    indicators: tuple[Indicator, ...]
    domain_number: int | None = None


@dataclass(frozen=True)
class Domain:
    number: int
    name: str
    weight: Decimal
    aspects: tuple[Aspect, ...]


@dataclass(frozen=True)
class PredikatBand:
    """A predikat for lower <= value < upper; None means open on that side."""

    name: str
    lower: Decimal | None
    upper: Decimal | None
    label: str = ""

    def contains(self, value: Fraction | Decimal) -> bool:
        if self.lower is not None and value < self.lower:
            return False
        return self.upper is None or value < self.upper


@dataclass(frozen=True)
class EvaluationYear:
    year: int
    predikat_rule: PredikatRule
    note: str = ""


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    regulation: str
    status: Status
    weights_verified: bool
    min_level: int
    max_level: int
    total_weight: Decimal
    scales: tuple[Scale, ...]
    predikat_bands: tuple[PredikatBand, ...]
    years: tuple[EvaluationYear, ...]
    domains: tuple[Domain, ...]
    aspects: tuple[Aspect, ...]
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...] = field(init=False)

    def __post_init__(self) -> None:
        indicators = tuple(i for aspect in self.aspects for i in aspect.indicators)
        object.__setattr__(self, "indicators", indicators)

    @cached_property
    def indicator_by_number(self) -> dict[int, Indicator]:
        return {indicator.number: indicator for indicator in self.indicators}

    @cached_property
    def weight_unit(self) -> Decimal:
        """The power of ten that turns every weight into an integer."""
        weights = [self.total_weight, *(node.weight for node in self._weighted_nodes())]
        places = max(max(0, -int(w.as_tuple().exponent)) for w in weights)
        return Decimal(1).scaleb(-places)

    def integer_weight(self, weight: Decimal) -> int:
        return int(weight / self.weight_unit)

    @cached_property
    def integer_weights(self) -> dict[int, int]:
        """Indicator number -> weight as an exact integer multiple of `weight_unit`."""
        return {i.number: self.integer_weight(i.weight) for i in self.indicators}

    @cached_property
    def weight_gcd(self) -> int:
        result = 0
        for weight in self.integer_weights.values():
            result = gcd(result, weight)
        return result or 1

    def scale_of(self, indicator: Indicator) -> Scale:
        return next(scale for scale in self.scales if scale.id == indicator.scale)

    def predikat_rule(self, year: int | None) -> PredikatRule:
        for evaluation_year in self.years:
            if evaluation_year.year == year:
                return evaluation_year.predikat_rule
        if year is None and self.years:
            return self.years[-1].predikat_rule
        return PredikatRule.UNROUNDED

    @property
    def latest_year(self) -> int | None:
        return self.years[-1].year if self.years else None

    def _weighted_nodes(self) -> list[Domain | Aspect | Indicator]:
        return [*self.domains, *self.aspects, *self.indicators]
