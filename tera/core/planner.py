"""Target planner: the cheapest set of level raises that lifts the index to a target.

The index is a weighted sum of levels, so reaching a target is a multiple-choice knapsack: for
each indicator choose how many levels to raise it, paying the sum of its step costs and gaining
its weight per level. Weights and costs are exact integers after scaling, and a dynamic program
over the needed gain (in units of the weights' greatest common divisor) gives an exactly optimal
plan. The arrays stay small: at most 4 * 100 / 0.05 = 8,000 cells for SPBE 2020.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import ceil

import numpy as np

from tera.core.instrument import Instrument
from tera.core.scoring import next_predikat, score, threshold_for, validate_levels

DEFAULT_STEP_COST = Decimal(1)
INT64_SAFE = 2**62


@dataclass(frozen=True)
class Step:
    indicator: int
    from_level: int
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


def plan(
    instrument: Instrument,
    levels: Mapping[int, int],
    target: Fraction,
    costs: StepCosts | None = None,
    year: int | None = None,
) -> Plan:
    """The minimum-cost plan reaching `target`, or reachable=False with the best possible index.

    Unanswered indicators are assumed to stand at the instrument's minimum level and are listed
    in `assumed_minimum`, so that a partial sheet still gets a plan it can trust.
    """
    current = _complete_levels(instrument, levels)
    missing = tuple(sorted(set(instrument.indicator_by_number) - set(levels)))
    costs = costs or {}
    weights, unit = instrument.integer_weights, instrument.weight_gcd
    total_units = instrument.integer_weight(instrument.total_weight)
    current_sum = sum(current[n] * weights[n] for n in current)
    needed = max(0, ceil((target * total_units - current_sum) / unit))
    options = [
        _options(number, current[number], instrument.max_level, costs) for number in sorted(current)
    ]
    max_gain = sum(len(steps) * weights[number] // unit for number, steps in options)
    max_index = Fraction(current_sum + max_gain * unit, total_units)
    if needed > max_gain:
        return _result(instrument, current, target, (), False, missing, max_index, year)
    chosen = _solve(options, weights, unit, needed)
    steps = tuple(step for number, count in chosen for step in dict(options)[number][:count])
    return _result(instrument, current, target, steps, True, missing, max_index, year)


def plan_next_predikat(
    instrument: Instrument,
    levels: Mapping[int, int],
    costs: StepCosts | None = None,
    year: int | None = None,
) -> tuple[str, Plan] | None:
    """The cheapest plan to the predikat above the current one; None at the top predikat."""
    current = score(instrument, _complete_levels(instrument, levels), year)
    following = next_predikat(instrument, current.predikat)
    if following is None:
        return None
    return following, plan(
        instrument, levels, threshold_for(instrument, following, year), costs, year
    )


def _complete_levels(instrument: Instrument, levels: Mapping[int, int]) -> dict[int, int]:
    validate_levels(instrument, levels)
    return {n: levels.get(n, instrument.min_level) for n in instrument.indicator_by_number}


def _options(
    number: int, level: int, max_level: int, costs: StepCosts
) -> tuple[int, tuple[Step, ...]]:
    indicator_costs = costs.get(number, {})
    steps = tuple(
        Step(
            number,
            to_level - 1,
            to_level,
            Decimal(indicator_costs.get(to_level, DEFAULT_STEP_COST)),
        )
        for to_level in range(level + 1, max_level + 1)
    )
    return number, steps


def _solve(
    options: list[tuple[int, tuple[Step, ...]]], weights: Mapping[int, int], unit: int, needed: int
) -> list[tuple[int, int]]:
    """Multiple-choice knapsack on integers: best[g] = least cost to gain at least g units."""
    scale = _cost_scale(step.cost for _, steps in options for step in steps)
    total_cost = sum(int(step.cost * scale) for _, steps in options for step in steps)
    dtype = np.int64 if total_cost < INT64_SAFE else object
    infinity = total_cost + 1
    best = np.full(needed + 1, infinity, dtype=dtype)
    best[0] = 0
    positions = np.arange(needed + 1)
    choices = []
    for number, steps in options:
        gain = weights[number] // unit
        prefix = [0]
        for step in steps:
            prefix.append(prefix[-1] + int(step.cost * scale))
        candidates = np.stack(
            [
                best[np.maximum(positions - count * gain, 0)] + prefix[count]
                for count in range(len(prefix))
            ]
        )
        choice = np.argmin(candidates, axis=0)
        best = candidates[choice, positions]
        choices.append((number, gain, choice))
    chosen = []
    remaining = needed
    for number, gain, choice in reversed(choices):
        count = int(choice[remaining])
        if count:
            chosen.append((number, count))
        remaining = max(remaining - count * gain, 0)
    return sorted(chosen)


def _cost_scale(costs: Iterable[Decimal]) -> int:
    places = 0
    for cost in costs:
        exponent = cost.as_tuple().exponent
        places = max(places, -min(0, exponent if isinstance(exponent, int) else 0))
    return int(10**places)


def _result(
    instrument: Instrument,
    current: dict[int, int],
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
