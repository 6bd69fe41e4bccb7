"""`tera instruments list | show ID | validate FILE | load`: the instrument library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db.utils import DatabaseError

from tera.commands import TeraCommand, UserInputError
from tera.core.instrument import Instrument
from tera.core.loader import InvalidInstrument, load_file
from tera.instruments.cli_support import instrument_for
from tera.instruments.library import file_library, load_entry


class Command(TeraCommand):
    help = "Daftar, tampilkan, validasi, atau muat instrumen evaluasi."

    def add_arguments(self, parser: Any) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="daftar instrumen di pustaka")
        show = actions.add_parser("show", help="struktur dan bobot satu instrumen")
        show.add_argument("id")
        validate = actions.add_parser("validate", help="periksa satu berkas YAML")
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
        self.report_errors(library.errors)

    def show(self, instrument: Instrument) -> None:
        out = self.stdout.write
        out(f"{instrument.id}: {instrument.name}\n{instrument.regulation}")
        out(
            f"Status: {instrument.status.value}; bobot terverifikasi: "
            f"{'ya' if instrument.weights_verified else 'TIDAK'}"
        )
        for domain in instrument.domains:
            out(f"Domain {domain.number}. {domain.name} ({domain.weight.normalize()}%)")
        for aspect in instrument.aspects:
            out(f"  Aspek {aspect.number}. {aspect.name} ({aspect.weight.normalize()}%)")
            for indicator in aspect.indicators:
                out(
                    f"    {indicator.number:>2}. {indicator.name} ({indicator.weight.normalize()}%)"
                )
        bands = ", ".join(
            f"{b.name} >= {b.lower}" if b.lower is not None else b.name
            for b in reversed(instrument.predikat_bands)
        )
        out(f"Predikat: {bands}")

    def validate(self, path: Path) -> None:
        if not path.is_file():
            raise UserInputError(f"berkas '{path}' tidak ditemukan")
        try:
            instrument = load_file(path)
        except InvalidInstrument as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise UserInputError(f"{path.name} tidak valid: {len(exc.errors)} kesalahan") from None
        self.stdout.write(
            f"{path.name}: valid ({instrument.id}, {len(instrument.indicators)} indikator)"
        )

    def load(self) -> None:
        library = file_library()
        try:
            for entry in library.entries:
                version, created = load_entry(entry)
                state = "dimuat sebagai revisi baru" if created else "tidak berubah"
                self.stdout.write(f"{version.code} r{version.revision}: {state}")
        except DatabaseError as exc:
            raise UserInputError(f"basis data belum siap ({exc}); jalankan migrate dulu") from None
        self.report_errors(library.errors)

    def report_errors(self, errors: tuple[Any, ...]) -> None:
        for error in errors:
            self.stderr.write(f"DILEWATI: {error}")
        if errors:
            raise UserInputError(
                f"{len(errors)} kesalahan di berkas instrumen; berkas itu tidak dimuat"
            )
