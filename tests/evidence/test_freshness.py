"""The freshness rules of the evaluation guidance, against the real SPBE 2020 instrument.

Messages are checked in English, the language the rules are written in.
"""

from datetime import date

import pytest
from django.utils import translation

from tera.core.library import load_library
from tera.evidence.freshness import Cited, freshness_flags, shift_years

REFERENCE = date(2025, 6, 30)
PROCESS_INDICATOR = 21  # Penerapan Manajemen Risiko SPBE, domain 3
POLICY_INDICATOR = 1  # Kebijakan Internal Arsitektur SPBE, domain 1
SERVICE_INDICATOR = 32  # Layanan Perencanaan, domain 4


@pytest.fixture(scope="module")
def spbe_2020():
    return load_library().get("spbe-2020")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def flags(instrument, number, level, documents, reference=REFERENCE):
    indicator = instrument.indicator_by_number[number]
    return freshness_flags(instrument, indicator, level, documents, reference)


def review(issued_on, title="Laporan Reviu SPBE"):
    return Cited(title=title, category="reviu", issued_on=issued_on, valid_until=None)


def policy(issued_on, title="Perwal Arsitektur SPBE"):
    return Cited(title=title, category="kebijakan", issued_on=issued_on, valid_until=None)


def audit(issued_on, title="Laporan Audit TIK"):
    return Cited(title=title, category="audit", issued_on=issued_on, valid_until=None)


def test_the_instrument_has_the_domains_the_rules_rely_on(spbe_2020):
    domains = {aspect.number: aspect.domain_number for aspect in spbe_2020.aspects}
    aspect_of = {i.number: i.aspect_number for i in spbe_2020.indicators}
    assert {domains[aspect_of[n]] for n in range(1, 11)} == {1}
    assert domains[aspect_of[PROCESS_INDICATOR]] != 1
    assert {spbe_2020.indicator_by_number[n].scale for n in range(32, 48)} == {
        "kapabilitas_layanan"
    }


def test_level_4_process_indicator_without_a_review_is_flagged(spbe_2020):
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, []) == [
        "Level 4 needs a dated review or evaluation report under 2 years old; none is cited."
    ]


def test_level_4_process_indicator_with_an_undated_review_is_flagged_as_without_one(spbe_2020):
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, [review(None)]) == [
        "Level 4 needs a dated review or evaluation report under 2 years old; none is cited."
    ]


def test_level_4_process_indicator_with_a_review_over_2_years_old_names_its_date(spbe_2020):
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, [review(date(2023, 6, 29))]) == [
        "Level 4 needs a review report under 2 years old; the newest cited is of June 29, 2023."
    ]


def test_newest_of_several_old_reviews_is_the_one_named(spbe_2020):
    old_reviews = [review(date(2021, 1, 4)), review(date(2023, 3, 1)), review(date(2022, 8, 1))]
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, old_reviews) == [
        "Level 4 needs a review report under 2 years old; the newest cited is of March 1, 2023."
    ]


def test_review_exactly_2_years_old_still_counts(spbe_2020):
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, [review(date(2023, 6, 30))]) == []


def test_level_4_process_indicator_with_a_fresh_review_is_not_flagged(spbe_2020):
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, [review(date(2024, 11, 15))]) == []


def test_fresh_review_among_old_ones_is_enough(spbe_2020):
    reviews = [review(date(2020, 1, 1)), review(date(2025, 1, 10))]
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, reviews) == []


def test_policy_document_does_not_count_as_a_review(spbe_2020):
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, [policy(date(2025, 1, 10))]) == [
        "Level 4 needs a dated review or evaluation report under 2 years old; none is cited."
    ]


@pytest.mark.parametrize("level", [None, 1, 2, 3])
def test_levels_below_4_need_no_review(spbe_2020, level):
    assert flags(spbe_2020, PROCESS_INDICATOR, level, []) == []


def test_level_5_process_indicator_outside_domain_1_needs_no_policy_after_the_review(spbe_2020):
    assert flags(spbe_2020, PROCESS_INDICATOR, 5, [review(date(2024, 11, 15))]) == []


def test_level_5_policy_indicator_without_a_review_asks_for_the_review_first(spbe_2020):
    assert flags(spbe_2020, POLICY_INDICATOR, 5, [policy(date(2025, 1, 10))]) == [
        "Level 5 needs a dated review or evaluation report under 2 years old; none is cited."
    ]


def test_level_5_policy_indicator_without_a_policy_after_the_review_is_flagged(spbe_2020):
    assert flags(spbe_2020, POLICY_INDICATOR, 5, [review(date(2024, 3, 1))]) == [
        "Level 5 needs a new or revised policy set within 1 year after the review of "
        "March 1, 2024; none is cited."
    ]


def test_level_5_policy_indicator_with_a_policy_set_before_the_review_is_flagged(spbe_2020):
    documents = [review(date(2024, 3, 1)), policy(date(2024, 2, 29))]
    assert len(flags(spbe_2020, POLICY_INDICATOR, 5, documents)) == 1


def test_level_5_policy_indicator_with_a_policy_set_over_a_year_after_the_review_is_flagged(
    spbe_2020,
):
    documents = [review(date(2023, 9, 1)), policy(date(2024, 9, 2))]
    assert len(flags(spbe_2020, POLICY_INDICATOR, 5, documents)) == 1


