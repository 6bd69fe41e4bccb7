"""The provincial comparison as an Excel workbook: one sheet with the page's rows, numbers as
numbers."""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from tera.core.numbers import exact_decimal, format_id
from tera.reports.comparison import Row
from tera.reports.workbooks.layout import put_text

NUMBER_FORMAT = "0.00"
SIGNED_FORMAT = "+0.00;-0.00;0.00"
HEADER_ROW = 3
WIDTHS = {"A": 44, "B": 12, "L": 14, "M": 60}


def workbook_name(context: dict[str, Any]) -> str:
    return f"perbandingan-{context['province_slug']}-{context['year']}.xlsx"


def build_comparison_workbook(context: dict[str, Any]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(context["year"])
    title = _("SPBE results of the province of %(province)s, %(year)s") % {
        "province": context["province"],
        "year": context["year"],
    }
    put_text(sheet.cell(1, 1), title)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    for column, heading in enumerate(_headings(), start=1):
        put_text(sheet.cell(HEADER_ROW, column), heading)
        sheet.cell(HEADER_ROW, column).font = Font(bold=True)
    for offset, row in enumerate(context["rows"], start=1):
        _write_row(sheet, HEADER_ROW + offset, row)
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _headings() -> list[str]:
    return [
        _("Instansi"),
        _("Type"),
        _("Index"),
        _("Predikat"),
        _("Policy"),
        _("Governance"),
        _("Management"),
        _("Services"),
        _("Change since the year before"),
        _("Gap to the province"),
        _("Rank"),
        _("Source"),
        _("Note"),
    ]


def _write_row(sheet: Worksheet, number: int, row: Row) -> None:
    put_text(sheet.cell(number, 1), row.instansi.name)
    put_text(sheet.cell(number, 2), str(row.instansi.get_kind_display()))
    figures = row.figures
    if figures is None:
        put_text(sheet.cell(number, 13), _("No result this year"))
        return
    put_number(sheet.cell(number, 3), figures.index)
    put_text(sheet.cell(number, 4), figures.predikat)
    for column, value in enumerate(figures.domains, start=5):
        put_number(sheet.cell(number, column), value)
    put_number(sheet.cell(number, 9), row.change, SIGNED_FORMAT)
    put_number(sheet.cell(number, 10), row.gap, SIGNED_FORMAT)
    if row.rank is not None:
        sheet.cell(number, 11, row.rank)
    source = _("Official registry") if figures.from_registry else _("Published in Tera")
    put_text(sheet.cell(number, 12), source)
    put_text(sheet.cell(number, 13), _note(row))


def put_number(
    cell: Cell, value: Decimal | Fraction | None, number_format: str = NUMBER_FORMAT
) -> None:
    """Exact where the value terminates; a registry figure stays as published (4.13)."""
    if value is None:
        return
    cell.value = exact_decimal(value)
    cell.number_format = number_format


def _note(row: Row) -> str:
    assert row.result is not None
    notes = []
    if row.result.official.problems:
        notes.append(
            _("Flagged: %(problems)s") % {"problems": "; ".join(row.result.official.problems)}
        )
    tera = row.result.tera
    if tera is not None:
        notes.append(
            _("Also published in Tera: %(index)s %(predikat)s")
            % {"index": format_id(tera.index), "predikat": tera.predikat}
        )
    return " · ".join(notes)
