"""Scoring engine: the regulation's nested formula in exact rational arithmetic."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import lcm

from tera.core.instrument import Aspect, Domain, Instrument, PredikatRule, Value, whole_level
from tera.core.numbers import round_half_up
from tera.core.values import value_problem

Values = Mapping[int, Value]
"""indicator number -> its value (a whole level, or a decimal on a decimal scale)."""


class InvalidLevel(ValueError):
    """An answer names an unknown indicator or a value its scale does not take."""


@dataclass(frozen=True)
class NodeScore:
    """The index of one aspect or domain; value is None when nothing in it is answered."""

    number: int
    name: str
    weight: Decimal
    value: Fraction | None
    coverage: Fraction
    units: int


@dataclass(frozen=True)
class Score:
    instrument: Instrument
    levels: dict[int, Value]
    year: int | None
    index: Fraction | None
    predikat: str | None
    coverage: Fraction
    aspects: tuple[NodeScore, ...]
    domains: tuple[NodeScore, ...]
    assumed: tuple[int, ...] = ()
    """Indicators converted from another index that has no value yet, counted at its default."""

    @property
    def complete(self) -> bool:
        return self.coverage == 1 and not self.assumed

    @property
    def provisional(self) -> bool:
        return not self.complete

    @property
    def index_display(self) -> Decimal | None:
        return None if self.index is None else round_half_up(self.index)


def validate_levels(instrument: Instrument, levels: Values) -> dict[int, Value]:
    scales = instrument.scale_by_number
    for number, level in levels.items():
        scale = scales.get(number)
        if scale is None:
            raise InvalidLevel(f"indikator {number} tidak ada dalam instrumen {instrument.id}")
        if not scale.allows(level):
            raise InvalidLevel(f"indikator {number}: {value_problem(scale, level)}")
    return dict(levels)


def with_source_defaults(instrument: Instrument, levels: Values) -> dict[int, Value]:
    """The values, with each indicator converted from another index counted at its default
    (1 for Pemdi 2026) until its source value exists: the assessors' rule."""
    filled = dict(levels)
    for indicator in instrument.source_indexed:
        if indicator.number not in filled and indicator.source_index is not None:
            filled[indicator.number] = indicator.source_index.default
    return filled


def score(instrument: Instrument, levels: Values, year: int | None = None) -> Score:
    """Score answered indicators; missing ones lower the coverage and make the index provisional.

    An aspect index averages its answered indicators, a domain its scored aspects and the index
    its scored domains, each by the regulation's weights. With every indicator answered this is
    exactly the regulation's formula, and equal to the flat weighted sum of all indicators.
    Indicators converted from another index count at their default until their value exists.
    """
    given = validate_levels(instrument, levels)
    levels = with_source_defaults(instrument, given)
    aspects = tuple(_aspect_score(instrument, aspect, levels) for aspect in instrument.aspects)
    by_number = {node.number: node for node in aspects}
    domains = tuple(_domain_score(domain, by_number) for domain in instrument.domains)
    top = domains or aspects
    index = _weighted_mean(top)
    answered = sum(instrument.integer_weights[n] for n in levels)
    coverage = Fraction(answered, instrument.integer_weight(instrument.total_weight))
    return Score(
        instrument=instrument,
        levels=levels,
        year=year,
        index=index,
        predikat=None if index is None else predikat_for(instrument, index, year),
        coverage=coverage,
        aspects=aspects,
        domains=domains,
        assumed=tuple(sorted(set(levels) - set(given))),
    )


def _aspect_score(instrument: Instrument, aspect: Aspect, levels: Values) -> NodeScore:
    weighted = instrument.aspect_weights[aspect.number]
    answered = [(levels[n], weight) for n, weight in weighted if n in levels]
    answered_weight = sum(weight for _, weight in answered)
    total_weight = sum(weight for _, weight in weighted)
    value = None
    if answered_weight:
        # Decimal times int is exact at these sizes; one Fraction per aspect keeps scoring fast.
        total = sum(level * weight for level, weight in answered)
        value = (
            Fraction(total, answered_weight)
            if isinstance(total, int)
            else Fraction(total) / answered_weight
        )
    return NodeScore(
        aspect.number,
        aspect.name,
        aspect.weight,
        value,
        Fraction(answered_weight, total_weight),
        total_weight,
    )


