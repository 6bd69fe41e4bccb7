"""The target planner: exact optimality against brute force, and its edge cases."""

import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tera.core.planner import plan, plan_next_predikat
from tera.core.scoring import score, threshold_for
from tests.core.conftest import tiny


def brute_force(instrument, levels, target, costs):
    """Cheapest level vector >= current reaching the target, by trying every one."""
    numbers = sorted(levels)
    best = None
    for vector in itertools.product(*(range(levels[n], 6) for n in numbers)):
        after = dict(zip(numbers, vector, strict=True))
        if score(instrument, after).index < target:
            continue
        cost = sum(costs[n][lv] for n in numbers for lv in range(levels[n] + 1, after[n] + 1))
        best = cost if best is None else min(best, cost)
    return best


weights_strategy = st.sampled_from(
    [
        (40, 60),
        (12.5, 37.5, 50),
        (10, 20, 30, 40),
        (25, 25, 50),
        (1.3, 48.7, 50),
        (5, 15, 30, 50),
    ]
)


@settings(max_examples=120, deadline=None)
@given(data=st.data(), weights=weights_strategy)
def test_plan_is_as_cheap_as_brute_force(data, weights):
    instrument = tiny(weights)
    numbers = [i.number for i in instrument.indicators]
    levels = {n: data.draw(st.integers(0, 5)) for n in numbers}
    costs = {
        n: {lv: Decimal(data.draw(st.integers(0, 40))) / 4 for lv in range(1, 6)} for n in numbers
    }
    target = Fraction(data.draw(st.integers(0, 550)), 100)
    result = plan(instrument, levels, target, costs)
    expected = brute_force(instrument, levels, target, costs)
    assert result.reachable == (expected is not None)
    if expected is not None:
        assert result.total_cost == expected
        assert result.index_after >= target


def test_steps_are_consecutive_and_stop_at_level_5():
    instrument = tiny((40, 60))
    result = plan(instrument, {1: 1, 2: 1}, Fraction(5))
    assert [(s.indicator, s.from_level, s.to_level) for s in result.steps] == [
        (1, 1, 2),
        (1, 2, 3),
        (1, 3, 4),
        (1, 4, 5),
        (2, 1, 2),
        (2, 2, 3),
        (2, 3, 4),
        (2, 4, 5),
    ]
    assert result.total_cost == 8


def test_unreachable_target_says_so_with_the_best_possible_index():
    result = plan(tiny((40, 60)), {1: 2, 2: 3}, Fraction("5.01"))
    assert result.reachable is False and result.steps == ()
    assert result.max_index == 5


def test_reached_target_needs_nothing():
    result = plan(tiny((40, 60)), {1: 4, 2: 4}, Fraction(3))
    assert result.reachable and result.steps == () and result.total_cost == 0


def test_decimal_costs_stay_exact():
    costs = {
        1: {3: Decimal("0.1"), 4: Decimal(9), 5: Decimal(9)},
        2: {3: Decimal("2.35"), 4: Decimal(9), 5: Decimal(9)},
    }
    result = plan(tiny((40, 60)), {1: 2, 2: 2}, Fraction(3), costs)
    assert result.total_cost == Decimal("2.45")


def test_cheaper_heavier_indicator_is_preferred():
    costs = {1: {3: Decimal(1)}, 2: {3: Decimal(5)}}
    result = plan(tiny((40, 60)), {1: 2, 2: 2}, Fraction("2.4"), costs)
    assert [(s.indicator, s.to_level) for s in result.steps] == [(1, 3)]


def test_predikat_target_under_the_rounded_rule(spbe_2020):
    levels = dict.fromkeys(range(1, 48), 2)
    target = threshold_for(spbe_2020, "Baik", 2023)
    result = plan(spbe_2020, levels, target, year=2023)
    assert result.predikat_after == "Baik"
    assert result.index_after >= Fraction("2.595")


def test_unit_costs_give_the_fewest_steps_on_spbe_2020(spbe_2020):
    result = plan(spbe_2020, dict.fromkeys(range(1, 48), 2), Fraction(3))
    # +1.00 index = +100 weight points; the heaviest steps are 3.0 (6 of them per level)
    # then 2.75: 3 levels x 6 x 3.0 = 54 points... the optimum needs 34 steps of 3.0/2.75.
    weights = sorted((i.weight for i in spbe_2020.indicators for _ in range(3)), reverse=True)
    fewest = next(k for k in range(1, len(weights)) if sum(weights[:k]) >= 100)
    assert len(result.steps) == result.total_cost == fewest


def test_next_predikat_plan(spbe_2020):
    following, result = plan_next_predikat(spbe_2020, dict.fromkeys(range(1, 48), 3), year=2024)
    assert following == "Sangat Baik" and result.predikat_after == "Sangat Baik"


def test_no_next_predikat_at_the_top(spbe_2020):
    assert plan_next_predikat(spbe_2020, dict.fromkeys(range(1, 48), 5), year=2024) is None


def test_unanswered_indicators_are_assumed_at_the_minimum(spbe_2020):
    result = plan(spbe_2020, {n: 3 for n in range(1, 47)}, Fraction(3))
    assert result.assumed_minimum == (47,)


@pytest.mark.parametrize("target", ["1", "2.5", "4.999"])
def test_plan_index_after_reaches_target_on_pemdi(library, target):
    pemdi = library.get("pemdi-2026")
    result = plan(pemdi, dict.fromkeys(range(1, 21), 1), Fraction(target))
    assert result.reachable and result.index_after >= Fraction(target)
