"""One self-assessment from the first click to the locked period, in real Chromium."""

import re
import struct
import zlib

import pytest
from playwright.sync_api import Locator, Page, expect

from tera.assessments.models import Period
from tera.core.numbers import format_id
from tera.core.scoring import score
from tests.e2e.conftest import t

FIRST_INDICATOR = re.compile(r"^1\. ")  # lists name each indicator: "1. Tingkat Kematangan ..."

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"  # noqa: E501


def png_pixel() -> bytes:
    """A valid 1x1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def notice(page: Page) -> Locator:
    """The message an inline (htmx) save puts at the top of the indicator body."""
    return page.locator("#indicator-body [role=status]")


def answer_status(page: Page) -> Locator:
    return page.locator("#answer-heading .status")


def contribution_card(page: Page, opd) -> Locator:
    return page.get_by_role("article", name=opd.name)


def expect_status(badge: Locator, value: str, label: str) -> None:
    expect(badge).to_have_class(f"status status-{value}")
    expect(badge).to_have_text(t(label))


def open_period(page: Page, spbe_2020_version) -> str:
    """The Koordinator opens the 2025 period from the dashboard; returns the period's address."""
    page.get_by_role("link", name=t("Open the first period")).click()
    page.locator("#id_instrument").select_option(str(spbe_2020_version.pk))
    page.locator("#id_year").fill("2025")
    page.get_by_role("button", name=t("Open the period")).click()
    expect(page.locator("ul.messages")).to_have_text(
        t("The period is open. Assign the indicators to OPD next.")
    )
    expect(page.locator("h1")).to_have_text(t("Which OPD answers which indicator"))
    return page.locator("nav.crumbs a").nth(1).get_attribute("href")


def assign(page: Page, indicator: int, opd, *, lead: bool) -> Locator:
    row = page.locator(f"#assign-{indicator}")
    row.locator("select[name=opd]").select_option(label=opd.name)
    row.get_by_label(t("lead"), exact=True).set_checked(lead)
    row.get_by_role("button", name=t("Assign")).click()
    expect(row.locator(".chip", has_text=opd.name)).to_be_visible()
    return row


def contribute(page: Page, opd, *, level: int, fakta: str, analisis: str, upload) -> None:
    """An OPD member finds indicator 1 in their tasks, writes, cites a file and submits."""
    page.get_by_role("link", name=t("My tasks")).click()
    page.locator("main table").get_by_role("link", name=FIRST_INDICATOR).click()
    card = contribution_card(page, opd)
    expect_status(card.locator("h3 .status"), "draft", "Draft")
    card.locator(f"input[type=radio][value='{level}']").check()
    card.locator("textarea[name$='-fakta']").fill(fakta)
    card.locator("textarea[name$='-analisis']").fill(analisis)
    card.get_by_role("button", name=t("Save the contribution")).click()
    expect(notice(page)).to_have_text(t("The contribution of %(opd)s is saved.") % {"opd": opd})

    title, path, category = upload
    page.get_by_role("link", name=t("Upload or cite a document")).click()
    page.locator("#upload-target").select_option(label=opd.name)
    page.locator("#id_upload-title").fill(title)
    page.locator("#id_upload-category").select_option(category)
    page.locator("#id_upload-file").set_input_files(path)
    page.get_by_role("button", name=t("Upload and cite")).click()
    expect(notice(page)).to_have_text(t("The document is uploaded and cited."))
    expect(card.locator("ul.evidence")).to_contain_text(title)

    card.get_by_role("button", name=t("Submit to the Koordinator")).click()
    expect(notice(page)).to_have_text(t("The contribution of %(opd)s is submitted.") % {"opd": opd})
    expect_status(card.locator("h3 .status"), "submitted", "Submitted")


def review(page: Page, decision: str, comment: str = "") -> None:
    page.locator(f"input[name='review-decision'][value='{decision}']").check()
    page.locator("#id_review-comment").fill(comment)
    page.get_by_role("button", name=t("Record the decision")).click()


def take_the_lead_proposal(page: Page, kominfo, bappeda) -> None:
    """The Koordinator sees both proposals with their own evidence and uses the lead's."""
    kominfo_card, bappeda_card = contribution_card(page, kominfo), contribution_card(page, bappeda)
    expect_status(kominfo_card.locator("h3 .status"), "submitted", "Submitted")
    expect_status(bappeda_card.locator("h3 .status"), "submitted", "Submitted")
    expect(kominfo_card.locator("ul.evidence")).to_contain_text("Perwal 12/2024 tentang SPBE")
    expect(kominfo_card.locator("ul.evidence")).not_to_contain_text("Tangkapan layar")
    expect(bappeda_card.locator("ul.evidence")).to_contain_text("Tangkapan layar portal")
    expect(bappeda_card.locator("ul.evidence")).not_to_contain_text("Perwal")

    adopt = t("Use the proposal of %(opd)s as the answer") % {"opd": kominfo}
    kominfo_card.get_by_role("button", name=adopt).click()
    adopted = t("The proposal of %(opd)s is now the answer.") % {"opd": kominfo}
    expect(notice(page)).to_have_text(adopted)
    expect(page.get_by_test_id("answer-level")).to_have_text("3")
    expect(kominfo_card.locator(".badge-ok")).to_have_text(t("level used for the answer"))
    submit_answer(page)


