"""The scoring engine: the regulation's worked examples, exact thresholds, rounding, year rules."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tera.core.explain import explain, score_as_dict
from tera.core.numbers import exact_string, format_id, round_half_up
from tera.core.scoring import (
    InvalidLevel,
    level_gains,
    next_predikat,
    predikat_for,
    score,
    threshold_for,
    weighted_mean,
)

SPBE_2020 = range(1, 48)


def all_at(level, numbers=SPBE_2020):
    return dict.fromkeys(numbers, level)


def regulation_example_levels():
    """SPBE 2020 answers giving the regulation's worked example, domain by domain.

    Domain 1 (ten indicators of 1.3): levels summing to 37 -> 3.70.
    Domain 2: aspect 2 = 3,4,3,2 -> 3.00; aspect 3 all 4 -> 4.00; aspect 4 all 3 -> 3.00.
    Domain 3 (eleven indicators of 1.5): all 3 -> 3.00.
    Domain 4 cannot be exactly 3.20 with every indicator answered (55a + 60b = 2912 has no
    integer solution), so indicator 47 is left unanswered: aspect 7 levels sum to 32 -> 3.20,
    aspect 8's five answers sum to 16 -> 3.20.
    """
    levels = {n: 4 for n in range(1, 8)} | {n: 3 for n in range(8, 11)}
    levels |= {11: 3, 12: 4, 13: 3, 14: 2}
    levels |= {15: 4, 16: 4, 17: 4, 18: 4, 19: 3, 20: 3}
    levels |= all_at(3, range(21, 32))
    levels |= {32: 4, 33: 4} | all_at(3, range(34, 42))
    levels |= {42: 4, 43: 3, 44: 3, 45: 3, 46: 3}
    return levels


def node(nodes, number):
    return next(n for n in nodes if n.number == number)


# -- the regulation's worked examples -------------------------------------------------------


def test_aspect_2_with_levels_3_4_3_2_is_exactly_3(spbe_2020):
    result = score(spbe_2020, {11: 3, 12: 4, 13: 3, 14: 2})
    assert node(result.aspects, 2).value == Fraction(3)


def test_domain_2_with_aspects_3_4_3_is_exactly_3_40(spbe_2020):
    levels = {11: 3, 12: 4, 13: 3, 14: 2} | all_at(4, range(15, 19)) | all_at(3, (19, 20))
    result = score(spbe_2020, levels)
    assert [node(result.aspects, n).value for n in (2, 3, 4)] == [3, 4, 3]
    assert node(result.domains, 2).value == Fraction("3.4")


def test_regulation_example_domains_are_3_70_3_40_3_00_3_20(spbe_2020):
    result = score(spbe_2020, regulation_example_levels())
    assert [d.value for d in result.domains] == [
        Fraction("3.7"),
        Fraction("3.4"),
        Fraction(3),
        Fraction("3.2"),
    ]


def test_regulation_example_index_is_exactly_3_282(spbe_2020):
    assert score(spbe_2020, regulation_example_levels()).index == Fraction("3.282")


def test_regulation_example_index_displays_as_3_28(spbe_2020):
    assert format_id(score(spbe_2020, regulation_example_levels()).index) == "3,28"


def test_index_formula_on_the_regulation_domain_values_is_3_282():
    domains = [("3.70", "13"), ("3.40", "25"), ("3.00", "16.5"), ("3.20", "45.5")]
    assert weighted_mean((Decimal(v), Decimal(w)) for v, w in domains) == Fraction("3.282")


def test_nested_formula_equals_flat_weighted_sum_on_the_regulation_example(spbe_2020):
    levels = regulation_example_levels() | {47: 3}
    flat = sum(levels[i.number] * Fraction(i.weight) for i in spbe_2020.indicators) / 100
    assert score(spbe_2020, levels).index == flat


def whole_levels(instrument):
    """A whole level the instrument accepts: from 0 (SPBE) or from 1 (Pemdi) to the top."""
    lowest = min(scale.lowest for scale in instrument.scales)
    return st.integers(int(lowest), instrument.max_level)


@pytest.mark.parametrize("instrument_id", ["spbe-2020", "spbe-2018", "pemdi-2026"])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_nested_formula_equals_flat_weighted_sum_for_complete_answers(library, instrument_id, data):
    instrument = library.get(instrument_id)
    levels = {i.number: data.draw(whole_levels(instrument)) for i in instrument.indicators}
    flat = sum(levels[i.number] * Fraction(i.weight) for i in instrument.indicators) / 100
    assert score(instrument, levels).index == flat


# -- exact thresholds and rounding ----------------------------------------------------------


def exactly_4_2():
    """All 4, with the eight 2.5-weight indicators (20 weight points) raised to 5."""
    return all_at(4) | all_at(5, range(11, 19))


def test_index_of_exactly_4_2_is_exact(spbe_2020):
    assert score(spbe_2020, exactly_4_2()).index == Fraction(21, 5)


def test_index_of_exactly_4_2_is_memuaskan(spbe_2020):
    assert score(spbe_2020, exactly_4_2(), 2024).predikat == "Memuaskan"


def test_index_one_weight_step_below_4_2_is_sangat_baik(spbe_2020):
    levels = exactly_4_2() | {1: 3}
    result = score(spbe_2020, levels, 2024)
    assert result.index == Fraction("4.187")
    assert result.predikat == "Sangat Baik"


def test_round_half_up_of_4_765_is_4_77():
    assert round_half_up(Fraction("4.765")) == Decimal("4.77")


def test_round_half_up_just_below_the_half_rounds_down():
    assert round_half_up(Fraction("4.7649999")) == Decimal("4.76")


def test_round_half_up_of_2_595_is_2_60():
    assert round_half_up(Fraction("2.595")) == Decimal("2.60")


def test_round_half_up_of_a_repeating_fraction():
    assert round_half_up(Fraction(10, 3)) == Decimal("3.33")


def test_float_4_765_is_below_the_half_but_the_exact_value_is_not():
    assert round(4.765, 2) == 4.76  # the binary float trap the engine must avoid
    assert round_half_up(Fraction("4.765")) == Decimal("4.77")


def index_4_765():
    """500 - 2 x 2.75 - 6 x 3.0 = 476.5 weight points."""
    return all_at(5) | {32: 4, 33: 4} | all_at(4, range(42, 48))


def test_engine_index_of_exactly_4_765(spbe_2020):
    assert score(spbe_2020, index_4_765()).index == Fraction("4.765")


def test_engine_index_of_4_765_displays_4_77_in_the_score_dict(spbe_2020):
    data = score_as_dict(score(spbe_2020, index_4_765(), 2024))
    assert (data["index"], data["index_display"]) == ("4.765", "4.77")


def test_exact_string_trims_trailing_zeros():
    assert exact_string(Fraction("3.2820")) == "3.282"
    assert exact_string(Fraction(3)) == "3"


def test_format_id_uses_a_decimal_comma():
    assert format_id(Fraction("3.282")) == "3,28"


# -- predikat rules of each year ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "year", "predikat"),
    [
        ("3.4986", 2024, "Baik"),
        ("2.5968", 2024, "Cukup"),
        ("1.7985", 2024, "Kurang"),
        ("2.599", 2023, "Baik"),
        ("2.594", 2023, "Cukup"),
        ("2.595", 2023, "Baik"),
        ("4.195", 2023, "Memuaskan"),
        ("4.195", 2024, "Sangat Baik"),
    ],
)
def test_predikat_follows_the_rounding_rule_of_the_year(spbe_2020, value, year, predikat):
    assert predikat_for(spbe_2020, Fraction(value), year) == predikat


def test_year_without_a_rule_reads_the_unrounded_index(spbe_2020):
    assert predikat_for(spbe_2020, Fraction("2.599"), 2030) == "Cukup"


def test_no_year_uses_the_latest_year_rule(spbe_2020):
    assert predikat_for(spbe_2020, Fraction("2.599"), None) == "Cukup"


def test_threshold_for_baik_in_2023_is_2_595(spbe_2020):
    assert threshold_for(spbe_2020, "Baik", 2023) == Fraction("2.595")


def test_threshold_for_baik_in_2024_is_2_6(spbe_2020):
    assert threshold_for(spbe_2020, "Baik", 2024) == Fraction("2.6")


def test_threshold_for_ignores_case_and_spaces(spbe_2020):
    assert threshold_for(spbe_2020, " sangat baik ", 2024) == Fraction("3.5")


def test_threshold_for_the_lowest_band_is_0(spbe_2020):
    assert threshold_for(spbe_2020, "Kurang", 2024) == 0


def test_threshold_for_an_unknown_predikat_lists_the_known_ones(spbe_2020):
    with pytest.raises(KeyError, match="Kurang, Cukup, Baik, Sangat Baik, Memuaskan"):
        threshold_for(spbe_2020, "Istimewa", 2024)


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("predikat", ["Cukup", "Baik", "Sangat Baik", "Memuaskan"])
def test_threshold_earns_the_predikat_and_just_below_does_not(spbe_2020, predikat, year):
    threshold = threshold_for(spbe_2020, predikat, year)
    assert predikat_for(spbe_2020, threshold, year) == predikat
    assert predikat_for(spbe_2020, threshold - Fraction(1, 10**9), year) != predikat


def test_next_predikat_above_baik_is_sangat_baik(spbe_2020):
    assert next_predikat(spbe_2020, "Baik") == "Sangat Baik"


def test_next_predikat_above_memuaskan_is_none(spbe_2020):
    assert next_predikat(spbe_2020, "Memuaskan") is None


# -- answers accepted and refused -----------------------------------------------------------


def test_level_0_is_accepted_and_scores_below_all_1(spbe_2020):
    result = score(spbe_2020, all_at(1) | {47: 0})
    assert result.index == Fraction("0.97")


@pytest.mark.parametrize("level", [6, -1, True, 3.0, "3"])
def test_level_outside_0_to_5_or_not_an_integer_is_refused(spbe_2020, level):
    with pytest.raises(InvalidLevel, match="indikator 1: tingkat"):
        score(spbe_2020, {1: level})


def test_unknown_indicator_is_refused(spbe_2020):
    with pytest.raises(InvalidLevel, match="indikator 48 tidak ada dalam instrumen spbe-2020"):
        score(spbe_2020, {48: 3})


# -- incomplete answers ---------------------------------------------------------------------


def test_coverage_is_answered_weight_over_100_exactly(spbe_2020):
    assert score(spbe_2020, {1: 4, 32: 2}).coverage == Fraction("0.0405")


def test_incomplete_answers_are_not_final(spbe_2020):
    result = score(spbe_2020, {1: 4, 32: 2})
    assert (result.complete, result.provisional) == (False, True)
    assert score_as_dict(result)["final"] is False


def test_incomplete_answers_still_give_a_provisional_index(spbe_2020):
    result = score(spbe_2020, {1: 4, 32: 2})
    # domain 1 stands at 4 and domain 4 at 2, weighted 13 and 45.5
    assert result.index == Fraction("143") / Fraction("58.5")
    assert result.predikat == "Cukup"


def test_complete_answers_are_final_with_coverage_1(spbe_2020):
    result = score(spbe_2020, all_at(3))
    assert (result.coverage, result.complete) == (1, True)
    assert score_as_dict(result)["final"] is True


def test_no_answers_give_no_index_no_predikat_and_coverage_0(spbe_2020):
    result = score(spbe_2020, {})
    assert (result.index, result.predikat, result.coverage) == (None, None, 0)
    assert score_as_dict(result)["index"] is None


def test_unanswered_aspect_has_no_value_and_coverage_0(spbe_2020):
    result = score(spbe_2020, {1: 4})
    assert (node(result.aspects, 2).value, node(result.aspects, 2).coverage) == (None, 0)


# -- gains -----------------------------------------------------------------------------------


def test_raising_a_3_0_weight_indicator_gains_exactly_0_03(spbe_2020):
    gains = {g.indicator: g for g in level_gains(score(spbe_2020, all_at(3)))}
    assert gains[42].index_gain == Fraction("0.03")
    assert gains[42].index_after == Fraction("3.03")


def test_gains_are_sorted_largest_first(spbe_2020):
    gains = level_gains(score(spbe_2020, all_at(3)))
    assert [g.index_gain for g in gains] == sorted((g.index_gain for g in gains), reverse=True)
    assert [g.indicator for g in gains[:6]] == [42, 43, 44, 45, 46, 47]


def test_indicators_already_at_level_5_have_no_gain(spbe_2020):
    gains = level_gains(score(spbe_2020, all_at(3) | {42: 5}))
    assert 42 not in {g.indicator for g in gains}


# -- explanation and plain-dict views --------------------------------------------------------


def explanation_lines(spbe_2020):
    return [e.formula for e in explain(score(spbe_2020, regulation_example_levels()))]


def test_explanation_shows_the_aspect_2_formula(spbe_2020):
    assert (
        "Indeks Aspek 2 (Perencanaan Strategis SPBE) = (3×2,5 + 4×2,5 + 3×2,5 + 2×2,5) / 10 = 3,00"
    ) in explanation_lines(spbe_2020)


def test_explanation_shows_the_domain_2_formula(spbe_2020):
    assert (
        "Indeks Domain 2 (Tata Kelola SPBE) = (3,00×10 + 4,00×10 + 3,00×5) / 25 = 3,40"
    ) in explanation_lines(spbe_2020)


def test_explanation_ends_with_the_index_formula(spbe_2020):
    assert explanation_lines(spbe_2020)[-1] == (
        "Indeks = (3,70×13 + 3,40×25 + 3,00×16,5 + 3,20×45,5) / 100 = 3,28"
    )


def test_score_dict_has_the_documented_keys(spbe_2020):
    data = score_as_dict(score(spbe_2020, regulation_example_levels()))
    assert {"index", "index_display", "predikat", "coverage", "domains", "aspects"} <= set(data)


def test_score_dict_gives_the_exact_index_as_a_string(spbe_2020):
    data = score_as_dict(score(spbe_2020, regulation_example_levels(), 2024))
    assert (data["index"], data["index_display"], data["predikat"]) == ("3.282", "3.28", "Baik")


def test_score_dict_gives_coverage_as_an_exact_string(spbe_2020):
    assert score_as_dict(score(spbe_2020, {1: 4, 32: 2}))["coverage"] == "0.0405"


def test_score_dict_node_shows_exact_and_display_index(spbe_2020):
    data = score_as_dict(score(spbe_2020, regulation_example_levels()))
    assert data["domains"][3]["index"] == {"exact": "3.2", "display": "3.20"}


def test_score_dict_writes_weights_as_plain_decimals(spbe_2020):
    data = score_as_dict(score(spbe_2020, all_at(3)))
    assert [a["weight"] for a in data["aspects"]] == [
        "13",
        "10",
        "10",
        "5",
        "12",
        "4.5",
        "27.5",
        "18",
    ]


def test_score_dict_can_include_the_explanation(spbe_2020):
    data = score_as_dict(score(spbe_2020, all_at(3)), with_explanation=True)
    assert data["explanation"][-1] == (
        "Indeks = (3,00×13 + 3,00×25 + 3,00×16,5 + 3,00×45,5) / 100 = 3,00"
    )


# -- properties -------------------------------------------------------------------------------


def answers(instrument, min_size=1):
    """Some indicators of the instrument (at least one), each at a whole level it accepts."""
    numbers = [i.number for i in instrument.indicators]
    return st.dictionaries(st.sampled_from(numbers), whole_levels(instrument), min_size=min_size)


@pytest.mark.parametrize("instrument_id", ["spbe-2020", "spbe-2018", "pemdi-2026"])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_index_lies_between_the_lowest_and_highest_answered_level(library, instrument_id, data):
    instrument = library.get(instrument_id)
    levels = data.draw(answers(instrument))
    result = score(instrument, levels)
    defaults = [instrument.indicator_by_number[n].source_index.default for n in result.assumed]
    counted = [*levels.values(), *defaults]  # an external index without a value counts as 1
    assert min(counted) <= result.index <= max(counted)


@pytest.mark.parametrize("instrument_id", ["spbe-2020", "spbe-2018", "pemdi-2026"])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_raising_one_level_never_lowers_the_index_an_aspect_or_a_domain(
    library, instrument_id, data
):
    instrument = library.get(instrument_id)
    levels = data.draw(answers(instrument))
    number = data.draw(st.sampled_from(sorted(levels)))
    if levels[number] == instrument.max_level:
        levels[number] -= 1
    before = score(instrument, levels)
    after = score(instrument, {**levels, number: levels[number] + 1})
    assert after.index > before.index
    old_nodes, new_nodes = before.aspects + before.domains, after.aspects + after.domains
    for old, new in zip(old_nodes, new_nodes, strict=True):
        assert (old.value is None) == (new.value is None)
        assert old.value is None or new.value >= old.value


@pytest.mark.parametrize("year", [2023, 2024])
@settings(max_examples=150, deadline=None)
@given(
    low=st.fractions(min_value=0, max_value=5, max_denominator=10**5),
    high=st.fractions(min_value=0, max_value=5, max_denominator=10**5),
)
def test_predikat_never_falls_as_the_index_rises(spbe_2020, year, low, high):
    low, high = sorted((low, high))
    order = [band.name for band in spbe_2020.predikat_bands]
    below, above = predikat_for(spbe_2020, low, year), predikat_for(spbe_2020, high, year)
    assert order.index(below) <= order.index(above)
