"""Trying levels and turning the cheapest plan into action items, in real Chromium."""

import pytest
from playwright.sync_api import expect

from tera.core.numbers import format_id
from tera.core.scoring import score
from tera.planning.models import ActionItem
from tests.e2e.conftest import t
from tests.planning.factories import set_levels

pytestmark = pytest.mark.e2e


def test_a_level_change_moves_the_index_without_leaving_the_page(log_in, period, koordinator):
    set_levels(period, others=2)
    page = log_in("koordinator")
    page.goto(f"/perencanaan/periode/{period.pk}/simulasi/")
    address = page.url
    page.locator("#id_i42").select_option("5")
    levels = {number: 2 for number in range(1, 48)} | {42: 5}
    expected = score(period.definition, levels, period.year)
    expect(page.get_by_test_id("whatif-index")).to_have_text(format_id(expected.index))
    expect(page.get_by_test_id("whatif-change")).to_have_text("+0,09")
    assert page.url == address


def test_the_koordinator_turns_the_plan_for_the_target_into_action_items(
    log_in, period, koordinator
):
    set_levels(period, others=2)
    page = log_in("koordinator")
    page.goto(f"/perencanaan/periode/{period.pk}/rencana/")
    page.locator("#id_predikat").select_option("Baik")
    page.get_by_role("button", name=t("Save the target")).click()
    expect(page.get_by_test_id("target")).to_have_text("Baik")
    steps = page.get_by_test_id("plan-steps").locator("tbody tr")
    raised = steps.count()
    assert raised > 0
    page.get_by_role("button", name=t("Turn this plan into action items")).click()
    expect(page.locator("h1")).to_have_text(t("Action plan (rencana aksi)"))
    expect(page.locator("#item-table tbody tr")).to_have_count(raised)
    assert ActionItem.objects.filter(period=period, source="plan").count() == raised
