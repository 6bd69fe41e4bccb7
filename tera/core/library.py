"""The instrument library: every YAML file in the shipped folder and in any extra folders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tera.core.instrument import Instrument
from tera.core.loader import InstrumentError, InvalidInstrument, load_file

SHIPPED_LIBRARY = Path(__file__).resolve().parent.parent / "instruments" / "library"
DEFAULT_INSTRUMENT = "spbe-2020"


@dataclass(frozen=True)
class LibraryEntry:
    path: Path
    instrument: Instrument


@dataclass(frozen=True)
class Library:
    entries: tuple[LibraryEntry, ...]
    errors: tuple[InstrumentError, ...]

    def get(self, instrument_id: str) -> Instrument:
        return self.entry(instrument_id).instrument

    def entry(self, instrument_id: str) -> LibraryEntry:
        for entry in self.entries:
            if entry.instrument.id == instrument_id:
                return entry
        known = ", ".join(entry.instrument.id for entry in self.entries)
        raise KeyError(f"instrumen '{instrument_id}' tidak ada di pustaka (tersedia: {known})")


def library_files(extra_dirs: Iterable[Path] = ()) -> list[Path]:
    files: list[Path] = []
    for folder in (SHIPPED_LIBRARY, *extra_dirs):
        files.extend(sorted(Path(folder).glob("*.yaml")))
    return files


def load_library(extra_dirs: Iterable[Path] = ()) -> Library:
    """Load every file; a broken file is reported, never half-loaded, and the others still load."""
    entries: list[LibraryEntry] = []
    errors: list[InstrumentError] = []
    seen: dict[str, Path] = {}
    for path in library_files(extra_dirs):
        try:
            instrument = load_file(path)
        except InvalidInstrument as exc:
            errors.extend(exc.errors)
            continue
        if instrument.id in seen:
            errors.append(
                InstrumentError(
                    path.name, "id", f"id '{instrument.id}' sudah dipakai {seen[instrument.id]}"
                )
            )
            continue
        seen[instrument.id] = path
        entries.append(LibraryEntry(path, instrument))
    return Library(tuple(entries), tuple(errors))
