"""Two-step log-in, the admin and the API docs in real Chromium, under the Content-Security-Policy
(the broken-page check fails any page on which the policy blocked something)."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import t

pytestmark = pytest.mark.e2e


def test_the_koordinator_turns_on_two_step_log_in_and_logs_in_with_a_code(
    log_in, new_context, koordinator
):
    page = log_in("koordinator")
    page.get_by_role("link", name=t("Account")).click()
    page.get_by_role("link", name=t("Turn on two-step log-in")).click()
    expect(page.locator("svg.qr")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.locator("#id_code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=t("Turn two-step log-in on")).click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)

    second = new_context().new_page()
    second.goto("/masuk/")
    second.locator("#id_username").fill("koordinator")
    second.locator("#id_password").fill(PASSWORD)
    second.locator("main form button[type=submit]").click()
    expect(second.locator("h1")).to_have_text(t("Two-step log-in"))
    # The current code turned two-step log-in on and is used up; the next one is accepted early.
    next_code = pyotp.TOTP(secret).at(datetime.now(UTC) + timedelta(seconds=30))
    second.locator("#id_code").fill(next_code)
    second.locator("main form button[type=submit]").click()
    expect(second.locator("header .who")).to_have_text("koordinator")


@pytest.mark.parametrize("path", ["/api/docs", "/admin/", "/admin/auth/user/"])
def test_a_page_outside_the_templates_works_under_the_policy(log_in, admin_user, path):
    page = log_in("admin")
    response = page.goto(path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
