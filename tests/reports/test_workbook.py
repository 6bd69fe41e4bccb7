"""The period workbook: its layout, and the round trip from workbook to import to workbook."""

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from tera.assessments import actions
from tera.assessments.pages import self_assessed_score
from tera.core.numbers import format_id
from tera.evidence import actions as evidence
from tera.reports.workbooks import layout
from tera.reports.workbooks.importer import import_workbook
from tera.reports.workbooks.reader import WorkbookRejected
from tera.reports.workbooks.writer import GENERATED_AT_CELL, TABLE_HEADER_ROW
from tests.assessments.test_query_counts import LARGE, SMALL, add_data
from tests.permissions.matrix import pdf
from tests.reports.workbook_helpers import (
    answer_of,
    cells,
    cite,
    column_letter,
    differences,
    edit,
    export,
    row_of,
    save,
    stored,
    url_document,
)

pytestmark = pytest.mark.django_db
LEVEL, FAKTA, ANALISIS = layout.LEVEL, layout.FAKTA, layout.ANALISIS
EVIDENCE = layout.EVIDENCE
# The hidden columns that record what a row held when the workbook was made.
BOOKKEEPING = {column_letter(c) for c in (layout.VERSION, layout.FINGERPRINT, layout.CITED)}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english():
    """The labels are checked as written in the code; the Indonesian catalogue may change."""
    with translation.override("en"):
        yield


@pytest.fixture
def documents(period, koordinator, kominfo):
    """Indicator 1 answered with two citations and Diskominfo's proposal; 2 with one."""
    perwali = evidence.add_document(
        period.instansi,
        user=koordinator,
        title="Perwali SPBE",
        number="5/2023",
        issued_on=date(2023, 1, 12),
        category="kebijakan",
        upload=pdf("perwali-spbe.pdf"),
    )
    portal = url_document(period, koordinator, "Portal layanan")
    save(period, 1, koordinator, 2, "Perwali 5/2023 pasal 4\nberlaku 2023", "Memenuhi tingkat 2")
    save(period, 2, koordinator, 3, "SK Tim SPBE", "Memenuhi tingkat 3")
    cite(period, 1, perwali, koordinator)
    cite(period, 1, portal, koordinator)
    cite(period, 2, perwali, koordinator)
    contribution = period.contributions.get(indicator=1, opd=kominfo)
    actions.save_contribution(
        contribution, version=1, level=2, fakta="Dari Diskominfo", analisis="", user=koordinator
    )
    return {"perwali": perwali, "portal": portal}


def worksheet(content):
    return load_workbook(io.BytesIO(content))[layout.WORKSHEET]


def value(content, number, column):
    return worksheet(content)[f"{column_letter(column)}{row_of(content, number)}"].value


def test_the_worksheet_has_one_row_per_indicator_under_its_domain_and_aspect(period):
    sheet = worksheet(export(period))
    keys = [sheet[f"A{row}"].value for row in range(TABLE_HEADER_ROW + 1, sheet.max_row + 1)]
    titles = [sheet[f"C{row}"].value for row in range(TABLE_HEADER_ROW + 1, sheet.max_row + 1)]
    assert [key for key in keys if key] == [i.number for i in period.definition.indicators]
    assert titles[0].startswith("Domain 1. ")
    assert titles[1].startswith("Aspect 1. ")
    assert titles[2] == period.definition.indicator_by_number[1].name


def test_the_titles_follow_the_national_lembar_kerja(period):
    sheet = worksheet(export(period))
    titles = [cell.value for cell in sheet[TABLE_HEADER_ROW]]
    assert titles == [column.title for column in layout.WORKSHEET_COLUMNS]


def test_a_row_holds_the_level_explanation_evidence_status_and_opd(period, documents):
    content = export(period)
    row = {
        column.title: value(content, 1, column)
        for column in layout.WORKSHEET_COLUMNS
        if column is not layout.INDICATOR
    }
    perwali, portal = documents["perwali"], documents["portal"]
    assert row == {
        "Kunci": 1,
        "No.": 1,
        "Tingkat": 2,
        "Penjelasan FAKTA": "Perwali 5/2023 pasal 4\nberlaku 2023",
        "Penjelasan ANALISIS": "Memenuhi tingkat 2",
        "Data dukung": f"[{perwali.pk}] Perwali SPBE · 5/2023 · 12-01-2023 · perwali-spbe.pdf\n"
        f"[{portal.pk}] Portal layanan · {portal.url}",
        "Status": "Draft",
        "Tingkat reviu": None,
        "OPD penanggung jawab": "Diskominfo (lead), Bappeda",
        "Versi": answer_of(period, 1).version,
        "Sidik": layout.fingerprint(
            2, "Perwali 5/2023 pasal 4\nberlaku 2023", "Memenuhi tingkat 2"
        ),
        "Dikutip": f"{perwali.pk},{portal.pk}",
    }


