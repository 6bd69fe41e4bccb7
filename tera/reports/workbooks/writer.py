"""Writing a period's workbook in the layout of the national lembar kerja."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from fractions import Fraction
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tera.assessments.models import Answer, Contribution, Period
from tera.core.instrument import Instrument, Scale
from tera.core.numbers import format_id
from tera.core.values import example_value
from tera.reports.workbooks import layout
from tera.reports.workbooks.data import WorkbookData, sections, workbook_data

Progress = Callable[[int, str], None]

TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
GROUP_FILL = PatternFill("solid", fgColor="EDEDED")
EDITABLE_FILL = PatternFill("solid", fgColor="FFF8DC")
TOP = Alignment(vertical="top")
TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)
# The header block: a title on row 1, seven lines, an empty row, then the table's titles. The
# "generated at" line is the one cell that differs between two exports of the same data.
GENERATED_AT_CELL = "D5"
TABLE_HEADER_ROW = 10


def build_workbook(period: Period, progress: Progress | None = None) -> bytes:
    report = progress or (lambda _percent, _message: None)
    data = workbook_data(period)
    report(10, _("Data read; writing the worksheet."))
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = layout.WORKSHEET
    _write_header(sheet, data, timezone.now())
    _write_table(sheet, data, report)
    _write_contributions(workbook.create_sheet(layout.OPD_SHEET), data)
    _write_guide(workbook.create_sheet(layout.GUIDE_SHEET), data)
    _write_meta(workbook.create_sheet(layout.META_SHEET), period)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def workbook_name(period: Period) -> str:
    return f"lembar-kerja-{period.instansi.slug}-{period.year}-{period.pk}.xlsx"


def _write_header(sheet: Worksheet, data: WorkbookData, generated_at: datetime) -> None:
    period, score = data.period, data.score
    version = period.instrument
    index_label = _("Provisional index") if score.provisional else _("Self-assessed index")
    rows = [
        (_("Instansi"), period.instansi.name),
        (_("Period"), period.name),
        (_("Instrument"), f"{version.name} ({version.code} r{version.revision})"),
        (_("Generated at"), f"{timezone.localtime(generated_at):%d-%m-%Y %H:%M} WIB"),
        (index_label, "–" if score.index is None else format_id(score.index)),
        (_("Predikat"), score.predikat or "–"),
        (_("Coverage"), _percent(score.coverage)),
    ]
    sheet.cell(1, 2, _("SPBE evaluation worksheet")).font = TITLE_FONT
    for row, (label, value) in enumerate(rows, start=2):
        sheet.cell(row, 3, label).font = BOLD
        layout.put_text(sheet.cell(row, 4), value)


def _percent(share: Fraction) -> str:
    return f"{format_id(share * 100, 0)}%"


def _write_table(sheet: Worksheet, data: WorkbookData, report: Progress) -> None:
    header_row = TABLE_HEADER_ROW
    _write_titles(sheet, header_row, layout.WORKSHEET_COLUMNS)
    row = header_row + 1
    first_data_row = row
    groups = sections(data.definition)
    current_domain = None
    for done, (domain, aspect) in enumerate(groups):
        if domain is not None and domain is not current_domain:
            current_domain = domain
            row = _group_row(sheet, row, _("Domain %(number)s. %(name)s") % _names(domain))
        row = _group_row(sheet, row, _("Aspect %(number)s. %(name)s") % _names(aspect))
        for indicator in aspect.indicators:
            answer = data.answers[indicator.number]
            _answer_row(sheet, row, data, answer, indicator.name)
            row += 1
        report(
            10 + 80 * (done + 1) // len(groups), _("Aspect %(number)s written.") % _names(aspect)
        )
    _level_validation(sheet, data, first_data_row, row - 1)
    sheet.freeze_panes = sheet.cell(
        header_row + 1, layout.WORKSHEET_COLUMNS.index(layout.LEVEL) + 1
    )


def _names(node: Any) -> dict[str, Any]:
    return {"number": node.number, "name": node.name}


def _write_titles(sheet: Worksheet, row: int, columns: tuple[layout.Column, ...]) -> None:
    for position, column in enumerate(columns, start=1):
        cell = sheet.cell(row, position, column.title)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, TOP_WRAPPED
        dimension = sheet.column_dimensions[get_column_letter(position)]
        dimension.width = column.width
        dimension.hidden = column.hidden


def _group_row(sheet: Worksheet, row: int, title: str) -> int:
    for position in range(1, len(layout.WORKSHEET_COLUMNS) + 1):
        sheet.cell(row, position).fill = GROUP_FILL
    title_cell = sheet.cell(row, layout.WORKSHEET_COLUMNS.index(layout.INDICATOR) + 1)
    layout.put_text(title_cell, title)
    title_cell.font = BOLD
    return row + 1


def _answer_row(
    sheet: Worksheet, row: int, data: WorkbookData, answer: Answer, indicator_name: str
) -> None:
    citations = data.citations.get(answer.indicator, [])
    values: dict[layout.Column, Any] = {
        layout.KEY: answer.indicator,
        layout.NUMBER: answer.indicator,
        layout.INDICATOR: indicator_name,
        layout.LEVEL: answer.level,
        layout.FAKTA: answer.fakta,
        layout.ANALISIS: answer.analisis,
        layout.EVIDENCE: "\n".join(citation.line for citation in citations),
        layout.STATUS: str(answer.get_status_display()),
        layout.REVIEWER_LEVEL: answer.reviewer_level,
        layout.OPD: _responsible(data.contributions.get(answer.indicator, [])),
        layout.VERSION: answer.version,
        layout.FINGERPRINT: layout.fingerprint(answer.level, answer.fakta, answer.analisis),
        layout.CITED: layout.id_list(citation.document_id for citation in citations),
    }
    for position, column in enumerate(layout.WORKSHEET_COLUMNS, start=1):
        _put(sheet, row, position, column, values[column])


def _put(sheet: Worksheet, row: int, position: int, column: layout.Column, value: Any) -> None:
    cell = sheet.cell(row, position)
    if isinstance(value, str):
        layout.put_text(cell, value)
    else:
        cell.value = value
    cell.alignment = TOP_WRAPPED if column.wrap else TOP
    if column.editable:
        cell.fill = EDITABLE_FILL


def _responsible(contributions: list[Contribution]) -> str:
    """The lead OPD first (contributions come ordered lead first), then the others."""
    names = [
        _("%(opd)s (lead)") % {"opd": c.opd} if c.is_lead else str(c.opd) for c in contributions
    ]
    return ", ".join(names)


def _answer_scale(definition: Instrument) -> Scale:
    """The scale of the Tingkat column: the decimal one where the instrument has one."""
    return max(definition.scales, key=lambda scale: (scale.is_decimal, scale.highest))


def _level_validation(sheet: Worksheet, data: WorkbookData, first: int, last: int) -> None:
    scale = _answer_scale(data.definition)
    if scale.is_decimal:
        validation = DataValidation(
            type="decimal",
            operator="between",
            formula1=str(scale.lowest),
            formula2=str(scale.highest),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Value not allowed"),
            error=_("Write a number from %(low)s to %(high)s, or leave the cell empty.")
            % {"low": scale.display(scale.lowest), "high": scale.display(scale.highest)},
        )
    else:
        levels = scale.whole_values()
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(str(level) for level in levels) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Level not allowed"),
            error=_("Choose a whole number from %(low)s to %(high)s, or leave the cell empty.")
            % {"low": levels.start, "high": levels.stop - 1},
        )
    column = get_column_letter(layout.WORKSHEET_COLUMNS.index(layout.LEVEL) + 1)
    validation.add(f"{column}{first}:{column}{last}")
    sheet.add_data_validation(validation)


def _write_contributions(sheet: Worksheet, data: WorkbookData) -> None:
    _write_titles(sheet, 1, layout.OPD_COLUMNS)
    sheet.freeze_panes = "A2"
    row = 2
    for indicator in data.definition.indicators:
        for contribution in data.contributions.get(indicator.number, []):
            values = (
                indicator.number,
                indicator.name,
                contribution.opd.name,
                _("Yes") if contribution.is_lead else _("No"),
                contribution.level,
                contribution.fakta,
                contribution.analisis,
                str(contribution.get_status_display()),
            )
            for position, (column, value) in enumerate(
                zip(layout.OPD_COLUMNS, values, strict=True), start=1
            ):
                _put(sheet, row, position, column, value)
            row += 1


def _write_guide(sheet: Worksheet, data: WorkbookData) -> None:
    sheet.column_dimensions["A"].width = 110
    for row, text in enumerate(_guide_lines(_answer_scale(data.definition)), start=1):
        cell = sheet.cell(row, 1)
        layout.put_text(cell, text)
        cell.alignment = TOP_WRAPPED
    sheet.cell(1, 1).font = TITLE_FONT


def _level_guide(scale: Scale) -> str:
    if scale.is_decimal:
        return _(
            "2. Tingkat: a number from %(low)s to %(high)s with at most %(places)s decimals "
            "(for example %(example)s), or empty when not yet assessed."
        ) % {
            "low": scale.display(scale.lowest),
            "high": scale.display(scale.highest),
            "places": scale.places,
            "example": scale.display(example_value(scale)),
        }
    return _(
        "2. Tingkat: a whole number from %(low)s to %(high)s, or empty when not yet assessed."
    ) % {"low": int(scale.lowest), "high": scale.highest}


def _guide_lines(scale: Scale) -> list[str]:
    return [
        _("How to fill in and import this workbook"),
        _(
            "1. Fill in only the columns Tingkat, Penjelasan FAKTA, Penjelasan ANALISIS and Data "
            "dukung of the sheet Lembar Kerja (the shaded cells). The other columns and the sheet "
            "OPD are there to read: changes to them are not imported."
        ),
        _level_guide(scale),
        _(
            "3. Data dukung: one document per line. The number in square brackets at the start "
            "of a line, such as [12], names the document in the evidence bank; keep it. To cite "
            "another document, add a line with its number in square brackets or its exact title "
            "from the evidence bank. Removing a line removes that citation."
        ),
        _(
            "4. Do not change the hidden columns Kunci and Versi nor the hidden sheet _tera: they "
            "tell Tera which period, instrument and indicator each row belongs to."
        ),
        _(
            "5. Only answers in draft or sent back for revision can change. Leave the rows of "
            "submitted, accepted or locked answers as they are."
        ),
        _(
            "6. To import, open the period in Tera, choose Import workbook and upload this file. "
            "Every row is checked first: if any row has a problem, nothing changes and each "
            "problem is listed with its sheet, row and column."
        ),
        _(
            "7. If someone changed an indicator in Tera after this workbook was made, that row is "
            "refused rather than overwritten: download the workbook again and copy your changes."
        ),
    ]


def _write_meta(sheet: Worksheet, period: Period) -> None:
    """What the importer checks before reading a row: this period, this instrument."""
    version = period.instrument
    rows = [
        ("format", layout.FORMAT),
        ("format_version", layout.FORMAT_VERSION),
        ("period", str(period.pk)),
        ("instansi", str(period.instansi_id)),
        ("instrument", version.code),
        ("revision", str(version.revision)),
    ]
    for row, (key, value) in enumerate(rows, start=1):
        sheet.cell(row, 1, key)
        layout.put_text(sheet.cell(row, 2), value)
    sheet.sheet_state = "hidden"
