"""`tera instruments list | show ID | validate FILE | load`: the instruments and crosswalks."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from django.db.utils import DatabaseError

from tera.commands import TeraCommand, UserInputError
from tera.core.crosswalk import InvalidCrosswalk, is_crosswalk_file, load_crosswalk_file
from tera.core.instrument import Indicator, Instrument
from tera.core.loader import InstrumentError, InvalidInstrument, load_file
from tera.core.numbers import exact_string
from tera.instruments.cli_support import instrument_for
from tera.instruments.library import (
    file_crosswalks,
    file_library,
    load_crosswalk_entry,
    load_entry,
)
from tera.instruments.models import CrosswalkVersion, InstrumentVersion


class Command(TeraCommand):
    help = "Daftar, tampilkan, validasi, atau muat instrumen evaluasi dan tabel padanannya."

    def add_arguments(self, parser: Any) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="daftar instrumen di pustaka")
        show = actions.add_parser("show", help="struktur dan bobot satu instrumen")
        show.add_argument("id")
        validate = actions.add_parser("validate", help="periksa satu berkas instrumen atau padanan")
        validate.add_argument("file")
        actions.add_parser("load", help="muat semua berkas pustaka ke basis data")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            self.list_library()
        elif action == "show":
            self.show(instrument_for(options["id"]))
        elif action == "validate":
            self.validate(Path(options["file"]))
        else:
            self.load()

    def list_library(self) -> None:
        library = file_library()
        for entry in library.entries:
            instrument = entry.instrument
            self.stdout.write(
                f"{instrument.id:<14} {instrument.status.value:<12} "
                f"{len(instrument.indicators):>3} indikator  {instrument.name}  ({entry.path})"
            )
        crosswalks = file_crosswalks()
        for crosswalk_entry in crosswalks.entries:
            crosswalk = crosswalk_entry.crosswalk
            self.stdout.write(
                f"{crosswalk.id:<14} {crosswalk.status.value:<12} padanan "
                f"{crosswalk.from_instrument} -> {crosswalk.to_instrument}  "
                f"({crosswalk_entry.path})"
            )
        self.report_errors((*library.errors, *crosswalks.errors))

    def show(self, instrument: Instrument) -> None:
        out = self.stdout.write
        out(f"{instrument.id}: {instrument.name}\n{instrument.regulation}")
        out(
            f"Status: {instrument.status.value}; bobot terverifikasi: "
            f"{'ya' if instrument.weights_verified else 'TIDAK'}"
        )
        for domain in instrument.domains:
            out(f"Domain {domain.number}. {domain.name} ({exact_string(domain.weight)}%)")
        for aspect in instrument.aspects:
            out(f"  Aspek {aspect.number}. {aspect.name} ({exact_string(aspect.weight)}%)")
            for indicator in aspect.indicators:
                weight = exact_string(indicator.weight)
                out(f"    {indicator.number:>2}. {indicator.name} ({weight}%)")
                self.show_indicator(instrument, indicator)
        bands = ", ".join(
            f"{b.name} >= {b.lower}" if b.lower is not None else b.name
            for b in reversed(instrument.predikat_bands)
        )
        out(f"Predikat: {bands}")

    def show_indicator(self, instrument: Instrument, indicator: Indicator) -> None:
        out = self.stdout.write
        source = indicator.source_index
        if source is not None:
            verified = "terverifikasi" if source.verified else "BELUM terverifikasi"
            out(f"        Dari {source.name} ({source.agency}): {source.rule_text()} ({verified})")
        for level, text in sorted(indicator.criteria.items()):
            out(f"        Tingkat {level}: " + " / ".join(text.splitlines()))
            detail = indicator.details.get(level)
            if detail and detail.condition:
                out("          Kondisi: " + " / ".join(detail.condition.splitlines()))
            for number, item in enumerate(indicator.items(level), start=1):
                out(f"          Data dukung {level}.{number}: {item}")
        if not indicator.criteria:
            out("        (kriteria tingkat belum tersedia)")

    def validate(self, path: Path) -> None:
        if not path.is_file():
            raise UserInputError(f"berkas '{path}' tidak ditemukan")
        if is_crosswalk_file(path):
            self.validate_crosswalk(path)
            return
        try:
            instrument = load_file(path)
        except InvalidInstrument as exc:
            self.invalid(path, exc.errors)
        self.stdout.write(
            f"{path.name}: valid ({instrument.id}, {len(instrument.indicators)} indikator)"
        )

    def validate_crosswalk(self, path: Path) -> None:
        """Checked against the instruments of the library, as `load` will check it."""
        instruments = {entry.instrument.id: entry.instrument for entry in file_library().entries}
        try:
            crosswalk = load_crosswalk_file(path, instruments)
        except InvalidCrosswalk as exc:
            self.invalid(path, exc.errors)
        self.stdout.write(
            f"{path.name}: valid (padanan {crosswalk.from_instrument} -> "
            f"{crosswalk.to_instrument}, {len(crosswalk.mappings)} pemetaan)"
        )

    def invalid(self, path: Path, errors: list[InstrumentError]) -> NoReturn:
        for error in errors:
            self.stderr.write(str(error))
        raise UserInputError(f"{path.name} tidak valid: {len(errors)} kesalahan")

    def load(self) -> None:
        library, crosswalks = file_library(), file_crosswalks()
        try:
            for entry in library.entries:
                self.report_loaded(*load_entry(entry))
            for crosswalk_entry in crosswalks.entries:
                self.report_loaded(*load_crosswalk_entry(crosswalk_entry))
        except DatabaseError as exc:
            raise UserInputError(f"basis data belum siap ({exc}); jalankan migrate dulu") from None
        self.report_errors((*library.errors, *crosswalks.errors))

    def report_loaded(self, version: InstrumentVersion | CrosswalkVersion, created: bool) -> None:
        state = "dimuat sebagai revisi baru" if created else "tidak berubah"
        self.stdout.write(f"{version.code} r{version.revision}: {state}")

    def report_errors(self, errors: tuple[Any, ...]) -> None:
        for error in errors:
            self.stderr.write(f"DILEWATI: {error}")
        if errors:
            raise UserInputError(
                f"{len(errors)} kesalahan di berkas instrumen atau padanan; berkas itu tidak dimuat"
            )