def _domain_score(domain: Domain, aspects: Mapping[int, NodeScore]) -> NodeScore:
    children = tuple(aspects[a.number] for a in domain.aspects)
    units = sum(child.units for child in children)
    coverage = _mean_by_units([(child.coverage, child.units) for child in children])
    assert coverage is not None
    return NodeScore(
        domain.number, domain.name, domain.weight, _weighted_mean(children), coverage, units
    )


def _weighted_mean(nodes: tuple[NodeScore, ...]) -> Fraction | None:
    return _mean_by_units([(node.value, node.units) for node in nodes if node.value is not None])


def _mean_by_units(pairs: list[tuple[Fraction, int]]) -> Fraction | None:
    """Σ(value×units)/Σunits over a common denominator: one Fraction instead of one per term."""
    if not pairs:
        return None
    denominator = lcm(*(value.denominator for value, _ in pairs))
    numerator = sum(
        value.numerator * (denominator // value.denominator) * units for value, units in pairs
    )
    return Fraction(numerator, denominator * sum(units for _, units in pairs))


def weighted_mean(pairs: Iterable[tuple[Fraction | Decimal, Decimal]]) -> Fraction:
    """Σ(value×weight)/Σweight exactly: how a domain or the index combines its parts."""
    exact = [(Fraction(value), Fraction(weight)) for value, weight in pairs]
    # Scaling every weight by one factor leaves the mean as it is and makes them whole.
    scale = lcm(*(weight.denominator for _, weight in exact))
    mean = _mean_by_units([(value, int(weight * scale)) for value, weight in exact])
    if mean is None:
        raise ZeroDivisionError("weighted_mean of nothing")
    return mean


def predikat_for(instrument: Instrument, value: Fraction | Decimal, year: int | None) -> str:
    """The predikat of a value under the rule of that evaluation year (unrounded or rounded)."""
    if instrument.predikat_rule(year) is PredikatRule.ROUNDED:
        value = round_half_up(value)
    for band in instrument.predikat_bands:
        if band.contains(value):
            return band.name
    raise ValueError(f"tidak ada predikat untuk nilai {value}")


def threshold_for(instrument: Instrument, predikat: str, year: int | None) -> Fraction:
    """The lowest exact index that earns this predikat in that year."""
    for band in instrument.predikat_bands:
        if band.name.casefold() == predikat.strip().casefold():
            if band.lower is None:
                return Fraction(0)
            lower = Fraction(band.lower)
            if instrument.predikat_rule(year) is PredikatRule.ROUNDED:
                lower -= Fraction(1, 200)
            return lower
    names = ", ".join(band.name for band in instrument.predikat_bands)
    raise KeyError(f"predikat '{predikat}' tidak dikenal; pilih salah satu: {names}")


def next_predikat(instrument: Instrument, current: str | None) -> str | None:
    names = [band.name for band in instrument.predikat_bands]
    if current is None:
        return names[0] if names else None
    position = names.index(current)
    return names[position + 1] if position + 1 < len(names) else None


@dataclass(frozen=True)
class Gain:
    indicator: int
    from_level: Value
    to_level: int
    index_gain: Fraction
    index_after: Fraction
    predikat_after: str


def next_level(value: Value) -> int:
    """The next whole level above a value: 3 after 2, and after 2.26."""
    return whole_level(value) + 1


def level_gains(result: Score) -> list[Gain]:
    """The index gained by raising each answered indicator to its next whole level, largest
    first."""
    instrument = result.instrument
    gains = []
    for number, level in result.levels.items():
        if level >= instrument.scale_for(number).highest:
            continue
        raised = score(instrument, {**result.levels, number: next_level(level)}, result.year)
        assert raised.index is not None and result.index is not None
        gains.append(
            Gain(
                number,
                level,
                next_level(level),
                raised.index - result.index,
                raised.index,
                raised.predikat or "",
            )
        )
    return sorted(gains, key=lambda gain: (-gain.index_gain, gain.indicator))
