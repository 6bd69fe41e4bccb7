"""The scoring engine: the regulation's examples, exact thresholds, rounding and year rules."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tera.core.explain import explain, score_as_dict
from tera.core.numbers import round_half_up
from tera.core.scoring import (
    InvalidLevel,
    level_gains,
    predikat_for,
    score,
    threshold_for,
    weighted_mean,
)

ALL = range(1, 48)


def regulation_example_levels():
    """Domain 1 = 3.70, aspect 2 = 3.00 (3,4,3,2), aspect 3 = 4.00, aspect 4 = 3.00, rest 3."""
    levels = dict.fromkeys(ALL, 3)
    levels.update({n: 4 for n in range(1, 8)})  # 7 x 4 + 3 x 3 = 37 -> 3.70
    levels.update({11: 3, 12: 4, 13: 3, 14: 2})
    levels.update({n: 4 for n in range(15, 19)})
    return levels


def test_aspect_example_is_exactly_3(spbe_2020):
    result = score(spbe_2020, regulation_example_levels())
    assert result.aspects[1].value == Fraction(3)


def test_domain_example_is_exactly_3_40(spbe_2020):
    result = score(spbe_2020, regulation_example_levels())
    assert result.domains[0].value == Fraction("3.7")
    assert result.domains[1].value == Fraction("3.4")


def test_index_example_is_3_28():
    domains = [("3.70", "13"), ("3.40", "25"), ("3.00", "16.5"), ("3.20", "45.5")]
    index = weighted_mean((Decimal(v), Decimal(w)) for v, w in domains)
    assert index == Fraction("3.282")
    assert round_half_up(index) == Decimal("3.28")


def test_nested_formula_equals_the_flat_weighted_sum(spbe_2020):
    levels = regulation_example_levels()
    flat = sum(Fraction(levels[i.number]) * Fraction(i.weight) for i in spbe_2020.indicators) / 100
    assert score(spbe_2020, levels).index == flat


def test_index_of_exactly_4_2_is_memuaskan(spbe_2020):
    levels = dict.fromkeys(ALL, 4)
    levels.update({n: 5 for n in range(11, 19)})  # 8 x 2.5 = +20 -> 4.2 exactly
    result = score(spbe_2020, levels, 2024)
    assert result.index == Fraction("4.2")
    assert result.predikat == "Memuaskan"


def test_display_rounds_half_up():
    assert round_half_up(Fraction("4.765")) == Decimal("4.77")
    assert round_half_up(Fraction("2.595")) == Decimal("2.60")
    assert round_half_up(Fraction("4.7649999")) == Decimal("4.76")


def test_engine_index_ending_in_5_displays_rounded_up(spbe_2020):
    levels = dict.fromkeys(ALL, 3)
    levels.update({32: 4, 33: 4})  # 2 x 2.75 = + 0.055 -> 3.055
    data = score_as_dict(score(spbe_2020, levels, 2024))
    assert data["index"] == "3.055" and data["index_display"] == "3.06"


@pytest.mark.parametrize(
    ("value", "year", "predikat"),
    [
        ("3.49855", 2024, "Baik"),
        ("2.5968", 2024, "Cukup"),
        ("1.7985", 2024, "Kurang"),
        ("2.59935", 2023, "Baik"),
        ("2.594", 2023, "Cukup"),
        ("4.195", 2023, "Memuaskan"),
        ("4.195", 2024, "Sangat Baik"),
    ],
)
def test_predikat_follows_the_rule_of_the_year(spbe_2020, value, year, predikat):
    assert predikat_for(spbe_2020, Fraction(value), year) == predikat


def test_threshold_of_a_predikat_depends_on_the_year(spbe_2020):
    assert threshold_for(spbe_2020, "Baik", 2023) == Fraction("2.595")
    assert threshold_for(spbe_2020, "baik", 2024) == Fraction("2.6")


def test_level_0_is_accepted(spbe_2020):
    levels = dict.fromkeys(ALL, 1)
    levels[47] = 0
    assert score(spbe_2020, levels).index == Fraction("0.97")


@pytest.mark.parametrize("levels", [{1: 6}, {99: 3}, {1: -1}, {1: True}])
def test_invalid_answers_are_refused(spbe_2020, levels):
    with pytest.raises(InvalidLevel):
        score(spbe_2020, levels)


def test_incomplete_answers_are_provisional_with_coverage(spbe_2020):
    result = score(spbe_2020, {1: 4, 32: 2})
    assert result.coverage == Fraction("4.05") / 100
    assert result.provisional and not result.complete
    assert score_as_dict(result)["final"] is False
    assert result.index is not None


def test_no_answers_give_no_index(spbe_2020):
    result = score(spbe_2020, {})
    assert result.index is None and result.predikat is None and result.coverage == 0


def test_gain_of_raising_a_service_indicator(spbe_2020):
    gains = level_gains(score(spbe_2020, dict.fromkeys(ALL, 3)))
    assert gains[0].index_gain == Fraction("0.03") and gains[0].indicator == 42
    assert [g.index_gain for g in gains] == sorted((g.index_gain for g in gains), reverse=True)


def test_explanation_shows_the_aspect_formula(spbe_2020):
    lines = [e.formula for e in explain(score(spbe_2020, regulation_example_levels()))]
    assert (
        "Indeks Aspek 2 (Perencanaan Strategis SPBE) = (3×2,5 + 4×2,5 + 3×2,5 + 2×2,5) / 10 = 3,00"
    ) in lines
    assert lines[-1].startswith("Indeks = (3,70×13 + 3,40×25 + ")


def test_score_json_fields(spbe_2020):
    data = score_as_dict(score(spbe_2020, regulation_example_levels()))
    assert {"index", "index_display", "predikat", "coverage", "domains", "aspects"} <= set(data)


levels_strategy = st.fixed_dictionaries({n: st.integers(0, 5) for n in ALL})


@settings(max_examples=150, deadline=None)
@given(levels=levels_strategy)
def test_index_stays_within_the_answered_levels(spbe_2020, levels):
    index = score(spbe_2020, levels).index
    assert min(levels.values()) <= index <= max(levels.values())


@settings(max_examples=150, deadline=None)
@given(levels=levels_strategy, number=st.sampled_from(list(ALL)))
def test_raising_a_level_never_lowers_any_figure(spbe_2020, levels, number):
    if levels[number] == 5:
        return
    before = score(spbe_2020, levels, 2024)
    after = score(spbe_2020, {**levels, number: levels[number] + 1}, 2024)
    assert after.index > before.index
    assert all(a.value >= b.value for a, b in zip(after.aspects, before.aspects, strict=True))
    assert all(a.value >= b.value for a, b in zip(after.domains, before.domains, strict=True))
    names = [band.name for band in spbe_2020.predikat_bands]
    assert names.index(after.predikat) >= names.index(before.predikat)


@settings(max_examples=100, deadline=None)
@given(levels=st.fixed_dictionaries({n: st.integers(0, 5) for n in range(1, 21)}))
def test_pemdi_nested_equals_flat(library, levels):
    pemdi = library.get("pemdi-2026")
    flat = sum(Fraction(levels[i.number]) * Fraction(i.weight) for i in pemdi.indicators) / 100
    assert score(pemdi, levels).index == flat