def test_level_5_policy_indicator_with_a_policy_within_a_year_after_the_review_passes(
    spbe_2020,
):
    documents = [review(date(2024, 3, 1)), policy(date(2024, 10, 1))]
    assert flags(spbe_2020, POLICY_INDICATOR, 5, documents) == []


def test_policy_set_on_the_day_the_year_after_the_review_ends_still_counts(spbe_2020):
    documents = [review(date(2024, 3, 1)), policy(date(2025, 3, 1))]
    assert flags(spbe_2020, POLICY_INDICATOR, 5, documents) == []


@pytest.mark.parametrize("number", range(1, 11))
def test_every_domain_1_indicator_asks_for_a_policy_at_level_5(spbe_2020, number):
    assert len(flags(spbe_2020, number, 5, [review(date(2024, 3, 1))])) == 1


def test_level_4_policy_indicator_needs_no_policy_after_the_review(spbe_2020):
    assert flags(spbe_2020, POLICY_INDICATOR, 4, [review(date(2024, 3, 1))]) == []


def test_audit_report_older_than_2_years_is_flagged_at_any_level(spbe_2020):
    assert flags(spbe_2020, 29, 2, [audit(date(2023, 6, 29))]) == [
        "Audit report “Laporan Audit TIK” is older than 2 years."
    ]


def test_audit_report_exactly_2_years_old_still_counts(spbe_2020):
    assert flags(spbe_2020, 29, 2, [audit(date(2023, 6, 30))]) == []


def test_undated_audit_report_is_not_flagged_for_age(spbe_2020):
    assert flags(spbe_2020, 29, 2, [audit(None)]) == []


def test_old_document_of_another_category_is_not_an_old_audit(spbe_2020):
    assert flags(spbe_2020, 29, 2, [policy(date(2010, 1, 1))]) == []


def test_expired_document_is_flagged_with_its_end_date(spbe_2020):
    expired = Cited("SK Tim Koordinasi SPBE", "kebijakan", date(2020, 1, 2), date(2024, 12, 31))
    assert flags(spbe_2020, POLICY_INDICATOR, 3, [expired]) == [
        "“SK Tim Koordinasi SPBE” is no longer valid (until Dec. 31, 2024)."
    ]


def test_document_valid_until_the_reference_day_is_not_expired(spbe_2020):
    valid = Cited("SK Tim Koordinasi SPBE", "kebijakan", date(2020, 1, 2), REFERENCE)
    assert flags(spbe_2020, POLICY_INDICATOR, 3, [valid]) == []


def test_expired_review_is_flagged_and_does_not_count_as_a_review(spbe_2020):
    expired_review = Cited("Laporan Reviu", "reviu", date(2024, 1, 5), date(2025, 1, 5))
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, [expired_review]) == [
        "“Laporan Reviu” is no longer valid (until Jan. 5, 2025).",
        "Level 4 needs a review report that is still valid; every cited one has expired.",
    ]


def test_every_broken_rule_gets_its_own_flag(spbe_2020):
    documents = [
        Cited("SK Lama", "kebijakan", date(2019, 1, 1), date(2021, 1, 1)),
        audit(date(2020, 5, 5)),
        review(date(2021, 5, 5)),
    ]
    assert len(flags(spbe_2020, POLICY_INDICATOR, 5, documents)) == 3


@pytest.mark.parametrize("number", range(32, 48))
def test_service_indicators_have_no_review_rule(spbe_2020, number):
    assert flags(spbe_2020, number, 5, []) == []


def test_service_indicator_still_flags_an_expired_document(spbe_2020):
    expired = Cited("Tangkapan Layar", "layanan", None, date(2025, 1, 1))
    assert len(flags(spbe_2020, SERVICE_INDICATOR, 5, [expired])) == 1


def test_29_february_shifted_to_a_year_without_it_is_28_february():
    assert shift_years(date(2024, 2, 29), -2) == date(2022, 2, 28)
    assert shift_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert shift_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_on_29_february_an_audit_of_28_february_two_years_before_still_counts(spbe_2020):
    leap_day = date(2024, 2, 29)
    assert flags(spbe_2020, 29, 2, [audit(date(2022, 2, 28))], leap_day) == []
    assert len(flags(spbe_2020, 29, 2, [audit(date(2022, 2, 27))], leap_day)) == 1


def test_on_29_february_a_review_of_28_february_two_years_before_still_counts(spbe_2020):
    leap_day = date(2024, 2, 29)
    assert flags(spbe_2020, PROCESS_INDICATOR, 4, [review(date(2022, 2, 28))], leap_day) == []
    assert len(flags(spbe_2020, PROCESS_INDICATOR, 4, [review(date(2022, 2, 27))], leap_day)) == 1


def test_review_on_29_february_gives_the_policy_until_28_february_next_year(spbe_2020):
    leap_review = review(date(2024, 2, 29))
    on_time = [leap_review, policy(date(2025, 2, 28))]
    too_late = [leap_review, policy(date(2025, 3, 1))]
    assert flags(spbe_2020, POLICY_INDICATOR, 5, on_time, REFERENCE) == []
    assert flags(spbe_2020, POLICY_INDICATOR, 5, too_late, REFERENCE) == [
        "Level 5 needs a new or revised policy set within 1 year after the review of "
        "Feb. 29, 2024; none is cited."
    ]
