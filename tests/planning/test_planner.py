"""The planner page: the core planner on the period's levels, target and costs per step."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tera.core.planner import plan
from tera.planning.actions import (
    clear_step_costs,
    import_step_costs,
    save_indicator_costs,
    set_target,
)
from tera.planning.models import RaiseCap, StepCost, Target
from tera.planning.plans import step_costs
from tests.planning.factories import set_levels

pytestmark = pytest.mark.django_db
SERVICE_INDICATORS = range(42, 48)  # weight 3.00 each, the heaviest


def planner(client, period, target=None):
    url = reverse("planning:planner", args=[period.pk])
    return client.get(url, {"target": target} if target else {})


def test_the_page_shows_the_engine_plan_for_the_period_target(client, period, koordinator):
    set_levels(period, {1: 1, 11: 3}, others=2)
    set_target(period, index=Decimal("2.3"), predikat="", user=koordinator)
    client.force_login(koordinator)
    response = planner(client, period)
    levels = {number: 2 for number in range(1, 48)} | {1: 1, 11: 3}
    one_level_each = dict.fromkeys(levels, 1)
    expected = plan(period.definition, levels, Fraction("2.3"), {}, period.year, one_level_each)
    shown = response.context["plan"]
    assert (shown.steps, shown.total_cost, shown.index_after) == (
        expected.steps,
        expected.total_cost,
        expected.index_after,
    )


def test_a_typed_target_is_planned_without_being_stored(client, period, pimpinan):
    set_levels(period, others=2)
    client.force_login(pimpinan)
    response = planner(client, period, "Baik")
    assert response.context["plan"].target == Fraction("2.6")
    assert not Target.objects.exists()


def test_a_target_above_the_top_cannot_be_reached_and_the_best_index_is_named(
    client, period, pimpinan
):
    set_levels(period, others=2)
    RaiseCap.objects.bulk_create(
        RaiseCap(period=period, indicator=number, levels=3) for number in range(1, 48)
    )
    client.force_login(pimpinan)
    response = planner(client, period, "5,5")
    assert response.context["plan"].reachable is False
    assert 'data-testid="unreachable"' in response.text
    assert "5,00" in response.text


def test_the_rise_cap_bounds_the_best_index_and_the_page_says_so(client, period, pimpinan):
    set_levels(period, others=2)
    client.force_login(pimpinan)
    response = planner(client, period, "Sangat Baik")
    assert response.context["plan"].max_index == 3
    assert "kenaikan terbesar per indikator" in response.text
    assert "3,00" in response.text


def test_a_target_already_reached_needs_no_step(client, period, pimpinan):
    set_levels(period, others=4)
    client.force_login(pimpinan)
    response = planner(client, period, "Baik")
    assert response.context["plan"].steps == ()
    assert 'data-testid="plan-steps"' not in response.text


def test_a_typed_target_that_is_neither_index_nor_predikat_is_explained(client, period, pimpinan):
    client.force_login(pimpinan)
    response = planner(client, period, "Luar Biasa")
    assert response.context["plan"] is None
    assert response.context["goal_error"]


def test_costs_steer_the_plan_away_from_an_expensive_indicator(period, koordinator):
    set_levels(period, others=1)
    expensive = {number: Decimal(10) for number in SERVICE_INDICATORS}
    save_indicator_costs(period, expensive, user=koordinator)
    result = plan(
        period.definition, {n: 1 for n in range(1, 48)}, Fraction("1.03"), step_costs(period)
    )
    assert result.total_cost == 2
    assert not {step.indicator for step in result.steps} & set(SERVICE_INDICATORS)


def test_only_costs_that_differ_from_the_default_are_stored(period, koordinator):
    save_indicator_costs(period, {1: Decimal(1), 2: Decimal("2.5"), 3: None}, user=koordinator)
    assert list(StepCost.objects.values_list("indicator", "to_level", "cost")) == [
        (2, None, Decimal("2.5"))
    ]


def test_saving_the_costs_on_the_page_uses_a_decimal_comma(client, period, koordinator):
    client.force_login(koordinator)
    response = client.post(reverse("planning:costs", args=[period.pk]), {"cost-7": "2,5"})
    assert response.status_code == 302
    assert step_costs(period)[7] == dict.fromkeys(range(1, 6), Decimal("2.5"))


def test_a_cost_sheet_sets_the_cost_of_single_steps(client, period, koordinator):
    client.force_login(koordinator)
    sheet = SimpleUploadedFile("biaya.csv", b"indicator,cost,to_level\n42,9,2\n43,4\n")
    response = client.post(reverse("planning:costs_upload", args=[period.pk]), {"sheet": sheet})
    assert response.status_code == 302
    costs = step_costs(period)
    assert costs[42] == {2: Decimal(9)}
    assert costs[43] == dict.fromkeys(range(1, 6), Decimal(4))


def test_a_sheet_step_cost_comes_before_the_indicator_cost(period, koordinator, tmp_path):
    save_indicator_costs(period, {42: Decimal(3)}, user=koordinator)
    sheet = tmp_path / "biaya.csv"
    sheet.write_text("indicator,cost,to_level\n42,9,4\n")
    import_step_costs(period, sheet, "biaya.csv", user=koordinator)
    assert step_costs(period)[42] == {1: 3, 2: 3, 3: 3, 4: 9, 5: 3}


def test_a_cost_sheet_with_a_bad_row_changes_nothing(client, period, koordinator):
    save_indicator_costs(period, {42: Decimal(3)}, user=koordinator)
    client.force_login(koordinator)
    sheet = SimpleUploadedFile("biaya.csv", b"indicator,cost\n42,2\n99,1\n")
    response = client.post(reverse("planning:costs_upload", args=[period.pk]), {"sheet": sheet})
    assert response.status_code == 400
    assert "baris 3" in response.text
    assert list(StepCost.objects.values_list("indicator", "to_level")) == [(42, None)]


def test_a_new_sheet_replaces_the_previous_sheet(period, koordinator, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("indicator,cost,to_level\n42,9,2\n")
    second.write_text("indicator,cost,to_level\n43,5,3\n")
    import_step_costs(period, first, "a.csv", user=koordinator)
    import_step_costs(period, second, "b.csv", user=koordinator)
    assert step_costs(period) == {43: {3: Decimal(5)}}


def test_clearing_the_sheet_keeps_the_indicator_costs(period, koordinator, tmp_path):
    save_indicator_costs(period, {1: Decimal(2)}, user=koordinator)
    sheet = tmp_path / "biaya.csv"
    sheet.write_text("indicator,cost,to_level\n42,9,2\n")
    import_step_costs(period, sheet, "biaya.csv", user=koordinator)
    clear_step_costs(period, user=koordinator)
    assert list(step_costs(period)) == [1]


def test_the_page_names_the_unanswered_indicators_taken_at_the_lowest_level(
    client, period, pimpinan
):
    set_levels(period, others=2)
    set_levels(period, {5: None})
    client.force_login(pimpinan)
    response = planner(client, period, "2,1")
    assert response.context["plan"].assumed_minimum == (5,)
