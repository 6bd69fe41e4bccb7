"""`tera results import | show`: the official results registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.db.utils import DatabaseError

from tera.commands import TeraCommand, UserInputError
from tera.core.numbers import format_id
from tera.registry.importer import ImportFailed, import_results
from tera.registry.models import Instansi, OfficialResult


class Command(TeraCommand):
    help = "Muat atau tampilkan hasil resmi evaluasi SPBE."

    def add_arguments(self, parser: Any) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="muat hasil resmi yang dikirim bersama Tera")
        load.add_argument("--file", help="berkas CSV lain dengan kolom yang sama")
        show = actions.add_parser("show", help="tampilkan hasil resmi")
        show.add_argument("--province")
        show.add_argument("--year", type=int)
        show.add_argument("--kind", choices=Instansi.Kind.values)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "import":
                self.import_rows(options["file"])
            else:
                self.show(options["province"], options["year"], options["kind"])
        except DatabaseError as exc:
            raise UserInputError(f"basis data belum siap ({exc}); jalankan migrate dulu") from None

    def import_rows(self, file: str | None) -> None:
        try:
            report = import_results(Path(file)) if file else import_results()
        except ImportFailed as exc:
            raise UserInputError(f"{exc}; tidak ada yang diubah") from None
        for year, count in sorted(report.rows_per_year.items()):
            self.stdout.write(f"{year}: {count} baris")
        for note in report.notes:
            self.stdout.write(f"catatan: {note}")
        for problem in report.problems:
            self.stdout.write(f"TIDAK KONSISTEN: {problem}")
        self.stdout.write(
            f"Instansi: {Instansi.objects.count()}; baris tidak konsisten: {len(report.problems)}"
        )

    def show(self, province: str | None, year: int | None, kind: str | None) -> None:
        results = _filtered(province, year, kind)
        if not results:
            raise UserInputError(
                "tidak ada hasil resmi untuk pilihan ini (periksa nama "
                "provinsi dan tahun, atau jalankan 'tera results import')"
            )
        header = f"{'instansi':<52} {'tahun':>5} {'indeks':>6}  {'predikat':<12} domain 1-4"
        self.stdout.write(header)
        for result in results:
            domains = " ".join("-" if v is None else format_id(v) for v in result.domain_values)
            mark = "  (!) " + "; ".join(result.problems) if result.problems else ""
            self.stdout.write(
                f"{result.published_name[:52]:<52} {result.year:>5} "
                f"{format_id(result.index):>6}  {result.predikat:<12} {domains}{mark}"
            )


def _filtered(province: str | None, year: int | None, kind: str | None) -> QuerySet[OfficialResult]:
    results = OfficialResult.objects.select_related("instansi")
    if province:
        results = results.filter(instansi__province__iexact=province.strip())
    if year:
        results = results.filter(year=year)
    if kind:
        results = results.filter(instansi__kind=kind)
    return results
