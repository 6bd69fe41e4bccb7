"""`tera plan FILE --target`: the cheapest level raises that reach a target index or predikat."""

from __future__ import annotations

from typing import Any

from tera.commands import TeraCommand, UserInputError
from tera.core.explain import plan_as_dict
from tera.core.library import DEFAULT_INSTRUMENT
from tera.core.numbers import format_id
from tera.core.planner import Plan, plan, plan_next_predikat
from tera.core.scoring import threshold_for
from tera.instruments.cli_support import (
    costs_from,
    evaluation_year,
    instrument_for,
    levels_from,
    parse_target,
)


class Command(TeraCommand):
    help = "Rencana kenaikan tingkat termurah untuk mencapai target indeks atau predikat."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="berkas .csv atau .xlsx berkolom indicator, level")
        parser.add_argument("--target", required=True, help="indeks (3.00) atau predikat (Baik)")
        parser.add_argument("--costs", help="berkas biaya: indicator, cost [, to_level]")
        parser.add_argument("--instrument", default=DEFAULT_INSTRUMENT)
        parser.add_argument("--year", type=int, help="tahun evaluasi (aturan predikat)")
        parser.add_argument("--json", action="store_true", help="keluaran satu objek JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = instrument_for(options["instrument"])
        year = evaluation_year(instrument, options["year"])
        predikat, target = parse_target(options["target"], instrument)
        if predikat is not None:
            target = threshold_for(instrument, predikat, year)
        if target is None:
            raise UserInputError("target tidak valid")
        levels = levels_from(options["file"], instrument)
        costs = costs_from(options["costs"], instrument)
        result = plan(instrument, levels, target, costs, year)
        following = plan_next_predikat(instrument, levels, costs, year)
        if options["json"]:
            data = plan_as_dict(result)
            data["next_predikat"] = (
                None
                if following is None
                else {"predikat": following[0], **plan_as_dict(following[1])}
            )
            self.write_json(data)
            return
        self.print_plan(result, options["target"])
        if following is not None:
            self.stdout.write(f"\nRencana termurah menuju predikat berikutnya ({following[0]}):")
            self.print_plan(following[1], following[0])

    def print_plan(self, result: Plan, label: str) -> None:
        out = self.stdout.write
        out(
            f"Target {label}: indeks minimal {format_id(result.target, 4)}; "
            f"sekarang {format_id(result.index_before)}"
        )
        if result.assumed_minimum:
            numbers = ", ".join(str(n) for n in result.assumed_minimum)
            out(f"Catatan: indikator tanpa jawaban dianggap di tingkat terendah: {numbers}")
        if not result.reachable:
            out(f"TIDAK DAPAT DICAPAI: indeks tertinggi yang mungkin {format_id(result.max_index)}")
            return
        if not result.steps:
            out("Target sudah tercapai; tidak perlu kenaikan tingkat.")
            return
        for step in result.steps:
            out(
                f"  indikator {step.indicator:>2}: {step.from_level} -> {step.to_level} "
                f"(biaya {step.cost})"
            )
        out(
            f"Total biaya {result.total_cost}; indeks sesudahnya {format_id(result.index_after)} "
            f"({result.predikat_after})"
        )
