"""Importing a workbook: every problem named by sheet, row and column, and nothing changed."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from openpyxl import load_workbook

from tera.assessments import actions
from tera.assessments.periods import lock_period
from tera.audit.models import AuditEntry
from tera.errors import ActionRefused
from tera.reports.workbooks import layout
from tera.reports.workbooks.importer import check_workbook, import_workbook
from tera.reports.workbooks.reader import WorkbookRejected
from tera.reports.workbooks.writer import TABLE_HEADER_ROW
from tests.reports.workbook_helpers import (
    answer_of,
    cite,
    column_letter,
    edit,
    export,
    row_of,
    save,
    stored,
    url_document,
)

pytestmark = pytest.mark.django_db
LEVEL, FAKTA, EVIDENCE, KEY = layout.LEVEL, layout.FAKTA, layout.EVIDENCE, layout.KEY


@pytest.fixture(autouse=True)
def english():
    """Messages are checked as written in the code; the Indonesian catalogue may change."""
    with translation.override("en"):
        yield


def problems_of(period, content, user):
    with pytest.raises(WorkbookRejected) as rejected:
        import_workbook(period, content, user=user)
    return rejected.value.problems


def where(problem):
    return (problem.sheet, problem.row, problem.column)


def submit_and_accept(period, number, user):
    answer = save(period, number, user, 2, "Perwali", "Memenuhi tingkat 2")
    answer = actions.submit_answer(answer, version=answer.version, user=user)
    return actions.accept_answer(
        answer, version=answer.version, reviewer_level=None, comment="", user=user
    )


def with_extra_row(content, values):
    """The workbook with one more row at the end of the worksheet: {column: value}."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[layout.WORKSHEET]
    row = sheet.max_row + 1
    for column, value in values.items():
        sheet[f"{column_letter(column)}{row}"] = value
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue(), row


def test_a_malformed_workbook_is_refused_row_by_row_and_changes_nothing(
    settings, tmp_path, period, koordinator
):
    settings.MEDIA_ROOT = tmp_path
    submit_and_accept(period, 6, koordinator)
    first = export(period)
    content = edit(
        first,
        {
            (1, LEVEL): 9,
            (2, LEVEL): "tiga",
            (3, EVIDENCE): "[99999] Perda yang tidak ada",
            (4, EVIDENCE): "Dokumen tanpa nomor",
            (5, KEY): 480,
            (6, FAKTA): "Diubah setelah diterima",
            (7, FAKTA): "Sah: tidak ada masalah di baris ini",
        },
        as_text=False,
    )
    content, extra = with_extra_row(content, {KEY: 8, LEVEL: 1})
    before = stored(period)
    problems = problems_of(period, content, koordinator)
    sheet = layout.WORKSHEET
    assert [where(problem) for problem in problems] == [
        (sheet, row_of(first, 1), "D (Tingkat)"),
        (sheet, row_of(first, 2), "D (Tingkat)"),
        (sheet, row_of(first, 3), "G (Data dukung)"),
        (sheet, row_of(first, 4), "G (Data dukung)"),
        (sheet, row_of(first, 5), "A (Kunci)"),
        (sheet, row_of(first, 6), "E (Penjelasan FAKTA)"),
        (sheet, extra, "A (Kunci)"),
    ]
    assert "Level “9” is not allowed" in problems[0].message
    assert "Level “tiga” is not allowed" in problems[1].message
    assert "Document [99999] is not in the evidence bank" in problems[2].message
    assert "No document titled “Dokumen tanpa nomor”" in problems[3].message
    assert "Indicator “480” is not in the instrument" in problems[4].message
    assert "The answer to indicator 6 is accepted" in problems[5].message
    assert f"Indicator 8 is on row {row_of(first, 8)} already" in problems[6].message
    assert stored(period) == before


def test_each_problem_reads_with_its_sheet_row_and_column(period, koordinator):
    first = export(period)
    (problem,) = problems_of(period, edit(first, {(1, LEVEL): 7}), koordinator)
    assert str(problem).startswith(
        f"Sheet Lembar Kerja, row {row_of(first, 1)}, column D (Tingkat): Level “7”"
    )


def test_a_missing_required_column_is_named_with_the_title_row(period, koordinator):
    workbook = load_workbook(io.BytesIO(export(period)))
    workbook[layout.WORKSHEET][f"{column_letter(FAKTA)}{TABLE_HEADER_ROW}"] = "Keterangan"
    output = io.BytesIO()
    workbook.save(output)
    (problem,) = problems_of(period, output.getvalue(), koordinator)
    assert where(problem) == (layout.WORKSHEET, TABLE_HEADER_ROW, "")
    assert problem.message == "The required column “Penjelasan FAKTA” is missing."


def test_a_row_typed_under_the_table_without_an_indicator_is_refused(period, koordinator):
    content, row = with_extra_row(export(period), {LEVEL: 3})
    (problem,) = problems_of(period, content, koordinator)
    assert where(problem) == (layout.WORKSHEET, row, "B (No.)")
    assert problem.message == "This row names no indicator; rows cannot be added."


def test_the_workbook_of_another_period_is_refused(period, other_period, koordinator, outsider):
    (problem,) = problems_of(period, export(other_period), koordinator)
    assert problem.sheet == layout.META_SHEET
    assert problem.message.startswith("This workbook belongs to another period.")


