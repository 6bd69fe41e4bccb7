"""The national view as an Excel workbook: every public instansi of a year, as filtered."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from tera.reports.comparison_workbook import put_number
from tera.reports.national import NationalRow
from tera.reports.workbooks.layout import put_text

WIDTHS = {"A": 48, "B": 14, "C": 26, "J": 18}


def workbook_name(year: int) -> str:
    return f"hasil-nasional-{year}.xlsx"


def national_workbook(year: int, rows: list[NationalRow]) -> bytes:
    """Written row by row in write-only mode: the whole country takes well under a second."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(year))
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "B4"
    title = _("SPBE results of every instansi, %(year)s") % {"year": year}
    sheet.append([_text(sheet, title, bold=True)])
    sheet.append([])
    sheet.append([_text(sheet, heading, bold=True) for heading in _headings()])
    for row in rows:
        sheet.append(_cells(sheet, row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _headings() -> list[str]:
    return [
        _("Instansi"),
        _("Type"),
        _("Province"),
        _("Index"),
        _("Predikat"),
        _("Policy"),
        _("Governance"),
        _("Management"),
        _("Services"),
        _("Source"),
    ]


def _cells(sheet: WriteOnlyWorksheet, row: NationalRow) -> list[WriteOnlyCell]:
    instansi, figures = row.instansi, row.figures
    source = _("Official registry") if figures.from_registry else _("Published in Tera")
    return [
        _text(sheet, instansi.name),
        _text(sheet, str(instansi.get_kind_display())),
        _text(sheet, instansi.province),
        _number(sheet, figures.index),
        _text(sheet, figures.predikat),
        *(_number(sheet, value) for value in figures.domains),
        _text(sheet, source),
    ]


def _number(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    put_number(cell, value)  # type: ignore[arg-type]
    return cell


def _text(sheet: WriteOnlyWorksheet, text: str, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    put_text(cell, text)
    if bold:
        cell.font = Font(bold=True)
    return cell