def test_the_header_block_shows_the_period_and_its_provisional_index(period, documents):
    sheet = worksheet(export(period))
    header = {sheet[f"C{row}"].value: sheet[f"D{row}"].value for row in range(2, 9)}
    score = self_assessed_score(period)
    assert header["Instansi"] == "Pemerintah Kota Satu"
    assert header["Instrument"] == f"{period.instrument.name} (spbe-2020 r1)"
    assert header["Provisional index"] == format_id(score.index)
    assert header["Predikat"] == score.predikat


def test_the_level_column_offers_only_the_instrument_levels(period):
    sheet = worksheet(export(period))
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"0,1,2,3,4,5"'
    assert str(validation.sqref) == f"D{TABLE_HEADER_ROW + 1}:D{sheet.max_row}"


def test_the_titles_stay_in_view_and_the_identifiers_are_hidden(period):
    workbook = load_workbook(io.BytesIO(export(period)))
    sheet = workbook[layout.WORKSHEET]
    assert sheet.freeze_panes == f"D{TABLE_HEADER_ROW + 1}"
    hidden = [letter for letter, column in sheet.column_dimensions.items() if column.hidden]
    assert hidden == ["A", "K", "L", "M"]
    meta = workbook[layout.META_SHEET]
    assert meta.sheet_state == "hidden"
    assert {row[0]: row[1] for row in meta.iter_rows(values_only=True)} == {
        "format": "tera-lembar-kerja",
        "format_version": "1",
        "period": str(period.pk),
        "instansi": str(period.instansi_id),
        "instrument": "spbe-2020",
        "revision": "1",
    }


def test_the_opd_sheet_lists_each_contribution_with_its_proposal(period, documents):
    sheet = load_workbook(io.BytesIO(export(period)))[layout.OPD_SHEET]
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    name = period.definition.indicator_by_number[1].name
    assert rows[0] == (
        1,
        name,
        "Dinas Komunikasi dan Informatika",
        "Yes",
        2,
        "Dari Diskominfo",
        None,
        "Draft",
    )
    assert [row[:4] for row in rows[1:]] == [
        (1, name, "Badan Perencanaan Pembangunan Daerah", "No"),
        (
            2,
            period.definition.indicator_by_number[2].name,
            "Badan Perencanaan Pembangunan Daerah",
            "Yes",
        ),
    ]


def test_the_guide_sheet_explains_how_to_fill_in_and_import(period):
    sheet = load_workbook(io.BytesIO(export(period)))[layout.GUIDE_SHEET]
    text = "\n".join(cell.value for cell in sheet["A"] if cell.value)
    assert "Tingkat, Penjelasan FAKTA, Penjelasan ANALISIS and Data dukung" in text
    assert "from 0 to 5" in text


def test_an_unedited_workbook_imports_without_change_and_exports_the_same(
    period, koordinator, documents
):
    first = export(period)
    before = stored(period)
    summary = import_workbook(period, first, user=koordinator)
    assert (summary.answers, summary.cited, summary.uncited) == (0, 0, 0)
    assert stored(period) == before
    again = differences(cells(first), cells(export(period)))
    assert again.keys() <= {(layout.WORKSHEET, GENERATED_AT_CELL)}


