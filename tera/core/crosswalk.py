"""Crosswalks: which indicators of an old instrument carry over to which indicators of a new one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from tera.core.instrument import Indicator, Instrument, Status
from tera.core.library import SHIPPED_LIBRARY, Library

# The instrument loader's YAML reader and field readers give crosswalk files the same
# duplicate-key check, the same messages and the same node paths as instrument files.
from tera.core.loader import ID_PATTERN, InstrumentError, _join, _Parser, read_yaml

CROSSWALK_FOLDER = "crosswalks"
TOP_KEYS = {"schema", "id", "from", "to", "status", "notes", "sources", "mappings"}
MAPPING_KEYS = {"from", "to", "note"}


@dataclass(frozen=True)
class IndicatorMapping:
    """Old indicators whose content carries over to new indicators (many-to-one, one-to-many)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True)
class Crosswalk:
    id: str
    from_instrument: str
    to_instrument: str
    status: Status
    mappings: tuple[IndicatorMapping, ...]
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @cached_property
    def forward(self) -> dict[int, tuple[int, ...]]:
        """Old indicator -> the new indicators it carries over to."""
        return _gather((old, new) for m in self.mappings for old in m.old for new in m.new)

    @cached_property
    def backward(self) -> dict[int, tuple[int, ...]]:
        """New indicator -> the old indicators that carry over to it."""
        return _gather((new, old) for m in self.mappings for old in m.old for new in m.new)

    def notes_for(self, new_number: int) -> tuple[str, ...]:
        return tuple(m.note for m in self.mappings if new_number in m.new and m.note)


@dataclass(frozen=True)
class Row:
    """One new indicator with the old indicators mapped to it."""

    indicator: Indicator
    earlier: tuple[Indicator, ...]
    notes: tuple[str, ...]


def rows(crosswalk: Crosswalk, old: Instrument, new: Instrument) -> list[Row]:
    """Every indicator of the new instrument, in its order; those without a source have none."""
    known = old.indicator_by_number
    return [
        Row(
            indicator,
            tuple(known[n] for n in crosswalk.backward.get(indicator.number, ()) if n in known),
            crosswalk.notes_for(indicator.number),
        )
        for indicator in new.indicators
    ]


def unmapped_old(crosswalk: Crosswalk, old: Instrument) -> tuple[Indicator, ...]:
    """Old indicators that carry over to nothing."""
    return tuple(i for i in old.indicators if i.number not in crosswalk.forward)


def _gather(pairs: Iterable[tuple[int, int]]) -> dict[int, tuple[int, ...]]:
    gathered: dict[int, set[int]] = {}
    for key, value in pairs:
        gathered.setdefault(key, set()).add(value)
    return {key: tuple(sorted(values)) for key, values in sorted(gathered.items())}


