"""Reading answer and cost sheets (CSV or XLSX) into plain dictionaries, row by row."""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from openpyxl import load_workbook

from tera.core.instrument import Instrument, Value
from tera.core.values import parse_value, value_problem

HEADER_ALIASES = {
    "indicator": {"indicator", "indikator", "no", "nomor", "no_indikator"},
    "level": {"level", "tingkat", "nilai", "tingkat_kematangan"},
    "cost": {"cost", "biaya", "upaya"},
    "to_level": {"to_level", "ke_tingkat", "tingkat_tujuan"},
}
MAX_ROWS = 10_000
# A sheet of MAX_ROWS rows unpacks to a few MB; a workbook that claims far more is a zip bomb,
# refused from its directory before anything is unpacked.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# What openpyxl raises on a damaged workbook, besides its own errors: ParseError (broken XML) is
# a SyntaxError, and parts pointing at missing parts end in KeyError or IndexError.
UNREADABLE_XLSX = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    OSError,
    ValueError,
    TypeError,
    SyntaxError,
)


class SheetError(ValueError):
    """Every problem found in a sheet, each naming its row."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


Aliases = dict[str, set[str]]


def read_rows(
    path: Path, aliases: Aliases = HEADER_ALIASES, name: str = ""
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number as the user sees it, {canonical column: text}) for each data row.

    `name` is the file name the user knows, when `path` is a temporary copy of an upload.
    """
    raw_rows = _raw_rows(path, name or path.name)
    header_row = next(raw_rows, None)
    if header_row is None:
        raise SheetError(name or path.name, ["berkas kosong"])
    columns = [_canonical(cell, aliases) for cell in header_row]
    for number, row in enumerate(raw_rows, start=2):
        if number > MAX_ROWS:
            raise SheetError(name or path.name, [f"lebih dari {MAX_ROWS} baris"])
        values = {col: _text(cell) for col, cell in zip(columns, row, strict=False) if col}
        if any(values.values()):
            yield number, values


def _raw_rows(path: Path, name: str) -> Iterator[list[object]]:
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(path, name)
    if suffix == ".csv":
        return _csv_rows(path, name)
    raise SheetError(name, ["format tidak didukung; gunakan berkas .csv atau .xlsx"])


def _csv_rows(path: Path, name: str) -> Iterator[list[object]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(name, ["berkas CSV harus berenkode UTF-8"]) from None
    except OSError as exc:
        raise SheetError(name, [f"berkas tidak dapat dibaca ({exc.strerror})"]) from None
    if "\0" in text:  # never in a text sheet, and PostgreSQL refuses to store it
        raise SheetError(name, ["berkas berisi karakter NUL; simpan ulang sebagai CSV teks"])
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    # Strict: a quote left open would otherwise swallow every row after it into one cell.
    rows = csv.reader(io.StringIO(text), dialect, strict=True)
    try:
        yield from rows
    except csv.Error:
        problem = "tidak dapat dibaca: tanda kutip tidak ditutup, atau sel lebih dari 128 KB"
        raise SheetError(name, [f"baris {rows.line_num}: {problem}"]) from None


def unpacked_size(source: Path | IO[bytes]) -> int | None:
    """What a workbook's parts add up to once unpacked, read from its directory alone.

    zipfile never unpacks a part past the size its directory gives, so the sum is a true bound.
    None when the file is not a zip archive at all.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None


def _xlsx_rows(path: Path, name: str) -> Iterator[list[object]]:
    size = unpacked_size(path)
    if size is not None and size > MAX_UNPACKED_BYTES:
        limit = MAX_UNPACKED_BYTES // 1024 // 1024
        raise SheetError(name, [f"isi berkas Excel lebih dari {limit} MB setelah dibuka"])
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except UNREADABLE_XLSX:
        raise SheetError(name, ["bukan berkas Excel (.xlsx) yang valid"]) from None
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    except UNREADABLE_XLSX:
        raise SheetError(name, ["berkas Excel rusak; simpan ulang dari Excel"]) from None
    finally:
        workbook.close()


def _canonical(cell: object, aliases: Aliases) -> str:
    name = _text(cell).lower().replace(" ", "_")
    for canonical, names in aliases.items():
        if name in names:
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
    if not number.is_finite() or abs(number.adjusted()) > 12:
        return None
    if number != number.to_integral_value():
        return None
    return int(number)


def read_levels(path: Path, instrument: Instrument) -> dict[int, Value]:
    """Answers sheet with columns indicator, level (a decimal where the indicator's scale takes
    one: '1,26'). Every bad row is reported, none skipped."""
    levels: dict[int, Value] = {}
    problems: list[str] = []
    rows = list(read_rows(path))
    _require_columns(path, rows, ("indicator", "level"))
    for row_number, row in rows:
        indicator = _indicator(row, instrument, row_number, problems)
        if indicator is None:
            continue
        scale = instrument.scale_for(indicator)
        text = row.get("level", "")
        level = parse_value(scale, text)
        if level is None:
            problems.append(f"baris {row_number}: {value_problem(scale, text)}")
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