def test_an_edited_workbook_comes_back_with_exactly_the_edits(period, koordinator, documents):
    portal = documents["portal"]
    first = export(period)
    kept_citation = value(first, 1, EVIDENCE).splitlines()[0]
    edits = {
        (1, LEVEL): 3,
        (1, FAKTA): "Perwali 5/2023 pasal 4 dan 5",
        (1, EVIDENCE): kept_citation,
        (2, EVIDENCE): value(first, 2, EVIDENCE) + "\nPortal layanan",
        (3, LEVEL): 1,
        (3, ANALISIS): "Baru: tingkat 1",
    }
    summary = import_workbook(period, edit(first, edits), user=koordinator)
    assert (summary.answers, summary.cited, summary.uncited) == (2, 1, 1)
    after = export(period)
    changed = {
        coordinate: values
        for (sheet, coordinate), values in differences(cells(first), cells(after)).items()
        if int(re.sub(r"\D", "", coordinate)) > TABLE_HEADER_ROW
        and re.sub(r"\d", "", coordinate) not in BOOKKEEPING
    }
    expected = {f"{column_letter(column)}{row_of(first, number)}" for number, column in edits}
    assert changed.keys() == expected
    assert value(after, 1, LEVEL) == 3 and value(after, 3, LEVEL) == 1
    assert value(after, 1, FAKTA) == "Perwali 5/2023 pasal 4 dan 5"
    assert value(after, 3, ANALISIS) == "Baru: tingkat 1"
    assert value(after, 1, EVIDENCE) == kept_citation
    assert value(after, 2, EVIDENCE).splitlines()[1].startswith(f"[{portal.pk}] Portal layanan")


def test_the_other_sheets_do_not_change_when_answers_are_edited(period, koordinator, documents):
    first = export(period)
    import_workbook(period, edit(first, {(3, LEVEL): 1}), user=koordinator)
    changed = differences(cells(first), cells(export(period)))
    assert {sheet for sheet, _coordinate in changed} == {layout.WORKSHEET}


FORMULAS = ['=HYPERLINK("http://x.example","klik")', "+62 812 3456", "-1 tingkat", "@SUM(A1)"]


def test_formula_like_text_is_written_as_text_and_never_as_a_formula(period, koordinator):
    save(period, 1, koordinator, 2, FORMULAS[0], FORMULAS[3])
    content = export(period)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    cell = worksheet(content)[f"E{row_of(content, 1)}"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (FORMULAS[0], "s", True)


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_typed_in_the_workbook_is_imported_exactly(period, koordinator, text):
    content = edit(export(period), {(5, FAKTA): text})
    import_workbook(period, content, user=koordinator)
    assert answer_of(period, 5).fakta == text
    assert value(export(period), 5, FAKTA) == text


def test_line_ends_typed_in_a_browser_change_nothing_on_import(period, koordinator):
    save(period, 4, koordinator, 1, "Baris satu\r\nBaris dua", "Analisis\r\n")
    before = stored(period)
    import_workbook(period, export(period), user=koordinator)
    assert stored(period) == before


def test_the_workbook_is_read_in_the_same_number_of_queries_on_more_data(
    period, koordinator, kominfo, django_assert_max_num_queries
):
    add_data(period, koordinator, kominfo, SMALL)
    export(period)  # the instrument is parsed once per process
    with django_assert_max_num_queries(8) as small:
        export(period)
    add_data(period, koordinator, kominfo, LARGE)
    with django_assert_max_num_queries(len(small)):
        content = export(period)
    assert "Dokumen b29" in value(content, 20, EVIDENCE)


def test_a_pemdi_decimal_value_round_trips_through_the_workbook(pemdi_2026_period, koordinator):
    save(pemdi_2026_period, 1, koordinator, level=Decimal("1.26"), fakta="Perbup 7/2026")
    first = export(pemdi_2026_period)
    assert value(first, 1, LEVEL) == 1.26
    summary = import_workbook(
        pemdi_2026_period, edit(first, {(2, LEVEL): 1.5, (3, LEVEL): "2,75"}), user=koordinator
    )
    assert summary.answers == 2
    levels = dict(pemdi_2026_period.answers.values_list("indicator", "level"))
    assert (levels[1], levels[2], levels[3]) == (Decimal("1.26"), Decimal("1.5"), Decimal("2.75"))
    again = export(pemdi_2026_period)
    assert (value(again, 2, LEVEL), value(again, 3, LEVEL)) == (1.5, 2.75)


def test_a_pemdi_value_outside_the_scale_in_the_workbook_changes_nothing(
    pemdi_2026_period, koordinator
):
    first = export(pemdi_2026_period)
    with pytest.raises(WorkbookRejected) as rejected:
        import_workbook(pemdi_2026_period, edit(first, {(1, LEVEL): 5.5}), user=koordinator)
    assert "5,00" in rejected.value.problems[0].message
    assert pemdi_2026_period.answers.get(indicator=1).level is None
