"""Planner output turned into action items: one per indicator raised, owned by its lead OPD."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tera.audit.models import AuditEntry
from tera.errors import ActionRefused
from tera.planning.actions import accept_plan, save_indicator_costs, save_raise_caps
from tera.planning.basis import basis_levels
from tera.planning.models import ActionItem
from tera.planning.plans import default_due_date, fingerprint, plan_for
from tests.planning.factories import set_levels

pytestmark = pytest.mark.django_db
DUE = date(2026, 6, 30)


def the_plan(period, target):
    return plan_for(period, basis_levels(period), Fraction(target))


def items_of(period):
    return ActionItem.objects.filter(period=period).order_by("indicator")


@pytest.fixture
def three_cheap_raises(period, koordinator):
    """Everything at level 4; only indicators 1-3 are cheap, and 1.3 x 3 = 0.039 is needed."""
    set_levels(period, others=4)
    costs = {number: Decimal(100) for number in range(1, 48)}
    costs.update({1: Decimal("0.01"), 2: Decimal("0.01"), 3: Decimal("0.01")})
    save_indicator_costs(period, costs, user=koordinator)
    return the_plan(period, "4.039")


def test_the_items_indicators_and_levels_are_the_plan_steps(period, koordinator):
    set_levels(period, {1: 1, 11: 1, 32: 3}, others=2)
    save_indicator_costs(period, {11: Decimal("0.5")}, user=koordinator)
    save_raise_caps(period, {11: 4}, user=koordinator)
    result = the_plan(period, "2.25")
    accept_plan(period, result, due_on=DUE, user=koordinator)
    raised = {}
    for step in result.steps:
        low, high = raised.get(step.indicator, (step.from_level, step.to_level))
        raised[step.indicator] = (min(low, step.from_level), max(high, step.to_level))
    assert max(step.to_level - step.from_level for step in result.steps) == 1
    assert any(high - low > 1 for low, high in raised.values())  # several steps, one item
    assert {
        item.indicator: (item.from_level, item.target_level) for item in items_of(period)
    } == raised


def test_plan_items_come_from_the_plan_and_fall_due_on_the_chosen_date(
    period, koordinator, three_cheap_raises
):
    accept_plan(period, three_cheap_raises, due_on=DUE, user=koordinator)
    assert {(item.source, item.due_on, item.status) for item in items_of(period)} == {
        (ActionItem.Source.PLAN, DUE, ActionItem.Status.PLANNED)
    }


def test_plan_items_are_owned_by_the_lead_opd_of_their_indicator(
    period, koordinator, kominfo, bappeda, three_cheap_raises
):
    accept_plan(period, three_cheap_raises, due_on=DUE, user=koordinator)
    owners = [(item.indicator, item.owner) for item in items_of(period)]
    assert owners == [(1, kominfo), (2, bappeda), (3, None)]  # indicator 3 has no OPD yet


def test_accepting_the_same_plan_twice_creates_no_duplicates(
    period, koordinator, three_cheap_raises
):
    accept_plan(period, three_cheap_raises, due_on=DUE, user=koordinator)
    again = accept_plan(period, three_cheap_raises, due_on=DUE, user=koordinator)
    assert (again.created, again.kept) == ([], [1, 2, 3])
    assert items_of(period).count() == 3


def test_a_dropped_item_is_not_brought_back_by_accepting_the_plan_again(
    period, koordinator, three_cheap_raises
):
    accept_plan(period, three_cheap_raises, due_on=DUE, user=koordinator)
    items_of(period).filter(indicator=2).update(status=ActionItem.Status.DROPPED)
    accept_plan(period, three_cheap_raises, due_on=DUE, user=koordinator)
    assert items_of(period).count() == 3


def test_each_created_item_is_written_to_the_audit_log(period, koordinator, three_cheap_raises):
    accepted = accept_plan(period, three_cheap_raises, due_on=DUE, user=koordinator)
    entries = AuditEntry.objects.filter(action="action_item.create", period_id=period.pk)
    assert sorted((e.object_id, e.indicator) for e in entries) == sorted(
        (str(item.pk), item.indicator) for item in accepted.created
    )
    assert {entry.after["target_level"] for entry in entries} == {5}


def test_only_the_koordinator_accepts_a_plan(period, asesor, three_cheap_raises):
    with pytest.raises(PermissionDenied):
        accept_plan(period, three_cheap_raises, due_on=DUE, user=asesor)
    assert not items_of(period).exists()


def test_a_plan_with_nothing_to_raise_is_refused(period, koordinator):
    set_levels(period, others=5)
    with pytest.raises(ActionRefused):
        accept_plan(period, the_plan(period, "4"), due_on=DUE, user=koordinator)


def test_accepting_on_the_planner_page_creates_the_items(
    client, period, koordinator, three_cheap_raises
):
    client.force_login(koordinator)
    data = {"target": "4.039", "fingerprint": fingerprint(three_cheap_raises), "due_on": DUE}
    response = client.post(reverse("planning:accept", args=[period.pk]), data)
    assert response["Location"] == reverse("planning:items", args=[period.pk])
    assert [item.indicator for item in items_of(period)] == [1, 2, 3]


def test_a_plan_that_changed_since_it_was_shown_is_not_accepted(
    client, period, koordinator, three_cheap_raises
):
    set_levels(period, {1: 5})  # indicator 1 no longer needs raising: the plan is another one
    client.force_login(koordinator)
    data = {"target": "4.039", "fingerprint": fingerprint(three_cheap_raises), "due_on": DUE}
    client.post(reverse("planning:accept", args=[period.pk]), data)
    assert not items_of(period).exists()


def test_the_planner_page_marks_raises_already_in_the_action_plan(
    client, period, koordinator, three_cheap_raises
):
    accept_plan(period, three_cheap_raises, due_on=DUE, user=koordinator)
    client.force_login(koordinator)
    response = client.get(reverse("planning:planner", args=[period.pk]), {"target": "4.039"})
    assert [row.promised for row in response.context["plan_rows"]] == [True, True, True]


def test_items_fall_due_on_the_submission_date_while_it_lies_ahead(period):
    period.submission_due = date(2026, 3, 31)
    assert default_due_date(period, date(2026, 1, 5)) == date(2026, 3, 31)


def test_items_fall_due_half_a_year_ahead_once_the_submission_date_has_passed(period):
    period.submission_due = date(2025, 3, 31)
    assert default_due_date(period, date(2026, 1, 5)) == date(2026, 1, 5) + timedelta(days=182)