class InvalidCrosswalk(Exception):
    """Raised with every error found in one crosswalk file."""

    def __init__(self, errors: list[InstrumentError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def is_crosswalk_file(path: Path) -> bool:
    """A YAML file whose top level has `mappings` is a crosswalk; anything else an instrument."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return False
    return isinstance(data, dict) and "mappings" in data


def load_crosswalk_file(path: Path, instruments: Mapping[str, Instrument] | None) -> Crosswalk:
    source = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        error = InstrumentError(source, "", f"berkas tidak dapat dibaca: {exc}")
        raise InvalidCrosswalk([error]) from None
    return load_crosswalk_text(text, source, instruments)


def load_crosswalk_text(
    text: str, source: str, instruments: Mapping[str, Instrument] | None
) -> Crosswalk:
    try:
        data = read_yaml(text)
    except yaml.YAMLError as exc:
        raise InvalidCrosswalk([InstrumentError(source, "", f"YAML tidak valid: {exc}")]) from None
    return parse_crosswalk(data, source, instruments)


def parse_crosswalk(
    data: object, source: str, instruments: Mapping[str, Instrument] | None
) -> Crosswalk:
    """Validate the whole file; raise InvalidCrosswalk listing every problem.

    `instruments` (id -> instrument) is what every indicator number is checked against. None
    skips that check: only for a text that was checked when it was stored.
    """
    parser = _CrosswalkParser(source, instruments)
    crosswalk = parser.crosswalk(data)
    if parser.errors or crosswalk is None:
        raise InvalidCrosswalk(parser.errors)
    return crosswalk


class _CrosswalkParser(_Parser):
    def __init__(self, source: str, instruments: Mapping[str, Instrument] | None):
        super().__init__(source)
        self.instruments = instruments

    def crosswalk(self, data: object) -> Crosswalk | None:
        root = self.mapping(data, "", TOP_KEYS)
        if root is None:
            return None
        if root.get("schema") != 1:
            self.error("schema", "versi skema harus 1")
        crosswalk_id = self.text(root, "id", "")
        if crosswalk_id and not ID_PATTERN.match(crosswalk_id):
            self.error(
                "id", "hanya huruf kecil, angka, dan tanda hubung (contoh: spbe-2020--pemdi-2026)"
            )
        old_id, old = self.instrument_of(root, "from")
        new_id, new = self.instrument_of(root, "to")
        if old_id and old_id == new_id:
            self.error("to", "harus instrumen lain daripada 'from'")
        status = self.status(root)
        mappings = list(self.mappings(root, old, new))
        self.check_pairs(mappings)
        return Crosswalk(
            id=crosswalk_id,
            from_instrument=old_id,
            to_instrument=new_id,
            status=status,
            mappings=tuple(mapping for _path, mapping in mappings),
            notes=self.strings(root, "notes", ""),
            sources=self.strings(root, "sources", ""),
        )

    def instrument_of(self, root: dict[str, Any], key: str) -> tuple[str, Instrument | None]:
        instrument_id = self.text(root, key, "")
        if not instrument_id or self.instruments is None:
            return instrument_id, None
        instrument = self.instruments.get(instrument_id)
        if instrument is None:
            known = ", ".join(sorted(self.instruments)) or "-"
            self.error(key, f"instrumen '{instrument_id}' tidak ada di pustaka (tersedia: {known})")
        return instrument_id, instrument

    def mappings(
        self, root: dict[str, Any], old: Instrument | None, new: Instrument | None
    ) -> Iterator[tuple[str, IndicatorMapping]]:
        for index, item in enumerate(self.items(root, "mappings", "")):
            path = f"mappings[{index}]"
            node = self.mapping(item, path, MAPPING_KEYS)
            if node is None:
                continue
            old_numbers = self.numbers(node, "from", path, old)
            new_numbers = self.numbers(node, "to", path, new)
            note = self.text(node, "note", path, required=False)
            if old_numbers and new_numbers:
                yield path, IndicatorMapping(old_numbers, new_numbers, note)

    def numbers(
        self, node: dict[str, Any], key: str, path: str, instrument: Instrument | None
    ) -> tuple[int, ...]:
        value, list_path = node.get(key), _join(path, key)
        if not isinstance(value, list) or not value:
            self.error(list_path, "harus berupa daftar nomor indikator yang tidak kosong")
            return ()
        numbers: list[int] = []
        for position, number in enumerate(value):
            number_path = f"{list_path}[{position}]"
            if isinstance(number, bool) or not isinstance(number, int):
                self.error(number_path, f"'{number}' bukan nomor indikator (bilangan bulat)")
            elif number in numbers:
                self.error(number_path, f"indikator {number} ditulis dua kali")
            elif instrument is not None and number not in instrument.indicator_by_number:
                self.error(
                    number_path, f"indikator {number} tidak ada di instrumen {instrument.id}"
                )
            else:
                numbers.append(number)
        return tuple(numbers)

    def check_pairs(self, mappings: list[tuple[str, IndicatorMapping]]) -> None:
        """An old indicator may appear in several mappings, but each pair only once."""
        first: dict[tuple[int, int], str] = {}
        for path, mapping in mappings:
            for pair in ((old, new) for old in mapping.old for new in mapping.new):
                if pair in first:
                    self.error(path, f"padanan {pair[0]} -> {pair[1]} sudah ada di {first[pair]}")
                else:
                    first[pair] = path


# -- the crosswalks of the library ---------------------------------------------------------


@dataclass(frozen=True)
class CrosswalkEntry:
    path: Path
    crosswalk: Crosswalk


@dataclass(frozen=True)
class CrosswalkLibrary:
    entries: tuple[CrosswalkEntry, ...]
    errors: tuple[InstrumentError, ...]


def crosswalk_files(extra_dirs: Iterable[Path] = ()) -> list[Path]:
    """The `crosswalks` folder beside the instrument files of each library folder."""
    files: list[Path] = []
    for folder in (SHIPPED_LIBRARY, *extra_dirs):
        files.extend(sorted((Path(folder) / CROSSWALK_FOLDER).glob("*.yaml")))
    return files


def load_crosswalks(library: Library, extra_dirs: Iterable[Path] = ()) -> CrosswalkLibrary:
    """Load every crosswalk against the library's instruments; a broken file is only reported.

    One crosswalk per pair of instruments: a period records only its previous period, so the
    crosswalk between their two instruments must be unambiguous.
    """
    instruments = {entry.instrument.id: entry.instrument for entry in library.entries}
    entries: list[CrosswalkEntry] = []
    errors: list[InstrumentError] = []
    seen: dict[str, Path] = {}
    for path in crosswalk_files(extra_dirs):
        try:
            crosswalk = load_crosswalk_file(path, instruments)
        except InvalidCrosswalk as exc:
            errors.extend(exc.errors)
            continue
        pair = f"{crosswalk.from_instrument} -> {crosswalk.to_instrument}"
        for key, what in ((crosswalk.id, f"id '{crosswalk.id}'"), (pair, f"padanan {pair}")):
            if key in seen:
                errors.append(InstrumentError(path.name, "id", f"{what} sudah ada di {seen[key]}"))
                break
        else:
            seen[crosswalk.id] = seen[pair] = path
            entries.append(CrosswalkEntry(path, crosswalk))
    return CrosswalkLibrary(tuple(entries), tuple(errors))
