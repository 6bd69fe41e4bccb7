"""Argument handling shared by the score, plan and instruments commands."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import TypeVar

from tera.commands import UserInputError
from tera.core.instrument import Instrument
from tera.core.sheets import SheetError, read_costs, read_levels
from tera.instruments.library import file_library

T = TypeVar("T")


def instrument_for(instrument_id: str) -> Instrument:
    try:
        return file_library().get(instrument_id)
    except KeyError as exc:
        raise UserInputError(exc.args[0]) from None


def evaluation_year(instrument: Instrument, year: int | None) -> int | None:
    if year is None:
        return instrument.latest_year
    known = [y.year for y in instrument.years]
    if year not in known:
        listing = ", ".join(str(y) for y in known) or "-"
        raise UserInputError(
            f"tahun {year} tidak dikenal untuk instrumen {instrument.id} (tersedia: {listing})"
        )
    return year


def levels_from(path: str, instrument: Instrument) -> dict[int, int]:
    return _read(path, lambda p: read_levels(p, instrument))


def costs_from(path: str | None, instrument: Instrument) -> dict[int, dict[int, Decimal]]:
    if path is None:
        return {}
    return _read(path, lambda p: read_costs(p, instrument))


def _read(path: str, reader: Callable[[Path], T]) -> T:
    file = Path(path)
    if not file.is_file():
        raise UserInputError(f"berkas '{path}' tidak ditemukan")
    try:
        return reader(file)
    except SheetError as exc:
        raise UserInputError(str(exc)) from None


def parse_target(text: str, instrument: Instrument) -> tuple[str | None, Fraction | None]:
    """A target is an index ('3.00' or '3,00') or a predikat name ('Baik')."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        names = {band.name.casefold(): band.name for band in instrument.predikat_bands}
        if text.strip().casefold() in names:
            return names[text.strip().casefold()], None
        raise UserInputError(
            f"target '{text}' bukan angka indeks atau predikat ({', '.join(names.values())})"
        ) from None
    if not value.is_finite() or not 0 <= value <= instrument.max_level:
        raise UserInputError(f"target indeks harus antara 0 dan {instrument.max_level}")
    return None, Fraction(value)
