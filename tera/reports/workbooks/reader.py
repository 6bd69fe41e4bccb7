"""Reading a period workbook back: its hidden identifiers and the rows of the worksheet.

Only the file's shape is checked here; whether the rows fit the period is the importer's work.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from tera.core.sheets import MAX_UNPACKED_BYTES, UNREADABLE_XLSX, unpacked_size
from tera.errors import ActionRefused
from tera.reports.workbooks import layout

# A period has at most a few hundred rows; more means the wrong file, and reading stops there.
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 30
UNREADABLE = (InvalidFileException, *UNREADABLE_XLSX)


@dataclass(frozen=True)
class Problem:
    """One reason the workbook was refused, with where it is; row None means the whole sheet."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = {"sheet": self.sheet, "row": self.row, "column": self.column}
        if self.column:
            place = _("Sheet %(sheet)s, row %(row)s, column %(column)s") % where
        elif self.row is not None:
            place = _("Sheet %(sheet)s, row %(row)s") % where
        elif self.sheet:
            place = _("Sheet %(sheet)s") % where
        else:
            return self.message
        return f"{place}: {self.message}"


class WorkbookRejected(ActionRefused):
    """The workbook has problems; every one says where it is, and nothing was changed."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            _(
                "The workbook was not imported and nothing changed. Fix these problems and "
                "upload it again."
            )
        )
        self.problems = problems


@dataclass(frozen=True)
class Row:
    """One row of the worksheet below its titles: the raw cell of each column found."""

    number: int
    cells: dict[layout.Column, Any]

    def text(self, column: layout.Column) -> str:
        return cell_text(self.cells.get(column))

    def is_empty(self) -> bool:
        return not any(self.text(column) for column in self.cells)


@dataclass(frozen=True)
class ParsedWorkbook:
    meta: dict[str, str]
    positions: dict[layout.Column, int]
    rows: list[Row]

    def column_name(self, column: layout.Column) -> str:
        """'D (Tingkat)': the letter the user sees, with the title."""
        letter = get_column_letter(self.positions[column]) if column in self.positions else "?"
        return f"{letter} ({column.title})"


def read_workbook(content: bytes) -> ParsedWorkbook:
    size = unpacked_size(io.BytesIO(content))
    if size is not None and size > MAX_UNPACKED_BYTES:
        raise WorkbookRejected(
            [
                Problem(
                    _("The workbook unpacks to more than %(limit)s MB; a period's is far smaller.")
                    % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)}
                )
            ]
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except UNREADABLE:
        raise WorkbookRejected([Problem(_unreadable())]) from None
    try:
        return _parse(workbook)
    except UNREADABLE:  # a damaged part found only while reading the rows
        raise WorkbookRejected([Problem(_unreadable())]) from None
    finally:
        workbook.close()


def _unreadable() -> str:
    return _("This is not a valid Excel workbook (.xlsx). Upload the file as Excel saved it.")


def _parse(workbook: Workbook) -> ParsedWorkbook:
    missing = [name for name in (layout.META_SHEET, layout.WORKSHEET) if name not in workbook]
    if missing:
        raise WorkbookRejected(
            [
                Problem(
                    _(
                        "This is not a Tera period workbook: the sheet %(sheet)s is missing. "
                        "Download the workbook from the period's page and fill that one in."
                    )
                    % {"sheet": name}
                )
                for name in missing
            ]
        )
    meta = {
        cell_text(key): cell_text(value)
        for key, value, *_rest in _rows(workbook[layout.META_SHEET], columns=2)
        if key is not None
    }
    rows = _rows(workbook[layout.WORKSHEET])
    header_number, positions = _find_titles(rows)
    problems = _missing_titles(header_number, positions)
    if problems:
        raise WorkbookRejected(problems)
    data_rows = []
    for number, values in enumerate(rows, start=header_number + 1):
        if number - header_number > MAX_ROWS:
            raise WorkbookRejected(
                [
                    Problem(
                        _("The sheet has more than %(count)s rows.") % {"count": MAX_ROWS},
                        layout.WORKSHEET,
                    )
                ]
            )
        cells = {column: _at(values, position) for column, position in positions.items()}
        data_rows.append(Row(number, cells))
    return ParsedWorkbook(meta, positions, [row for row in data_rows if not row.is_empty()])


def _rows(sheet: Any, columns: int | None = None) -> Iterator[tuple[Any, ...]]:
    for values in sheet.iter_rows(values_only=True, max_col=columns):
        yield tuple(values) + (None,) * ((columns or 0) - len(values))


def _at(values: tuple[Any, ...], position: int) -> Any:
    return values[position - 1] if position <= len(values) else None


def _find_titles(rows: Iterator[tuple[Any, ...]]) -> tuple[int, dict[layout.Column, int]]:
    """The first row naming at least two of the worksheet's columns is its title row."""
    known = {_title_key(column.title): column for column in layout.WORKSHEET_COLUMNS}
    for number, values in enumerate(rows, start=1):
        if number > HEADER_SEARCH_ROWS:
            break
        positions: dict[layout.Column, int] = {}
        for position, value in enumerate(values, start=1):
            column = known.get(_title_key(cell_text(value)))
            if column is not None and column not in positions:
                positions[column] = position
        if len(positions) >= 2:
            return number, positions
    return 0, {}


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _missing_titles(header_number: int, positions: dict[layout.Column, int]) -> list[Problem]:
    if not positions:
        return [
            Problem(
                _(
                    "No row names the columns Tingkat, Penjelasan FAKTA, Penjelasan ANALISIS "
                    "and Data dukung."
                ),
                layout.WORKSHEET,
            )
        ]
    required = [column for column in layout.REQUIRED_COLUMNS if column not in positions]
    if layout.KEY not in positions and layout.NUMBER not in positions:
        required.insert(0, layout.NUMBER)
    return [
        Problem(
            _("The required column “%(title)s” is missing.") % {"title": column.title},
            layout.WORKSHEET,
            header_number,
        )
        for column in required
    ]


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: 3.0 is '3', an empty cell ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def whole_number(value: Any) -> int | None:
    """3, 3.0 and ' 3 ' are 3; anything else (3.5, 'tiga', True) is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = Decimal(cell_text(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value() or abs(number) > 10**9:
        return None
    return int(number)
