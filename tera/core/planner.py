"""Target planner: the cheapest set of level raises that lifts the index to a target.

The index is a weighted sum of values, so reaching a target is a multiple-choice knapsack: for
each indicator choose the whole level to raise it to (or none), paying the sum of its step costs
and gaining its weight times the rise. Values, weights and costs are exact integers after
scaling, and a dynamic program over the needed gain (in units of the gains' greatest common
divisor) gives an exactly optimal plan. The arrays stay small: at most 4 * 100 / 0.05 = 8,000
cells for SPBE 2020, and 4 * 100 * 100 = 40,000 for Pemdi 2026's values to two decimals.

A value may only rise so far in one period (`max_raise`, in levels): a plan that lifts an
indicator from 1 to 5 in a semester is not credible.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import ceil, gcd

import numpy as np

from tera.core.instrument import Instrument, Value, whole_level
from tera.core.scoring import (
    next_predikat,
    score,
    threshold_for,
    validate_levels,
    with_source_defaults,
)

DEFAULT_STEP_COST = Decimal(1)
INT64_SAFE = 2**62


@dataclass(frozen=True)
class Step:
    indicator: int
    from_level: Value
    to_level: int
    cost: Decimal


@dataclass(frozen=True)
class Plan:
    reachable: bool
    target: Fraction
    index_before: Fraction
    index_after: Fraction
    predikat_after: str
    total_cost: Decimal
    steps: tuple[Step, ...]
    assumed_minimum: tuple[int, ...]
    max_index: Fraction


StepCosts = Mapping[int, Mapping[int, Decimal]]
"""indicator -> {level reached by the step: cost}; missing entries cost DEFAULT_STEP_COST."""

MaxRaise = Mapping[int, int]
"""indicator -> how many levels its value may rise in the plan; missing means up to the top."""


@dataclass(frozen=True)
class _Option:
    """One way to raise one indicator: the steps to a whole level, their gain and cost."""

    steps: tuple[Step, ...]
    gain: int
    cost: Decimal


def plan(
    instrument: Instrument,
    levels: Mapping[int, Value],
    target: Fraction,
    costs: StepCosts | None = None,
    year: int | None = None,
    max_raise: MaxRaise | None = None,
) -> Plan:
    """The minimum-cost plan reaching `target`, or reachable=False with the best possible index.

    Unanswered indicators are assumed to stand at their scale's lowest value (an indicator
    converted from another index at its default) and are listed in `assumed_minimum`, so that a
    partial sheet still gets a plan it can trust.
    """
    current = complete_levels(instrument, levels)
    missing = tuple(sorted(set(instrument.indicator_by_number) - set(levels)))
    scale = 10**instrument.value_places
    weights = instrument.integer_weights
    total_units = instrument.integer_weight(instrument.total_weight) * scale
    current_sum = sum(int(current[n] * scale) * weights[n] for n in current)
    options = {
        number: _options(instrument, number, current[number], costs or {}, max_raise or {})
        for number in sorted(current)
    }
    unit = _gain_unit(options.values())
    needed = max(0, ceil((target * total_units - current_sum) / unit))
    max_gain = sum(max((o.gain for o in choices), default=0) for choices in options.values())
    max_index = Fraction(current_sum + max_gain, total_units)
    if needed * unit > max_gain:
        return _result(instrument, current, target, (), False, missing, max_index, year)
    steps = tuple(
        step for option in _solve(list(options.values()), unit, needed) for step in option.steps
    )
    return _result(instrument, current, target, steps, True, missing, max_index, year)


def plan_next_predikat(
    instrument: Instrument,
    levels: Mapping[int, Value],
    costs: StepCosts | None = None,
    year: int | None = None,
    max_raise: MaxRaise | None = None,
) -> tuple[str, Plan] | None:
    """The cheapest plan to the predikat above the current one; None at the top predikat."""
    current = score(instrument, complete_levels(instrument, levels), year)
    following = next_predikat(instrument, current.predikat)
    if following is None:
        return None
    target = threshold_for(instrument, following, year)
    return following, plan(instrument, levels, target, costs, year, max_raise)


def complete_levels(instrument: Instrument, levels: Mapping[int, Value]) -> dict[int, Value]:
    """Every indicator's value: unanswered ones at their scale's lowest value, or at their
    source index's default for those converted from another index."""
    filled = with_source_defaults(instrument, validate_levels(instrument, levels))
    lowest = {i.number: _lowest(instrument, i.number) for i in instrument.indicators}
    return {n: filled.get(n, lowest[n]) for n in instrument.indicator_by_number}


