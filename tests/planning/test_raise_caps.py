"""The largest rise per indicator in one plan, and plans on Pemdi 2026's decimal values."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from tera.audit.models import AuditEntry
from tera.errors import ActionRefused
from tera.planning.actions import save_raise_caps
from tera.planning.basis import basis_levels
from tera.planning.models import RaiseCap
from tera.planning.plans import plan_for, raise_caps
from tests.planning.factories import set_levels

pytestmark = pytest.mark.django_db


def caps_post(client, period, caps):
    data = {f"cap-{number}": str(levels) for number, levels in caps.items()}
    return client.post(reverse("planning:caps", args=[period.pk]), data)


def test_without_a_cap_every_indicator_rises_at_most_one_level(period, koordinator):
    set_levels(period, others=1)
    result = plan_for(period, basis_levels(period), Fraction(3))
    assert result.reachable is False
    assert result.max_index == 2
    assert set(raise_caps(period).values()) == {1}


def test_a_cap_set_on_the_page_lets_that_indicator_rise_further(client, period, koordinator):
    client.force_login(koordinator)
    response = caps_post(client, period, {11: 3})
    assert response.status_code == 302
    assert list(RaiseCap.objects.values_list("indicator", "levels")) == [(11, 3)]
    assert AuditEntry.objects.filter(action="plan.caps").count() == 1
    set_levels(period, others=1)
    assert raise_caps(period)[11] == 3
    weight = Fraction(period.definition.indicator_by_number[11].weight)
    best = plan_for(period, basis_levels(period), Fraction(5)).max_index
    assert best == 2 + 2 * weight / 100  # every indicator at 2, indicator 11 at 4


@pytest.mark.parametrize("levels", ["0", "5", "dua"])
def test_an_impossible_cap_is_refused_on_the_page_and_nothing_is_stored(
    client, period, koordinator, levels
):
    client.force_login(koordinator)
    response = client.post(reverse("planning:caps", args=[period.pk]), {"cap-11": levels})
    assert response.status_code == 400
    assert not RaiseCap.objects.exists()


def test_an_impossible_cap_is_refused_by_the_action(period, koordinator):
    with pytest.raises(ActionRefused, match="5"):
        save_raise_caps(period, {11: 5}, user=koordinator)
    with pytest.raises(ActionRefused):
        save_raise_caps(period, {99: 2}, user=koordinator)
    assert not RaiseCap.objects.exists()


def test_a_pemdi_plan_starts_from_decimal_values(client, pemdi_2026_period, koordinator):
    set_levels(pemdi_2026_period, {1: Decimal("1.26")}, others=Decimal("1.5"))
    result = plan_for(pemdi_2026_period, basis_levels(pemdi_2026_period), Fraction(2))
    assert result.reachable
    first = next(step for step in result.steps if step.indicator == 1)
    assert first.from_level == Decimal("1.26")
    client.force_login(koordinator)
    page = client.get(reverse("planning:planner", args=[pemdi_2026_period.pk]), {"target": "2"})
    assert "1,26" in page.text


def test_a_rise_of_a_converted_indicator_names_the_source_value_it_needs(
    client, pemdi_2026_period, koordinator
):
    set_levels(pemdi_2026_period, others=Decimal("1"))
    client.force_login(koordinator)
    page = client.get(reverse("planning:planner", args=[pemdi_2026_period.pk]), {"target": "2"})
    plan = page.context["plan"]
    assert any(step.indicator == 5 for step in plan.steps)
    assert "naikkan Indeks SDI menjadi paling sedikit 25" in page.text
