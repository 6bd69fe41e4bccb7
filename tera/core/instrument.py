"""Instrument model: frozen dataclasses describing one version of an evaluation instrument."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from math import floor, gcd

from tera.core.numbers import format_id, round_half_up

Value = int | Decimal
"""An indicator's value: a whole level on most scales, a decimal such as 1.26 on Pemdi 2026's."""


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
    """The levels that have criteria, and which values an answer on this scale may take.

    A whole scale (step 1) takes its levels and level 0, which official results contain; a
    decimal scale (e.g. step 0.01 from 1) takes every multiple of the step from `lowest` to the top.
    """

    id: str
    name: str
    levels: tuple[ScaleLevel, ...]
    step: Decimal = Decimal(1)
    lowest: Decimal = Decimal(0)

    def level_name(self, level: int) -> str:
        for scale_level in self.levels:
            if scale_level.level == level:
                return scale_level.name
        return ""

    @cached_property
    def highest(self) -> int:
        return max(scale_level.level for scale_level in self.levels)

    @cached_property
    def is_decimal(self) -> bool:
        return self.step != 1

    @property
    def places(self) -> int:
        exponent = self.step.normalize().as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0

    def allows(self, value: Value) -> bool:
        if type(value) is int and not self.is_decimal:
            return self.lowest <= value <= self.highest
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return False
        if not Decimal(value).is_finite() or not self.lowest <= value <= self.highest:
            return False
        return (Decimal(value) - self.lowest) % self.step == 0

    def whole_values(self) -> range:
        """The whole levels an answer may take (the choices of a whole scale)."""
        return range(int(self.lowest), self.highest + 1)

    def display(self, value: Value) -> str:
        """'3' on a whole scale, '1,26' or '2,00' on a decimal one."""
        if not self.is_decimal:
            return str(value)
        return format_id(value, self.places)

    def range_text(self) -> str:
        if not self.is_decimal:
            return f"{int(self.lowest)}-{self.highest}"
        return f"{self.display(self.lowest)} sampai {self.display(self.highest)}"


def whole_level(value: Value) -> int:
    """The level a value stands at: 1.26 is at level 1, 2.00 and 2.5 at level 2."""
    return floor(value)


@dataclass(frozen=True)
class LevelDetail:
    """What the official module says of one level besides its criterion (Kondisi, Data Dukung)."""

    condition: str = ""
    evidence: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Band:
    """Source values from `lower` upward convert to `value` (until the next band's lower)."""

    lower: Decimal
    value: Decimal


@dataclass(frozen=True)
class SourceIndex:
    """Another agency's index an indicator's value is converted from, instead of assessed.

    Either linear (value = offset + source / divisor, e.g. 1 + SDI/25) or by bands. Until the
    source value exists the indicator counts as `default` (the assessors' rule).
    """

    id: str
    name: str
    agency: str
    lower: Decimal
    upper: Decimal
    default: Decimal
    offset: Decimal | None = None
    divisor: Decimal | None = None
    bands: tuple[Band, ...] = ()
    verified: bool = False
    note: str = ""

    @property
    def is_linear(self) -> bool:
        return self.divisor is not None

    def allows(self, source: Decimal) -> bool:
        return source.is_finite() and self.lower <= source <= self.upper

    def convert(self, source: Decimal, places: int = 2) -> Decimal:
        """The indicator's value, rounded half-up to the scale's places."""
        if self.offset is not None and self.divisor is not None:
            return round_half_up(
                Fraction(self.offset) + Fraction(source) / Fraction(self.divisor), places
            )
        value = next(band.value for band in reversed(self.bands) if source >= band.lower)
        return round_half_up(value, places)

    def working(self, source: Decimal, places: int = 2) -> str:
        """How the value was obtained, in Indonesian: '1 + 68,75 / 25 = 3,75'."""
        result = format_id(self.convert(source, places), places)
        shown = _plain(source)
        if self.offset is not None and self.divisor is not None:
            return f"{_plain(self.offset)} + {shown} / {_plain(self.divisor)} = {result}"
        return f"{self.name} {shown} berada pada rentang {self.band_text(source)}: nilai {result}"

    def band_text(self, source: Decimal) -> str:
        position = max(i for i, band in enumerate(self.bands) if source >= band.lower)
        lower = _plain(self.bands[position].lower)
        if position + 1 < len(self.bands):
            return f"{lower} sampai di bawah {_plain(self.bands[position + 1].lower)}"
        return f"{lower} sampai {_plain(self.upper)}"

    def rule_text(self) -> str:
        """How the value is obtained, in Indonesian: 'nilai = 1 + Indeks SDI / 25'."""
        if self.offset is not None and self.divisor is not None:
            return f"nilai = {_plain(self.offset)} + {self.name} / {_plain(self.divisor)}"
        parts = [f"{self.band_text(band.lower)}: {_plain(band.value)}" for band in self.bands]
        return f"{self.name} " + "; ".join(parts)

    def shown(self, source: Decimal) -> str:
        """A source value the Indonesian way, without trailing zeros: '68,75', '25'."""
        return _plain(source)

    def needed_for(self, value: Value) -> Decimal:
        """The lowest source value that converts to at least `value`."""
        if self.offset is not None and self.divisor is not None:
            return max(self.lower, (Decimal(value) - self.offset) * self.divisor)
        return min((band.lower for band in self.bands if band.value >= value), default=self.upper)


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


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
    aliases: tuple[str, ...] = ()
    description: str = ""
    details: dict[int, LevelDetail] = field(default_factory=dict)
    baseline: str = ""
    source_index: SourceIndex | None = None

    def items(self, level: int) -> tuple[str, ...]:
        detail = self.details.get(level)
        return detail.items if detail else ()

    @property
    def has_items(self) -> bool:
        return any(detail.items for detail in self.details.values())


@dataclass(frozen=True)
class Aspect:
    number: int
    name: str
    weight: Decimal
    indicators: tuple[Indicator, ...]
    domain_number: int | None = None
    aliases: tuple[str, ...] = ()


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
    criteria_note: str = ""
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

    @cached_property
    def _scale_by_id(self) -> dict[str, Scale]:
        return {scale.id: scale for scale in self.scales}

    @cached_property
    def scale_by_number(self) -> dict[int, Scale]:
        return {i.number: self._scale_by_id[i.scale] for i in self.indicators}

    def scale_of(self, indicator: Indicator) -> Scale:
        return self._scale_by_id[indicator.scale]

    def scale_for(self, number: int) -> Scale:
        return self.scale_by_number[number]

    @cached_property
    def aspect_weights(self) -> dict[int, tuple[tuple[int, int], ...]]:
        """Aspect number -> (indicator number, integer weight) of each of its indicators."""
        weights = self.integer_weights
        return {
            aspect.number: tuple((i.number, weights[i.number]) for i in aspect.indicators)
            for aspect in self.aspects
        }

    @cached_property
    def has_decimal_values(self) -> bool:
        return any(scale.is_decimal for scale in self.scales)

    @cached_property
    def value_places(self) -> int:
        """The most decimals any value may have: 0 for whole levels, 2 for Pemdi 2026."""
        return max(scale.places for scale in self.scales)

    def display_value(self, number: int, value: Value | None) -> str:
        return "–" if value is None else self.scale_for(number).display(value)

    @cached_property
    def source_indexed(self) -> tuple[Indicator, ...]:
        """The indicators converted from another agency's index."""
        return tuple(i for i in self.indicators if i.source_index is not None)

    def evaluation_year(self, year: int | None) -> EvaluationYear | None:
        """The rules of that year; the latest year's when no year is given."""
        for evaluation_year in self.years:
            if evaluation_year.year == year:
                return evaluation_year
        return self.years[-1] if year is None and self.years else None

    def predikat_rule(self, year: int | None) -> PredikatRule:
        evaluation_year = self.evaluation_year(year)
        return PredikatRule.UNROUNDED if evaluation_year is None else evaluation_year.predikat_rule

    def year_note(self, year: int | None) -> str:
        """What is uncertain about that year's rules (e.g. an unknown rounding), if anything."""
        evaluation_year = self.evaluation_year(year)
        return "" if evaluation_year is None else evaluation_year.note

    @property
    def latest_year(self) -> int | None:
        return self.years[-1].year if self.years else None

    def _weighted_nodes(self) -> list[Domain | Aspect | Indicator]:
        return [*self.domains, *self.aspects, *self.indicators]