def submit_answer(page: Page) -> None:
    page.get_by_role("button", name=t("Submit for review")).click()
    expect(notice(page)).to_have_text(t("The answer is submitted for review."))
    expect_status(answer_status(page), "submitted", "Submitted")


def request_revision(page: Page, comment: str) -> None:
    """The asesor opens the answer from the dashboard's to-do list and sends it back."""
    todo = page.locator("ul.todo li", has_text=t("Answers waiting for review:"))
    todo.get_by_role("link", name=FIRST_INDICATOR).click()
    review(page, "revision", comment)
    expect(notice(page)).to_have_text(t("A revision is requested."))
    expect_status(answer_status(page), "revision", "Revision requested")
    expect(page.locator("ol.notes")).to_contain_text(comment)


def revise_answer(page: Page, comment: str, analisis: str) -> None:
    page.reload()
    expect_status(answer_status(page), "revision", "Revision requested")
    expect(page.locator("ol.notes")).to_contain_text(comment)
    page.locator("#id_answer-analisis").fill(analisis)
    page.get_by_role("button", name=t("Save the answer")).click()
    expect(notice(page)).to_have_text(t("The answer is saved."))
    expect(page.locator("#indicator-body")).to_contain_text(analisis)
    submit_answer(page)


def accept_answer(page: Page) -> None:
    page.reload()
    expect_status(answer_status(page), "submitted", "Submitted")
    review(page, "accept")
    expect(notice(page)).to_have_text(t("The answer is accepted."))
    expect_status(answer_status(page), "accepted", "Accepted")
    expect(page.get_by_test_id("reviewer-level")).to_have_text("3")


def lock_period(page: Page, period_url: str) -> None:
    page.goto(period_url)
    page.get_by_role("button", name=t("Lock for submission")).click()
    locked = t("The period is now: %(status)s.") % {"status": t("Locked")}
    expect(page.locator("ul.messages")).to_have_text(locked)
    expect_status(page.locator("h1 .status"), "locked", "Locked")
    expect_status(page.locator("#indicator-table .status").first, "locked", "Locked")


def test_self_assessment_from_opening_to_locked_period(
    log_in,
    settings,
    tmp_path,
    spbe_2020_version,
    koordinator,
    asesor,
    opd_member,
    other_opd_member,
    kominfo,
    bappeda,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    pdf, png = tmp_path / "perwal-spbe.pdf", tmp_path / "tangkapan-layar.png"
    pdf.write_bytes(PDF)
    png.write_bytes(png_pixel())

    koordinator_page = log_in("koordinator")
    period_url = open_period(koordinator_page, spbe_2020_version)
    assign(koordinator_page, 1, kominfo, lead=True)
    row = assign(koordinator_page, 1, bappeda, lead=False)
    expect(row.locator(".chip strong")).to_have_text(kominfo.name)
    expect(row.locator(".chip")).to_have_count(2)

    contribute(
        log_in("staf-kominfo"),
        kominfo,
        level=3,
        fakta="Perwal 12/2024 tentang SPBE, pasal 4, berkas perwal-spbe.pdf.",
        analisis="Kebijakan mengatur seluruh OPD, memenuhi kriteria tingkat 3.",
        upload=("Perwal 12/2024 tentang SPBE", pdf, "kebijakan"),
    )
    contribute(
        log_in("staf-bappeda"),
        bappeda,
        level=2,
        fakta="Tangkapan layar portal perencanaan, tangkapan-layar.png.",
        analisis="Baru berlaku di Bappeda, jadi tingkat 2.",
        upload=("Tangkapan layar portal perencanaan", png, "layanan"),
    )

    koordinator_page.goto(period_url)
    indicator_name = spbe_2020_version.instrument.indicator_by_number[1].name
    table = koordinator_page.locator("#indicator-table")
    table.get_by_role("link", name=indicator_name, exact=True).click()
    take_the_lead_proposal(koordinator_page, kominfo, bappeda)

    asesor_page = log_in("asesor")
    comment = "Sebutkan pasal yang mewajibkan semua OPD."
    request_revision(asesor_page, comment)
    revise_answer(
        koordinator_page,
        comment,
        "Pasal 4 ayat 2 Perwal 12/2024 mewajibkan semua OPD; memenuhi kriteria tingkat 3.",
    )
    accept_answer(asesor_page)
    lock_period(koordinator_page, period_url)

    period = Period.objects.get(instansi=kominfo.instansi)
    levels = {answer.indicator: answer.level for answer in period.answers.exclude(level=None)}
    assert levels == {1: 3}
    expected = format_id(score(period.definition, levels, period.year).index)
    expect(koordinator_page.get_by_test_id("period-index")).to_have_text(expected)
