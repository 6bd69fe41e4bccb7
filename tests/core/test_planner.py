"""The target planner: exactly optimal against brute force on small instruments, and its edges."""

import itertools
import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tera.core.explain import plan_as_dict
from tera.core.planner import plan, plan_next_predikat
from tera.core.scoring import score, threshold_for
from tests.core.factories import build_instrument

SPBE_2020 = range(1, 48)
ROOT = Path(__file__).resolve().parents[2]


def brute_force(instrument, levels, target, costs):
    """(reachable, least cost) over every level vector >= the current one, tried one by one."""
    weights = {i.number: Fraction(i.weight) for i in instrument.indicators}
    numbers = sorted(levels)
    best = None
    for vector in itertools.product(*(range(levels[n], 6) for n in numbers)):
        index = sum(level * weights[n] for n, level in zip(numbers, vector, strict=True)) / 100
        if index < target:
            continue
        cost = sum(
            costs.get(n, {}).get(to_level, Decimal(1))
            for n, level in zip(numbers, vector, strict=True)
            for to_level in range(levels[n] + 1, level + 1)
        )
        best = cost if best is None else min(best, cost)
    return best is not None, best


@st.composite
def weight_layouts(draw):
    """3-5 indicator weights, multiples of 0.25 adding up to exactly 100, in 1 or 2 aspects."""
    count = draw(st.integers(3, 5))
    cuts = sorted(
        draw(st.lists(st.integers(1, 399), min_size=count - 1, max_size=count - 1, unique=True))
    )
    quarters = [b - a for a, b in zip([0, *cuts], [*cuts, 400], strict=True)]
    weights = [str(Decimal(q) / 4) for q in quarters]
    split = draw(st.integers(1, count))
    return [weights[:split], weights[split:]] if split < count else [weights]


costs_strategy = st.decimals(min_value=0, max_value=100, places=2)


@st.composite
def planning_problems(draw):
    instrument = build_instrument(draw(weight_layouts()))
    numbers = [i.number for i in instrument.indicators]
    levels = {n: draw(st.integers(0, 5)) for n in numbers}
    costs = {
        n: draw(st.dictionaries(st.integers(1, 5), costs_strategy, max_size=5)) for n in numbers
    }
    return instrument, levels, draw(targets(instrument, levels)), costs


def targets(instrument, levels):
    """Any target from 0 to 5.2, or one sitting exactly on, or a hair either side of, an index
    that some raise of the current levels reaches: where an off-by-one would show."""
    weights = {i.number: Fraction(i.weight) for i in instrument.indicators}
    raised = st.fixed_dictionaries({n: st.integers(level, 5) for n, level in levels.items()})
    hair = st.sampled_from([Fraction(-1, 10**6), Fraction(0), Fraction(1, 10**6)])
    sharp = st.builds(
        lambda goal, offset: sum(goal[n] * weights[n] for n in goal) / 100 + offset, raised, hair
    )
    anywhere = st.integers(0, 5200).map(lambda n: Fraction(n, 1000))
    return st.one_of(anywhere, sharp)


@settings(max_examples=150, deadline=None)
@given(problem=planning_problems())
def test_plan_cost_equals_the_brute_force_optimum(problem):
    instrument, levels, target, costs = problem
    reachable, cheapest = brute_force(instrument, levels, target, costs)
    result = plan(instrument, levels, target, costs)
    assert result.total_cost == (cheapest if reachable else 0)


@settings(max_examples=150, deadline=None)
@given(problem=planning_problems())
def test_plan_is_reachable_exactly_when_some_level_vector_reaches_the_target(problem):
    instrument, levels, target, costs = problem
    reachable, _ = brute_force(instrument, levels, target, costs)
    assert plan(instrument, levels, target, costs).reachable is reachable


@settings(max_examples=150, deadline=None)
@given(problem=planning_problems())
def test_reachable_plan_index_after_reaches_the_target(problem):
    instrument, levels, target, costs = problem
    result = plan(instrument, levels, target, costs)
    if result.reachable:
        assert result.index_after >= target
        assert result.index_after == score(instrument, after_steps(levels, result)).index


