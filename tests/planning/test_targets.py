"""A period's target: an index or a predikat of its instrument, set by the Koordinator."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tera.audit.models import AuditEntry
from tera.errors import ActionRefused
from tera.planning.actions import remove_target, set_target
from tera.planning.models import Target
from tera.planning.targets import Goal, parse_goal
from tests.planning.factories import set_levels

pytestmark = pytest.mark.django_db


def test_the_koordinator_sets_an_index_target(period, koordinator):
    set_target(period, index=Decimal("3.25"), predikat="", user=koordinator)
    target = Target.objects.get(period=period)
    assert (target.index, target.predikat) == (Decimal("3.25"), "")


def test_a_predikat_target_keeps_the_instruments_spelling(period, koordinator):
    set_target(period, index=None, predikat="sangat baik", user=koordinator)
    assert Target.objects.get(period=period).predikat == "Sangat Baik"


def test_a_predikat_target_stands_for_the_lowest_index_of_that_predikat(period):
    assert Goal(predikat="Baik").value(period.definition, period.year) == Fraction("2.6")


def test_an_unknown_predikat_is_refused(period, koordinator):
    with pytest.raises(ActionRefused):
        set_target(period, index=None, predikat="Luar Biasa", user=koordinator)
    assert not Target.objects.exists()


def test_an_unknown_predikat_posted_to_the_planner_stores_nothing(client, period, koordinator):
    client.force_login(koordinator)
    response = client.post(reverse("planning:target", args=[period.pk]), {"predikat": "Luar Biasa"})
    assert response.status_code == 400
    assert not Target.objects.exists()


def test_an_index_above_the_highest_level_is_refused(period, koordinator):
    with pytest.raises(ActionRefused):
        set_target(period, index=Decimal("5.01"), predikat="", user=koordinator)


def test_an_index_with_more_than_four_decimals_is_refused(period, koordinator):
    with pytest.raises(ActionRefused):
        set_target(period, index=Decimal("3.00001"), predikat="", user=koordinator)


def test_an_index_and_a_predikat_together_are_refused(period, koordinator):
    with pytest.raises(ActionRefused):
        set_target(period, index=Decimal("3"), predikat="Baik", user=koordinator)


def test_only_the_koordinator_sets_the_target(period, asesor):
    with pytest.raises(PermissionDenied):
        set_target(period, index=Decimal("3"), predikat="", user=asesor)


def test_a_new_target_replaces_the_old_one(period, koordinator):
    set_target(period, index=Decimal("3"), predikat="", user=koordinator)
    set_target(period, index=None, predikat="Baik", user=koordinator)
    target = Target.objects.get(period=period)
    assert (target.index, target.predikat) == (None, "Baik")


def test_setting_the_target_is_written_to_the_audit_log(period, koordinator):
    set_target(period, index=Decimal("3"), predikat="", user=koordinator)
    entry = AuditEntry.objects.get(action="target.set")
    assert (entry.period_id, entry.after) == (period.pk, {"index": "3", "predikat": ""})


def test_posting_both_fields_empty_removes_the_target(client, period, koordinator):
    set_target(period, index=Decimal("3"), predikat="", user=koordinator)
    client.force_login(koordinator)
    response = client.post(reverse("planning:target", args=[period.pk]), {"index": ""})
    assert response.status_code == 302
    assert not Target.objects.exists()


def test_removing_a_target_that_is_not_there_is_refused(period, koordinator):
    with pytest.raises(ActionRefused):
        remove_target(period, user=koordinator)


def test_a_typed_index_may_use_a_decimal_comma(period):
    assert parse_goal("3,25", period.definition) == Goal(index=Decimal("3.25"))


def test_the_period_page_shows_the_gap_between_the_index_and_the_target(
    client, period, koordinator
):
    set_levels(period, others=3)
    set_target(period, index=Decimal("3.25"), predikat="", user=koordinator)
    client.force_login(koordinator)
    page = client.get(reverse("assessments:period", args=[period.pk])).text
    assert 'data-testid="target-gap">0,25<' in page


def test_the_period_page_shows_a_target_already_reached(client, period, koordinator):
    set_levels(period, others=3)
    set_target(period, index=None, predikat="Baik", user=koordinator)
    client.force_login(koordinator)
    page = client.get(reverse("assessments:period", args=[period.pk])).text
    assert 'data-testid="target-tile"' in page
    assert 'data-testid="target-gap"' not in page
