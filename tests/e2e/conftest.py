"""Debian's Chromium driven by Playwright: one browser per run, a fresh context per person."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Response,
    expect,
    sync_playwright,
)

from tests.conftest import PASSWORD

# Playwright's sync API keeps an event loop running in this thread, which makes Django refuse
# database calls from the test body (the set-up and the final check) as if they were async.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
LANGUAGE = "id"


def t(text: str) -> str:
    """The text as the interface shows it: in Indonesian, the default locale."""
    with translation.override(LANGUAGE):
        return translation.gettext(text)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}. Install it with `.ci/install-system --browser` "
            "(`make test` runs it first)."
        )
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser: Browser, live_server) -> Iterator[Callable[[], BrowserContext]]:
    """Open as many separate sessions as the test has people; all are closed after it."""
    contexts: list[BrowserContext] = []
    broken: list[str] = []

    def open_context() -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, locale="id-ID")
        context.set_default_timeout(TIMEOUT_MS)
        context.on("response", lambda response: broken.extend(_broken(response)))
        context.on("weberror", lambda error: broken.append(f"script error: {error.error}"))
        context.on("console", lambda message: broken.extend(_refused(message)))
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    assert not broken, "The pages had broken parts:\n" + "\n".join(broken)


def _broken(response: Response) -> list[str]:
    """A missing file or a server error is a bug even when the page still works."""
    if response.status == 404 or response.status >= 500:
        return [f"{response.status} {response.request.method} {response.url}"]
    return []


def _refused(message: ConsoleMessage) -> list[str]:
    """Chromium reports what the Content-Security-Policy blocked as a console error ("Refused
    to ..." in older versions, "... violates the following Content Security Policy directive")."""
    text = message.text
    if message.type == "error" and ("Content Security Policy" in text or "Refused to" in text):
        return [f"blocked by the Content-Security-Policy: {text}"]
    return []


@pytest.fixture
def context(new_context: Callable[[], BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture
def log_in(new_context: Callable[[], BrowserContext]) -> Callable[[str], Page]:
    """A page of a new session in which `username` has logged in through the log-in form."""

    def log_in_as(username: str) -> Page:
        page = new_context().new_page()
        page.goto("/masuk/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("header .who")).to_have_text(username)
        return page

    return log_in_as