@settings(max_examples=150, deadline=None)
@given(problem=planning_problems())
def test_plan_total_cost_is_the_sum_of_its_step_costs(problem):
    instrument, levels, target, costs = problem
    result = plan(instrument, levels, target, costs)
    assert result.total_cost == sum(
        (costs.get(s.indicator, {}).get(s.to_level, Decimal(1)) for s in result.steps), Decimal(0)
    )
    assert all(s.cost == costs.get(s.indicator, {}).get(s.to_level, 1) for s in result.steps)


@settings(max_examples=150, deadline=None)
@given(problem=planning_problems())
def test_plan_steps_are_consecutive_per_indicator_and_stop_at_level_5(problem):
    instrument, levels, target, costs = problem
    reached = dict(levels)
    for step in plan(instrument, levels, target, costs).steps:
        assert (step.from_level, step.to_level) == (reached[step.indicator], step.from_level + 1)
        assert step.to_level <= 5
        reached[step.indicator] = step.to_level


def after_steps(levels, result):
    after = dict(levels)
    for step in result.steps:
        after[step.indicator] = step.to_level
    return after


def test_costs_too_large_for_int64_are_still_planned_exactly():
    instrument = build_instrument([["20", "30"], ["50"]])
    costs = {
        1: {3: Decimal("900000000.000000000001")},
        2: {3: Decimal("900000000.000000000002"), 4: Decimal("0.000000000001")},
        3: {3: Decimal("1800000000.000000000003")},
    }
    levels = {1: 2, 2: 2, 3: 2}
    result = plan(instrument, levels, Fraction("2.5"), costs)
    assert result.total_cost == brute_force(instrument, levels, Fraction("2.5"), costs)[1]
    assert result.total_cost == Decimal("900000000.000000000003")


def test_zero_cost_steps_are_taken_before_paid_ones():
    instrument = build_instrument([["40", "60"]])
    costs = {1: {3: Decimal(0), 4: Decimal(0)}, 2: {3: Decimal(5)}}
    result = plan(instrument, {1: 2, 2: 2}, Fraction("2.8"), costs)
    assert [(s.indicator, s.to_level) for s in result.steps] == [(1, 3), (1, 4)]
    assert result.total_cost == 0


def test_cheaper_light_indicator_is_preferred_over_a_dearer_heavy_one():
    instrument = build_instrument([["40", "60"]])
    costs = {1: {3: Decimal(1)}, 2: {3: Decimal(5)}}
    result = plan(instrument, {1: 2, 2: 2}, Fraction("2.4"), costs)
    assert [(s.indicator, s.to_level) for s in result.steps] == [(1, 3)]


def test_steps_from_level_1_to_5_on_both_indicators():
    result = plan(build_instrument([["40", "60"]]), {1: 1, 2: 1}, Fraction(5))
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


def test_unreachable_target_is_reported_with_no_steps():
    result = plan(build_instrument([["40", "60"]]), {1: 2, 2: 3}, Fraction("5.01"))
    assert (result.reachable, result.steps, result.total_cost) == (False, (), 0)


def test_unreachable_target_reports_the_all_5_index_as_max_index(spbe_2020):
    result = plan(spbe_2020, dict.fromkeys(SPBE_2020, 0), Fraction(6))
    assert result.max_index == score(spbe_2020, dict.fromkeys(SPBE_2020, 5)).index == 5


def test_target_already_reached_needs_no_steps_and_costs_nothing():
    result = plan(build_instrument([["40", "60"]]), {1: 4, 2: 4}, Fraction(3))
    assert (result.reachable, result.steps, result.total_cost) == (True, (), Decimal(0))
    assert result.index_after == result.index_before == 4


def test_target_equal_to_the_current_index_needs_no_steps():
    result = plan(build_instrument([["40", "60"]]), {1: 2, 2: 3}, Fraction("2.6"))
    assert (result.reachable, result.steps) == (True, ())


def test_decimal_step_costs_stay_exact():
    costs = {1: {3: Decimal("0.1"), 4: Decimal(9)}, 2: {3: Decimal("2.35"), 4: Decimal(9)}}
    result = plan(build_instrument([["40", "60"]]), {1: 2, 2: 2}, Fraction(3), costs)
    assert result.total_cost == Decimal("2.45")
    assert isinstance(result.total_cost, Decimal)