def _lowest(instrument: Instrument, number: int) -> Value:
    scale = instrument.scale_for(number)
    if scale.is_decimal:
        return max(scale.lowest, Decimal(instrument.min_level))
    return instrument.min_level


def _options(
    instrument: Instrument, number: int, value: Value, costs: StepCosts, max_raise: MaxRaise
) -> list[_Option]:
    """Raising the value to each whole level above it, as far as its cap allows."""
    scale = 10**instrument.value_places
    weight = instrument.integer_weights[number]
    top = instrument.scale_for(number).highest
    if number in max_raise:
        top = min(top, whole_level(value + max_raise[number]))
    indicator_costs = costs.get(number, {})
    options: list[_Option] = []
    steps: list[Step] = []
    for to_level in range(whole_level(value) + 1, top + 1):
        cost = Decimal(indicator_costs.get(to_level, DEFAULT_STEP_COST))
        steps.append(Step(number, steps[-1].to_level if steps else value, to_level, cost))
        gain = int((to_level - value) * scale) * weight
        options.append(_Option(tuple(steps), gain, sum((s.cost for s in steps), Decimal(0))))
    return options


def _gain_unit(options: Iterable[list[_Option]]) -> int:
    unit = 0
    for choices in options:
        for option in choices:
            unit = gcd(unit, option.gain)
    return unit or 1


def _solve(options: list[list[_Option]], unit: int, needed: int) -> list[_Option]:
    """Multiple-choice knapsack on integers: best[g] = least cost to gain at least g units."""
    scale = _cost_scale(option.cost for choices in options for option in choices)
    total_cost = sum(int(max((o.cost for o in c), default=0) * scale) for c in options)
    dtype = np.int64 if total_cost < INT64_SAFE else object
    infinity = total_cost + 1
    best = np.full(needed + 1, infinity, dtype=dtype)
    best[0] = 0
    positions = np.arange(needed + 1)
    choices = []
    for indicator_options in options:
        candidates = np.stack(
            [best]
            + [
                best[np.maximum(positions - option.gain // unit, 0)] + int(option.cost * scale)
                for option in indicator_options
            ]
        )
        choice = np.argmin(candidates, axis=0)
        best = candidates[choice, positions]
        choices.append((indicator_options, choice))
    chosen = []
    remaining = needed
    for indicator_options, choice in reversed(choices):
        picked = int(choice[remaining])
        if picked:
            option = indicator_options[picked - 1]
            chosen.append(option)
            remaining = max(remaining - option.gain // unit, 0)
    return chosen[::-1]


def _cost_scale(costs: Iterable[Decimal]) -> int:
    places = 0
    for cost in costs:
        exponent = cost.as_tuple().exponent
        places = max(places, -min(0, exponent if isinstance(exponent, int) else 0))
    return int(10**places)


def _result(
    instrument: Instrument,
    current: dict[int, Value],
    target: Fraction,
    steps: tuple[Step, ...],
    reachable: bool,
    missing: tuple[int, ...],
    max_index: Fraction,
    year: int | None,
) -> Plan:
    after = dict(current)
    for step in steps:
        after[step.indicator] = step.to_level
    before_score, after_score = score(instrument, current, year), score(instrument, after, year)
    assert before_score.index is not None and after_score.index is not None
    return Plan(
        reachable=reachable,
        target=target,
        index_before=before_score.index,
        index_after=after_score.index,
        predikat_after=after_score.predikat or "",
        total_cost=sum((step.cost for step in steps), Decimal(0)),
        steps=steps,
        assumed_minimum=missing,
        max_index=max_index,
    )
