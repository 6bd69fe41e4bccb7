"""Reading answer and cost sheets (CSV or XLSX) into plain dictionaries, row by row."""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook

from tera.core.instrument import Instrument
from tera.core.scoring import allowed_levels

HEADER_ALIASES = {
    "indicator": {"indicator", "indikator", "no", "nomor", "no_indikator"},
    "level": {"level", "tingkat", "nilai", "tingkat_kematangan"},
    "cost": {"cost", "biaya", "upaya"},
    "to_level": {"to_level", "ke_tingkat", "tingkat_tujuan"},
}
MAX_ROWS = 10_000


class SheetError(ValueError):
    """Every problem found in a sheet, each naming its row."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number as the user sees it, {canonical column: text}) for each data row."""
    raw_rows = _raw_rows(path)
    header_row = next(raw_rows, None)
    if header_row is None:
        raise SheetError(path.name, ["berkas kosong"])
    columns = [_canonical(cell) for cell in header_row]
    for number, row in enumerate(raw_rows, start=2):
        if number > MAX_ROWS:
            raise SheetError(path.name, [f"lebih dari {MAX_ROWS} baris"])
        values = {col: _text(cell) for col, cell in zip(columns, row, strict=False) if col}
        if any(values.values()):
            yield number, values


def _raw_rows(path: Path) -> Iterator[list[object]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    if suffix == ".csv":
        return _csv_rows(path)
    raise SheetError(path.name, ["format tidak didukung; gunakan berkas .csv atau .xlsx"])


def _csv_rows(path: Path) -> Iterator[list[object]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(path.name, ["berkas CSV harus berenkode UTF-8"]) from None
    except OSError as exc:
        raise SheetError(path.name, [f"berkas tidak dapat dibaca ({exc.strerror})"]) from None
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_rows(path: Path) -> Iterator[list[object]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise SheetError(path.name, ["bukan berkas Excel (.xlsx) yang valid"]) from None
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def _canonical(cell: object) -> str:
    name = _text(cell).lower().replace(" ", "_")
    for canonical, aliases in HEADER_ALIASES.items():
        if name in aliases:
            return canonical
    return ""


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _whole_number(text: str) -> int | None:
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


def read_levels(path: Path, instrument: Instrument) -> dict[int, int]:
    """Answers sheet with columns indicator, level. Every bad row is reported, none skipped."""
    levels: dict[int, int] = {}
    problems: list[str] = []
    allowed = allowed_levels(instrument)
    rows = list(read_rows(path))
    _require_columns(path, rows, ("indicator", "level"))
    for row_number, row in rows:
        indicator = _indicator(row, instrument, row_number, problems)
        level = _whole_number(row.get("level", ""))
        if level is None or level not in allowed:
            problems.append(
                f"baris {row_number}: tingkat '{row.get('level', '')}' harus bilangan "
                f"bulat {allowed.start}-{allowed.stop - 1}"
            )
            continue
        if indicator is None:
            continue
        if indicator in levels:
            problems.append(f"baris {row_number}: indikator {indicator} ditulis lebih dari sekali")
        levels[indicator] = level
    if problems:
        raise SheetError(path.name, problems)
    return levels


def read_costs(path: Path, instrument: Instrument) -> dict[int, dict[int, Decimal]]:
    """Cost sheet: indicator, cost [, to_level]. Without to_level the cost applies to every step."""
    costs: dict[int, dict[int, Decimal]] = {}
    problems: list[str] = []
    rows = list(read_rows(path))
    _require_columns(path, rows, ("indicator", "cost"))
    for row_number, row in rows:
        indicator = _indicator(row, instrument, row_number, problems)
        cost = _cost(row.get("cost", ""), row_number, problems)
        target_levels = _target_levels(row, instrument, row_number, problems)
        if indicator is None or cost is None or target_levels is None:
            continue
        for level in target_levels:
            costs.setdefault(indicator, {})[level] = cost
    if problems:
        raise SheetError(path.name, problems)
    return costs


def _require_columns(
    path: Path, rows: list[tuple[int, dict[str, str]]], columns: tuple[str, ...]
) -> None:
    present = set().union(*(row.keys() for _, row in rows)) if rows else set()
    missing = [column for column in columns if column not in present]
    if not rows:
        raise SheetError(path.name, ["tidak ada baris data di bawah judul kolom"])
    if missing:
        raise SheetError(
            path.name,
            [f"kolom wajib tidak ditemukan: {', '.join(missing)} (judul kolom di baris 1)"],
        )


def _indicator(
    row: dict[str, str], instrument: Instrument, row_number: int, problems: list[str]
) -> int | None:
    number = _whole_number(row.get("indicator", ""))
    if number is None or number not in instrument.indicator_by_number:
        problems.append(
            f"baris {row_number}: indikator '{row.get('indicator', '')}' tidak ada "
            f"dalam instrumen {instrument.id}"
        )
        return None
    return number


def _cost(text: str, row_number: int, problems: list[str]) -> Decimal | None:
    try:
        cost = Decimal(text.replace(",", "."))
    except InvalidOperation:
        cost = Decimal(-1)
    if not cost.is_finite() or cost < 0 or cost > Decimal(10) ** 12:
        problems.append(f"baris {row_number}: biaya '{text}' harus angka 0 sampai 10^12")
        return None
    return cost


def _target_levels(
    row: dict[str, str], instrument: Instrument, row_number: int, problems: list[str]
) -> range | None:
    text = row.get("to_level", "")
    if not text:
        return range(1, instrument.max_level + 1)
    level = _whole_number(text)
    if level is None or not 1 <= level <= instrument.max_level:
        problems.append(
            f"baris {row_number}: tingkat tujuan '{text}' harus 1-{instrument.max_level}"
        )
        return None
    return range(level, level + 1)