def test_plan_dict_writes_the_exact_cost_and_steps():
    costs = {1: {3: Decimal("0.1"), 4: Decimal(9)}, 2: {3: Decimal("2.35"), 4: Decimal(9)}}
    data = plan_as_dict(plan(build_instrument([["40", "60"]]), {1: 2, 2: 2}, Fraction(3), costs))
    assert data["total_cost"] == "2.45"
    assert data["steps"] == [
        {"indicator": 1, "from": 2, "to": 3, "cost": "0.1"},
        {"indicator": 2, "from": 2, "to": 3, "cost": "2.35"},
    ]
    assert (data["target"], data["index_after"], data["index_after_display"]) == ("3", "3", "3.00")


def test_baik_under_the_2023_rule_is_reached_at_2_595(spbe_2020):
    target = threshold_for(spbe_2020, "Baik", 2023)
    result = plan(spbe_2020, dict.fromkeys(SPBE_2020, 2), target, year=2023)
    assert result.index_after == Fraction("2.595")
    assert result.predikat_after == "Baik"


def test_baik_under_the_2023_rule_needs_one_step_less_than_under_2024(spbe_2020):
    # +59.5 weight points: 18 steps of 3.0 and 2 of 2.75; +60 needs a 21st step.
    levels = dict.fromkeys(SPBE_2020, 2)
    in_2023 = plan(spbe_2020, levels, threshold_for(spbe_2020, "Baik", 2023), year=2023)
    in_2024 = plan(spbe_2020, levels, threshold_for(spbe_2020, "Baik", 2024), year=2024)
    assert (len(in_2023.steps), len(in_2024.steps)) == (20, 21)


def test_plan_next_predikat_targets_the_band_above(spbe_2020):
    following, result = plan_next_predikat(spbe_2020, dict.fromkeys(SPBE_2020, 3), year=2024)
    assert (following, result.target, result.predikat_after) == (
        "Sangat Baik",
        Fraction("3.5"),
        "Sangat Baik",
    )


def test_plan_next_predikat_uses_the_rounded_threshold_in_2023(spbe_2020):
    following, result = plan_next_predikat(spbe_2020, dict.fromkeys(SPBE_2020, 2), year=2023)
    assert (following, result.target) == ("Baik", Fraction("2.595"))


def test_plan_next_predikat_at_memuaskan_is_none(spbe_2020):
    assert plan_next_predikat(spbe_2020, dict.fromkeys(SPBE_2020, 5), year=2024) is None


def test_unanswered_indicators_are_listed_in_assumed_minimum(spbe_2020):
    levels = {n: 3 for n in SPBE_2020 if n not in (7, 47)}
    assert plan(spbe_2020, levels, Fraction(3)).assumed_minimum == (7, 47)


def test_unanswered_indicators_are_planned_from_the_minimum_level(spbe_2020):
    levels = {n: 3 for n in SPBE_2020 if n != 47}
    result = plan(spbe_2020, levels, Fraction(3))
    assert result.index_before == Fraction(3) - Fraction("0.06")
    assert result.index_after >= 3


def test_unit_cost_plan_on_spbe_2020_from_all_2_to_3_uses_the_fewest_steps(spbe_2020):
    result = plan(spbe_2020, dict.fromkeys(SPBE_2020, 2), Fraction(3))
    # Any k steps add at most the k largest step weights; each indicator has 3 steps (2 -> 5).
    step_weights = sorted((i.weight for i in spbe_2020.indicators for _ in range(3)), reverse=True)
    fewest = next(k for k in itertools.count(1) if sum(step_weights[:k]) >= 100)
    assert fewest == 35
    assert (len(result.steps), result.total_cost) == (35, 35)


def test_unit_cost_plan_on_spbe_2020_reaches_3_00_exactly_or_above(spbe_2020):
    result = plan(spbe_2020, dict.fromkeys(SPBE_2020, 2), Fraction(3))
    assert result.reachable
    assert isinstance(result.index_after, Fraction) and result.index_after >= 3


def test_weights_in_thirds_are_planned_without_exhausting_memory(tmp_path):
    # The finest weights the loader accepts (3 decimals) keep the planner's table small.
    script = """
import resource, sys
from fractions import Fraction
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
from tera.core.planner import plan
from tests.core.factories import build_instrument
thirds = build_instrument([["33.333", "33.333", "33.334"]])
print(plan(thirds, {1: 1, 2: 1, 3: 1}, Fraction(2)).total_cost)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
    )
    assert (result.returncode, result.stdout.strip()) == (0, "3"), result.stderr[-300:]