def test_a_workbook_of_another_instrument_revision_is_refused(period, koordinator):
    workbook = load_workbook(io.BytesIO(export(period)))
    workbook[layout.META_SHEET]["B6"] = "2"
    output = io.BytesIO()
    workbook.save(output)
    (problem,) = problems_of(period, output.getvalue(), koordinator)
    assert problem.message == (
        "This workbook was made for the instrument spbe-2020 r2; this period uses spbe-2020 r1."
    )


def test_a_file_that_is_not_a_tera_workbook_is_refused(period, koordinator):
    workbook = load_workbook(io.BytesIO(export(period)))
    del workbook[layout.META_SHEET]
    output = io.BytesIO()
    workbook.save(output)
    (problem,) = problems_of(period, output.getvalue(), koordinator)
    assert problem.message.startswith("This is not a Tera period workbook: the sheet _tera")


def test_a_file_that_is_not_excel_at_all_is_refused(period, koordinator):
    (problem,) = problems_of(period, b"indikator,tingkat\n1,3\n", koordinator)
    assert problem.message.startswith("This is not a valid Excel workbook (.xlsx).")


def test_a_locked_period_refuses_any_import(period, koordinator):
    content = export(period)
    submit_and_accept(period, 1, koordinator)
    lock_period(period, user=koordinator)
    with pytest.raises(ActionRefused, match="This period is locked"):
        import_workbook(period, content, user=koordinator)


@pytest.mark.parametrize("persona", ["asesor", "pimpinan", "opd_member"])
def test_only_the_koordinator_imports(request, period, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        check_workbook(period, export(period), user=user)


def test_a_row_changed_in_tera_since_the_export_is_refused_not_overwritten(
    period, koordinator, asesor
):
    first = export(period)
    save(period, 1, asesor, 4, "Ditulis asesor", "")
    (problem,) = problems_of(period, edit(first, {(1, LEVEL): 2}), koordinator)
    assert where(problem) == (layout.WORKSHEET, row_of(first, 1), "D (Tingkat)")
    assert "Indicator 1 was changed in Tera after this workbook was made" in problem.message
    assert answer_of(period, 1).level == 4


def test_a_row_left_as_it_was_keeps_what_others_saved_since_the_export(period, koordinator, asesor):
    first = export(period)
    save(period, 1, asesor, 4, "Ditulis asesor", "")
    import_workbook(period, edit(first, {(2, LEVEL): 1}), user=koordinator)
    assert (answer_of(period, 1).level, answer_of(period, 2).level) == (4, 1)


def test_a_citation_added_in_tera_since_the_export_stays_when_the_row_cites_more(
    period, koordinator, asesor
):
    first = export(period)
    theirs = url_document(period, asesor, "Laporan asesor")
    mine = url_document(period, koordinator, "Perwali baru")
    cite(period, 1, theirs, asesor)
    import_workbook(period, edit(first, {(1, EVIDENCE): f"[{mine.pk}]"}), user=koordinator)
    cited = answer_of(period, 1).evidence_links.values_list("document", flat=True)
    assert sorted(cited) == sorted([theirs.pk, mine.pk])


def test_a_document_of_another_instansi_cannot_be_cited(
    settings, tmp_path, period, other_period, koordinator, outsider
):
    settings.MEDIA_ROOT = tmp_path
    theirs = url_document(other_period, outsider, "Perda Kota Dua")
    content = edit(export(period), {(1, EVIDENCE): f"[{theirs.pk}] Perda Kota Dua"})
    (problem,) = problems_of(period, content, koordinator)
    assert problem.message == (
        f"Document [{theirs.pk}] is not in the evidence bank of Pemerintah Kota Satu."
    )


def test_a_citation_by_exact_title_cites_that_document(period, koordinator):
    document = url_document(period, koordinator, "Renstra Diskominfo 2021-2026")
    content = edit(export(period), {(3, EVIDENCE): "  renstra diskominfo   2021-2026 "})
    import_workbook(period, content, user=koordinator)
    assert list(answer_of(period, 3).evidence_links.values_list("document", flat=True)) == [
        document.pk
    ]


def test_a_title_shared_by_two_documents_asks_for_the_number(period, koordinator):
    url_document(period, koordinator, "Laporan reviu")
    url_document(period, koordinator, "Laporan reviu ")
    content = edit(export(period), {(3, EVIDENCE): "Laporan reviu"})
    (problem,) = problems_of(period, content, koordinator)
    assert "Several documents are titled “Laporan reviu”" in problem.message


def test_a_removed_line_uncites_its_document_through_the_evidence_actions(
    period, koordinator, kominfo
):
    kept = url_document(period, koordinator, "SOP layanan")
    dropped = url_document(period, koordinator, "SOP lama")
    cite(period, 1, kept, koordinator)
    cite(period, 1, dropped, koordinator, period.contributions.get(indicator=1, opd=kominfo))
    first = export(period)
    kept_line = f"[{kept.pk}] SOP layanan"
    summary = import_workbook(period, edit(first, {(1, EVIDENCE): kept_line}), user=koordinator)
    assert (summary.cited, summary.uncited) == (0, 1)
    assert list(answer_of(period, 1).evidence_links.values_list("document", flat=True)) == [kept.pk]


def test_every_change_is_in_the_audit_log_and_an_unchanged_row_is_not(period, koordinator):
    first = export(period)
    count = AuditEntry.objects.count()
    import_workbook(period, edit(first, {(2, LEVEL): 3, (2, FAKTA): "SK baru"}), user=koordinator)
    entries = list(AuditEntry.objects.order_by("pk")[count:])
    assert [(entry.action, entry.indicator) for entry in entries] == [("answer.save", 2)]
    assert entries[0].after["level"] == 3 and entries[0].after["fakta"] == "SK baru"
