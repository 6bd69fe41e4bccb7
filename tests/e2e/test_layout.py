"""No page of the demo is wider than the screen, on a laptop (1366 px) or a phone (390 px):
wide tables scroll inside their own box and long criteria wrap, in real Chromium."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page

from tera.assessments.demo import build_demo
from tera.assessments.models import Contribution, Period
from tera.registry.importer import import_results

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1366, 390)

# The widest element that sticks out of the viewport and of every scrolling box, to name it.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const scrolls = (e) => ["auto", "scroll", "hidden"].includes(getComputedStyle(e).overflowX);
  const clipped = (e) => {
    for (let p = e.parentElement; p; p = p.parentElement) if (scrolls(p)) return true;
    return false;
  };
  const wide = [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 1 && !clipped(e))
    .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
  if (!wide) return "the page";
  return `${wide.tagName.toLowerCase()}.${wide.className} ${wide.textContent.trim().slice(0, 60)}`;
}"""


@pytest.fixture
def demo():
    call_command("instruments", "load", verbosity=0)
    import_results()
    return {username: password for username, password, _ in build_demo()}


def pages_of(role: str) -> list[str]:
    spbe, pemdi = (
        Period.objects.get(instrument__code=code) for code in ("spbe-2020", "pemdi-2026")
    )
    common = [reverse("dashboard"), reverse("assessments:tasks"), reverse("notifications:list")]
    if role == "opd":
        own = Contribution.objects.filter(opd__name="Bag. Hukum").select_related("period")
        return common + [
            reverse("assessments:indicator", args=[c.period_id, c.indicator]) for c in own[:2]
        ]
    return common + [
        reverse("assessments:period", args=[pemdi.pk]),
        reverse("assessments:indicator", args=[pemdi.pk, 1]),
        reverse("assessments:indicator", args=[spbe.pk, 30]),
        reverse("reports:instansi_dashboard", args=[spbe.instansi_id]),
        reverse("assessments:period", args=[spbe.pk]),
        reverse("assessments:history", args=[spbe.pk]),
        reverse("assessments:assignments", args=[pemdi.pk]),
        reverse("planning:planner", args=[spbe.pk]),
        reverse("planning:monitoring", args=[spbe.pk]),
        reverse("planning:whatif", args=[pemdi.pk]),
        reverse("public:province", args=["Gorontalo"]) + "?year=2024",
        reverse("public:national"),
    ]


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/masuk/" not in url)


@pytest.mark.parametrize("username, role", [("koordinator", "koordinator"), ("hukum", "opd")])
def test_no_page_is_wider_than_the_screen(new_context, demo, username, role):
    addresses = pages_of(role)
    too_wide = []
    for width in WIDTHS:
        page = new_context().new_page()
        page.set_viewport_size({"width": width, "height": 900})
        log_in(page, username, demo[username])
        for address in addresses:
            assert page.goto(address).ok, address
            if folder := os.environ.get("TERA_SCREENSHOTS"):  # to be looked at
                name = address.strip("/").replace("/", "_").replace("?", "_")
                page.screenshot(
                    path=f"{folder}/layout-{username}-{width}-{name}.png", full_page=True
                )
            sticking_out = page.evaluate(OVERFLOW)
            if sticking_out:
                too_wide.append(f"{width} px {address}: {sticking_out}")
    assert not too_wide, "\n".join(too_wide)
