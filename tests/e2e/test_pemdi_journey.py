"""This year's evaluation on Pemdi 2026, started from last year's SPBE period, in real Chromium."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tera.assessments import actions
from tera.assessments.models import Answer, Contribution, Period
from tera.core.numbers import format_id
from tera.core.scoring import score
from tera.instruments.library import file_crosswalks, load_crosswalk_entry
from tests.e2e.conftest import t

pytestmark = pytest.mark.e2e
WIDTHS = (1366, 390)


@pytest.fixture
def crosswalk(spbe_2020_version, pemdi_version):
    entry = next(e for e in file_crosswalks().entries if e.crosswalk.id == "spbe-2020--pemdi-2026")
    return load_crosswalk_entry(entry)[0]


@pytest.fixture
def spbe_2025(period, koordinator):
    answer = Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=1
    )
    actions.save_answer(
        answer, version=answer.version, level=3, fakta="Perwal 12/2024 tentang SPBE",
        analisis="Tingkat 3", level_source=None, user=koordinator,
    )  # fmt: skip
    return period


def fits_every_width(page: Page, name: str) -> None:
    """The page is no wider than the screen at each width; a screenshot of each is kept when
    TERA_SCREENSHOTS names a folder, to be looked at."""
    folder = os.environ.get("TERA_SCREENSHOTS")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
        if folder:
            page.screenshot(
                path=str(Path(folder) / f"{name}-{width}.png"), full_page=True, caret="initial"
            )
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def index_of(period: Period) -> str:
    values = {a.indicator: a.level for a in period.answers.exclude(level=None)}
    return format_id(score(period.definition, values, period.year).index)


def test_the_koordinator_runs_2026_on_pemdi_from_the_spbe_period(
    log_in, spbe_2025, pemdi_version, crosswalk, kominfo
):
    page = log_in("koordinator")
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(f"/instansi/{spbe_2025.instansi_id}/periode-baru/")
    page.locator("#id_previous").select_option(str(spbe_2025.pk))
    page.locator("#id_instrument").select_option(str(pemdi_version.pk))
    page.locator("#id_crosswalk").select_option(str(crosswalk.pk))
    page.locator("#id_year").fill("2026")
    page.get_by_role("button", name=t("Open the period")).click()
    expect(page.locator("h1")).to_have_text(t("Which OPD answers which indicator"))
    pemdi = Period.objects.get(instrument=pemdi_version)
    assert Contribution.objects.filter(period=pemdi, indicator=1, opd=kominfo).exists()

    page.goto(f"/periode/{pemdi.pk}/indikator/8/")
    expect(page.locator("ol.criteria li[data-level='5']")).to_be_visible()
    fits_every_width(page, "pemdi-indicator-8")
    page.locator("#id_answer-level").fill("5,5")
    page.get_by_role("button", name=t("Save the answer")).click()
    expect(page.locator("#indicator-body")).to_contain_text("Nilai “5,5” tidak diizinkan")
    page.locator("#id_answer-level").fill("2,75")
    page.get_by_role("button", name=t("Save the answer")).click()
    expect(page.get_by_test_id("answer-level")).to_have_text("2,75")
    expect(page.get_by_test_id("provisional-index")).to_have_text(index_of(pemdi))
    before = index_of(pemdi)

    page.goto(f"/periode/{pemdi.pk}/indikator/5/")
    expect(page.get_by_test_id("conversion-assumed")).to_be_visible()
    page.locator("#id_answer-source_value").fill("68,75")
    page.get_by_role("button", name=t("Save the answer")).click()
    expect(page.get_by_test_id("conversion-working")).to_contain_text("1 + 68,75 / 25 = 3,75")
    fits_every_width(page, "pemdi-indicator-5")
    after = index_of(pemdi)
    assert after != before

    page.goto(f"/periode/{pemdi.pk}/")
    expect(page.get_by_test_id("period-index")).to_have_text(after)
    predikat = score(
        pemdi.definition,
        {a.indicator: a.level for a in pemdi.answers.exclude(level=None)},
        pemdi.year,
    ).predikat
    expect(page.get_by_test_id("period-predikat")).to_have_text(predikat)
    expect(page.get_by_test_id("year-note")).to_contain_text("Aturan pembulatan 2026")
    fits_every_width(page, "pemdi-period")

    page.goto(f"/perencanaan/periode/{pemdi.pk}/rencana/?target=2,5")
    expect(page.get_by_test_id("unreachable")).to_contain_text("kenaikan terbesar per indikator")
    page.locator("#id_cap-19").fill("3")
    page.locator("#id_cap-20").fill("3")
    page.get_by_role("button", name=t("Save the largest rises")).click()
    page.goto(f"/perencanaan/periode/{pemdi.pk}/rencana/?target=2,5")
    steps = page.get_by_test_id("plan-steps")
    expect(steps).to_be_visible()
    expect(steps).to_contain_text("Tingkat Kematangan Fasilitas Dukungan Pengguna")
    fits_every_width(page, "pemdi-planner")
