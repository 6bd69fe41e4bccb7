"""Calibration on a small worked example, and the trend from the registry into Tera."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from tera.assessments.calibration import calibration, trend
from tera.assessments.models import Contribution
from tera.assessments.periods import start_period
from tera.assessments.stages import Entry, official_levels, record_stage_scores
from tera.core.scoring import score
from tera.registry.models import OfficialResult
from tests.assessments.submission import lock_with_levels

pytestmark = pytest.mark.django_db

# Aspect 1 (= domain 1) holds indicators 1-10 of equal weight; indicator 11 opens aspect 2.
SELF_ASSESSED = {**dict.fromkeys(range(1, 11), 3), 11: 2}
DOKUMEN = {1: 2, 2: 2, 3: 4}
FINAL = {3: 3}


def propose(period, opd, indicator, level):
    Contribution.objects.filter(period=period, opd=opd, indicator=indicator).update(level=level)


@pytest.fixture
def assessed(period, koordinator, kominfo, bappeda):
    """Diskominfo proposed 4 on indicator 1, Bappeda 1 there and 2 on indicator 2."""
    propose(period, kominfo, 1, 4)
    propose(period, bappeda, 1, 1)
    propose(period, bappeda, 2, 2)
    locked = lock_with_levels(period, koordinator, SELF_ASSESSED)
    for stage, levels in (("dokumen", DOKUMEN), ("final", FINAL)):
        entries = {number: Entry(level) for number, level in levels.items()}
        record_stage_scores(locked, stage, entries, user=koordinator)
    return locked


def official_result(instansi, year, index, **domains):
    return OfficialResult.objects.create(
        instansi=instansi, year=year, published_name=instansi.name, index=index, **domains
    )


def test_each_indicator_shows_its_self_assessed_and_official_level(assessed):
    rows = {row.indicator.number: row for row in calibration(assessed).indicators}
    assert [
        (rows[n].self_level, rows[n].official_level, rows[n].difference) for n in (1, 3, 11)
    ] == [
        (3, 2, 1),
        (3, 3, 0),
        (2, 2, 0),
    ]
    assert rows[12].difference is None


def test_the_domain_of_the_worked_example_lost_a_fifth_of_a_level(assessed):
    domain = calibration(assessed).domains[0]
    assert (domain.self_value, domain.official_value) == (3, Fraction(14, 5))
    assert domain.difference == Fraction(1, 5)


def test_aspects_and_the_index_come_from_the_scoring_engine(assessed):
    result = calibration(assessed)
    official = score(assessed.definition, official_levels(assessed), assessed.year)
    assert result.official_score.index == official.index
    assert [a.official_value for a in result.aspects] == [a.value for a in official.aspects]


def test_each_opd_over_and_under_claims_are_counted_and_summed(assessed, kominfo, bappeda):
    claims = {entry.opd: entry for entry in calibration(assessed).opds}
    diskominfo, perencanaan = claims[kominfo], claims[bappeda]
    assert (diskominfo.compared, diskominfo.over_count, diskominfo.over_levels) == (1, 1, 2)
    assert (diskominfo.under_count, diskominfo.matched) == (0, 0)
    assert (perencanaan.compared, perencanaan.under_count, perencanaan.under_levels) == (2, 1, 1)
    assert (perencanaan.over_count, perencanaan.matched) == (0, 1)


def test_before_any_stage_there_is_no_official_side(period, koordinator):
    locked = lock_with_levels(period, koordinator, SELF_ASSESSED)
    result = calibration(locked)
    assert result.official_score is None
    assert all(row.official_level is None for row in result.indicators)


def test_the_calibration_page_shows_the_worked_example(client, assessed, koordinator):
    client.force_login(koordinator)
    text = client.get(reverse("assessments:calibration", args=[assessed.pk])).text
    assert 'data-testid="domain-difference-1">0,20<' in text
    assert "2,80" in text
    assert 'data-testid="difference-1">+1' in text


def test_the_trend_starts_with_the_registry_years_before_tera(assessed):
    instansi = assessed.instansi
    official_result(instansi, 2023, Decimal("2.10"), kebijakan=Decimal("2.30"))
    official_result(instansi, 2024, Decimal("2.45"))
    official_result(instansi, 2025, Decimal("2.90"))
    points = trend(instansi)
    assert [(p.year, p.from_registry) for p in points] == [
        (2023, True),
        (2024, True),
        (2025, False),
    ]
    assert (points[0].official_index, points[0].domains[0]) == (Decimal("2.10"), Decimal("2.30"))
    expected_self = score(assessed.definition, SELF_ASSESSED, 2025).index
    expected_official = score(assessed.definition, official_levels(assessed), 2025).index
    assert (points[2].self_index, points[2].official_index) == (expected_self, expected_official)


def test_the_registry_stops_where_the_first_tera_period_begins(assessed, koordinator):
    instansi = assessed.instansi
    official_result(instansi, 2023, Decimal("2.10"))
    official_result(instansi, 2024, Decimal("2.45"))
    start_period(instansi=instansi, instrument=assessed.instrument, year=2024, user=koordinator)
    points = trend(instansi)
    assert [(p.year, p.from_registry) for p in points] == [
        (2023, True),
        (2024, False),
        (2025, False),
    ]
    assert points[1].official_index is None


def test_the_calibration_page_lists_the_registry_years(client, assessed, koordinator):
    official_result(assessed.instansi, 2023, Decimal("2.10"))
    official_result(assessed.instansi, 2024, Decimal("2.45"))
    client.force_login(koordinator)
    text = client.get(reverse("assessments:calibration", args=[assessed.pk])).text
    rows = [text.split(f'data-testid="trend-{n}">')[1].split("</tr>")[0] for n in (1, 2, 3)]
    assert "2023" in rows[0] and "2,10" in rows[0]
    assert "2024" in rows[1] and "2,45" in rows[1]
    assert assessed.name in rows[2]


def test_the_calibration_page_before_any_stage_leaves_the_official_side_empty(
    client, period, koordinator
):
    locked = lock_with_levels(period, koordinator, SELF_ASSESSED)
    client.force_login(koordinator)
    response = client.get(reverse("assessments:calibration", args=[locked.pk]))
    assert response.status_code == 200
    assert 'data-testid="official-index">–<' in response.text
