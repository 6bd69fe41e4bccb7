"""`tera score FILE`: the index, predikat and breakdown of a sheet of indicator levels."""

from __future__ import annotations

from typing import Any

from tera.commands import TeraCommand
from tera.core.explain import explain, score_as_dict
from tera.core.instrument import PredikatRule
from tera.core.library import DEFAULT_INSTRUMENT
from tera.core.numbers import format_id
from tera.core.scoring import Score, level_gains, score
from tera.instruments.cli_support import evaluation_year, instrument_for, levels_from

RULE_TEXT = {
    PredikatRule.UNROUNDED: "predikat dari indeks sebelum dibulatkan",
    PredikatRule.ROUNDED: "predikat dari indeks yang dibulatkan 2 desimal",
}


class Command(TeraCommand):
    help = "Hitung indeks dari berkas CSV/XLSX berkolom indicator, level."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="berkas .csv atau .xlsx berkolom indicator, level")
        parser.add_argument("--instrument", default=DEFAULT_INSTRUMENT)
        parser.add_argument("--year", type=int, help="tahun evaluasi (aturan predikat)")
        parser.add_argument("--explain", action="store_true", help="tampilkan rumus tiap angka")
        parser.add_argument("--json", action="store_true", help="keluaran satu objek JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = instrument_for(options["instrument"])
        year = evaluation_year(instrument, options["year"])
        result = score(instrument, levels_from(options["file"], instrument), year)
        if options["json"]:
            self.write_json(score_as_dict(result, with_explanation=options["explain"]))
            return
        self.print_summary(result)
        if options["explain"]:
            self.print_explanation(result)

    def print_summary(self, result: Score) -> None:
        instrument = result.instrument
        out = self.stdout.write
        out(f"Instrumen : {instrument.id} ({instrument.name})")
        if result.year is not None:
            out(f"Tahun     : {result.year} ({RULE_TEXT[instrument.predikat_rule(result.year)]})")
        coverage = format_id(result.coverage * 100, 1)
        if result.index is None:
            out("Indeks    : belum dapat dihitung (tidak ada indikator yang dijawab)")
            return
        status = "final" if result.complete else f"SEMENTARA, cakupan {coverage}%"
        out(f"Indeks    : {format_id(result.index)} ({status})")
        out(f"Predikat  : {result.predikat}{'' if result.complete else ' (sementara)'}")
        if result.assumed:
            numbers = ", ".join(str(number) for number in result.assumed)
            out(
                f"Catatan   : indikator {numbers} dikonversi dari indeks lain yang belum bernilai; "
                "dihitung 1 (aturan asesor)"
            )
        for title, nodes in (("Domain", result.domains), ("Aspek", result.aspects)):
            if nodes:
                out(f"\n{title}:")
            for node in nodes:
                value = "-" if node.value is None else format_id(node.value)
                out(f"  {node.number:>2}. {node.name:<58} {value:>5}")

    def print_explanation(self, result: Score) -> None:
        out = self.stdout.write
        out("\nPenjelasan (dihitung tepat; angka masukan ditampilkan dibulatkan):")
        for explanation in explain(result):
            out(f"  {explanation.formula}")
        gains = level_gains(result)
        if gains:
            out("\nKenaikan indeks bila satu indikator naik satu tingkat:")
        for gain in gains:
            start = result.instrument.display_value(gain.indicator, gain.from_level)
            out(
                f"  indikator {gain.indicator:>2}: {start} -> {gain.to_level} "
                f"+{format_id(gain.index_gain, 3)} = {format_id(gain.index_after)} "
                f"({gain.predikat_after})"
            )
