"""After the submission, in real Chromium: the external scores, calibration, a target and its
plan, the action items on the leadership's monitoring view, and a reminder read in Tera."""

from fractions import Fraction

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from tera.assessments.stages import stage_label
from tera.core.numbers import format_id
from tera.core.planner import plan
from tera.core.scoring import score
from tera.core.stages import Stage
from tera.notifications.actions import send_due_reminders
from tests.assessments.submission import lock_with_levels
from tests.e2e.conftest import LANGUAGE, t
from tests.planning.factories import make_item

pytestmark = pytest.mark.e2e

SELF = {number: 2 for number in range(1, 48)} | {1: 3, 5: 3, 9: 4}
DOKUMEN = {1: 2, 5: 2, 9: 3}  # the assessors lower three claims
FINAL = {9: 4, 20: 1}  # after the interview 9 is back at 4, and 20 falls
OFFICIAL = SELF | DOKUMEN | FINAL
TARGET = Fraction("2.3")


def recorded_message(count: int, stage: Stage) -> str:
    with translation.override(LANGUAGE):
        return translation.ngettext(
            "%(count)s indicator recorded for %(stage)s.",
            "%(count)s indicators recorded for %(stage)s.",
            count,
        ) % {"count": count, "stage": stage_label(stage)}


def enter_stage(page: Page, stage: Stage, levels: dict[int, int]) -> None:
    """On the stage's entry page, change only what the assessors changed, and save."""
    with translation.override(LANGUAGE):
        page.get_by_role("link", name=stage_label(stage), exact=True).click()
    for number, level in levels.items():
        page.locator(f"#id_level_{number}").select_option(str(level))
    page.get_by_role("button", name=t("Save the changed rows")).click()
    expect(page.locator("ul.messages")).to_have_text(recorded_message(len(levels), stage))


def check_calibration(page: Page, period) -> None:
    instrument, year = period.definition, period.year
    expect(page.get_by_test_id("self-index")).to_have_text(
        format_id(score(instrument, SELF, year).index)
    )
    expect(page.get_by_test_id("official-index")).to_have_text(
        format_id(score(instrument, OFFICIAL, year).index)
    )
    expect(page.get_by_test_id("difference-5")).to_contain_text("+1")
    expect(page.get_by_test_id("difference-9")).to_have_text("0")
    expect(page.get_by_test_id("difference-20")).to_contain_text("+1")


def accept_the_plan(page: Page) -> None:
    page.get_by_role("link", name=t("Target and plan")).click()
    page.locator("#id_index").fill("2,30")
    page.get_by_role("button", name=t("Save the target")).click()
    expect(page.get_by_test_id("target")).to_have_text("2,30")
    page.get_by_role("button", name=t("Turn this plan into action items")).click()
    expect(page.locator("h1")).to_have_text(t("Action plan (rencana aksi)"))


def test_from_the_external_scores_to_the_action_items_on_the_leadership_view(
    log_in, period, koordinator, pimpinan
):
    locked = lock_with_levels(period, koordinator, SELF)
    one_level_each = dict.fromkeys(locked.definition.indicator_by_number, 1)  # the default cap
    expected = plan(locked.definition, OFFICIAL, TARGET, year=locked.year, max_raise=one_level_each)
    raised = {step.indicator: step.to_level for step in expected.steps}
    assert expected.reachable and raised

    page = log_in("koordinator")
    page.get_by_role("link", name=locked.name).first.click()
    page.get_by_role("link", name=t("External stages")).click()
    enter_stage(page, Stage.DOKUMEN, DOKUMEN)
    enter_stage(page, Stage.FINAL, FINAL)
    page.get_by_role("link", name=t("External stages")).click()
    page.get_by_role("link", name=t("Calibration")).click()
    check_calibration(page, locked)
    page.get_by_role("link", name=locked.name).click()
    accept_the_plan(page)
    expect(page.locator("#item-table tbody tr")).to_have_count(len(raised))

    leader = log_in("pimpinan")
    leader.get_by_role("link", name=t("Action plan monitoring")).click()
    expect(leader.get_by_test_id("promised")).to_have_text(str(len(raised)))
    expect(leader.get_by_test_id("index-now")).to_have_text(
        format_id(score(locked.definition, OFFICIAL, locked.year).index)
    )
    expect(leader.get_by_test_id("index-promised")).to_have_text(
        format_id(score(locked.definition, OFFICIAL | raised, locked.year).index)
    )
    item_links = leader.locator("main section a[href^='/perencanaan/aksi/']")
    expect(item_links).to_have_count(len(raised))


def test_a_reminder_from_the_worker_is_read_and_leaves_the_top_bar_count(
    log_in, period, kominfo, koordinator
):
    make_item(period, kominfo, title="Tetapkan Perwali SPBE", due_on=timezone.localdate())
    send_due_reminders()

    page = log_in("koordinator")
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    page.get_by_role("link", name=t("Notifications")).click()
    reminder = page.get_by_test_id("notification")
    expect(reminder).to_contain_text("Tetapkan Perwali SPBE")
    with page.expect_response(lambda response: "/dibaca/" in response.url) as marked:
        reminder.get_by_role("button", name=t("Mark as read")).click()
    assert marked.value.status == 200  # a fragment swapped in by htmx, not a page reload
    expect(page.get_by_test_id("unread-count")).to_have_count(0)
    expect(reminder.get_by_role("button", name=t("Mark as read"))).to_have_count(0)
