"""A visitor opens the comparison of Gorontalo 2024, checks it against the official figures, and
downloads it as a PDF and as a workbook, in real Chromium."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tera.core.numbers import format_id
from tera.registry.importer import import_results
from tera.registry.models import OfficialResult

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def official_gorontalo_2024():
    return list(
        OfficialResult.objects.filter(year=2024, instansi__province="Gorontalo").select_related(
            "instansi"
        )
    )


def test_a_visitor_compares_gorontalo_2024_and_downloads_it(context, tmp_path):
    import_results()
    official = official_gorontalo_2024()
    assert len(official) == 7  # the province and its six kab/kota, as KemenPANRB published

    page = context.new_page()
    page.goto("/provinsi/Gorontalo/?year=2024")
    rows = page.get_by_test_id("comparison-rows")
    for result in official:
        row = rows.locator(f'tr[data-instansi="{result.instansi.slug}"]')
        expect(row).to_contain_text(result.instansi.name)
        expect(row).to_contain_text(format_id(result.index))
        expect(row).to_contain_text(result.predikat)
        for value in result.domain_values:
            expect(row).to_contain_text(format_id(value))

    with page.expect_download() as pdf_download:
        page.get_by_test_id("comparison-pdf").click()
    pdf_path = tmp_path / "perbandingan.pdf"
    pdf_download.value.save_as(pdf_path)
    text = " ".join(pdf_page.extract_text() for pdf_page in PdfReader(pdf_path).pages)
    for result in official:
        assert format_id(result.index) in text
    assert "Pemerintah Provinsi Gorontalo" in " ".join(text.split())

    with page.expect_download() as workbook_download:
        page.get_by_test_id("comparison-workbook").click()
    workbook_path = tmp_path / "perbandingan.xlsx"
    workbook_download.value.save_as(workbook_path)
    sheet = load_workbook(io.BytesIO(workbook_path.read_bytes())).active
    indices = {
        row[0]: Decimal(str(row[2]))
        for row in sheet.iter_rows(min_row=4, values_only=True)
        if row[0] and row[2] is not None
    }
    assert indices == {result.instansi.name: result.index for result in official}
