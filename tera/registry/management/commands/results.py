"""`tera results import | show`: the official results registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db.models import QuerySet
from django.db.utils import DatabaseError

from tera.commands import TeraCommand
from tera.core.numbers import format_id
from tera.registry.importer import ImportFailed, import_results
from tera.registry.models import Instansi, OfficialResult

# Bad input exits with status 2, like argparse's own usage errors.
BAD_INPUT = 2
HEADER = (
    f"{'instansi':<48} {'jenis':<11} {'provinsi':<24} {'tahun':>5} {'indeks':>6}  "
    f"{'predikat':<11} {'D1':>4} {'D2':>4} {'D3':>4} {'D4':>4}"
)


class Command(TeraCommand):
    help = "Muat atau tampilkan hasil resmi evaluasi SPBE."

    def add_arguments(self, parser: Any) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="muat hasil resmi yang dikirim bersama Tera")
        load.add_argument("--file", help="berkas CSV lain dengan kolom yang sama")
        show = actions.add_parser("show", help="tampilkan hasil resmi")
        show.add_argument("--province", help="nama provinsi (huruf besar/kecil sama saja)")
        show.add_argument("--year", type=int, help="tahun evaluasi, misalnya 2024")
        show.add_argument("--kind", choices=Instansi.Kind.values, help="jenis instansi")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "import":
                self.import_rows(options["file"])
            else:
                self.show(options["province"], options["year"], options["kind"])
        except DatabaseError as exc:
            raise CommandError(
                f"basis data belum siap ({exc}); jalankan 'tera migrate' dulu",
                returncode=BAD_INPUT,
            ) from None

    def import_rows(self, file: str | None) -> None:
        try:
            report = import_results(Path(file)) if file else import_results()
        except ImportFailed as exc:
            raise CommandError(f"{exc}; tidak ada yang diubah", returncode=BAD_INPUT) from None
        for year, count in sorted(report.rows_per_year.items()):
            self.stdout.write(f"{year}: {count} baris dimuat")
        for note in report.notes:
            self.stdout.write(f"catatan: {note}")
        for problem in report.problems:
            self.stdout.write(f"TIDAK KONSISTEN: {problem}")
        self.stdout.write(
            f"Instansi: {Instansi.objects.count()}; masalah: {len(report.problems)}; "
            f"catatan: {len(report.notes)}"
        )

    def show(self, province: str | None, year: int | None, kind: str | None) -> None:
        _check_choices(province, year)
        results = _filtered(province, year, kind)
        if not results:
            raise CommandError(
                "tidak ada hasil resmi untuk gabungan pilihan ini; kurangi filter "
                "--province/--year/--kind",
                returncode=BAD_INPUT,
            )
        self.stdout.write(HEADER)
        for result in results:
            self.stdout.write(_line(result))


def _check_choices(province: str | None, year: int | None) -> None:
    """Say which value is wrong, with the values that would work."""
    if province:
        provinces = set(Instansi.objects.exclude(province="").values_list("province", flat=True))
        if province.strip().casefold() not in {p.casefold() for p in provinces}:
            raise CommandError(
                f"provinsi '{province}' tidak ada di registri; pilih salah satu: "
                f"{', '.join(sorted(provinces)) or '(kosong: jalankan tera results import)'}",
                returncode=BAD_INPUT,
            )
    if year:
        years = sorted(set(OfficialResult.objects.values_list("year", flat=True)))
        if year not in years:
            raise CommandError(
                f"tidak ada hasil resmi tahun {year}; tahun yang tersedia: "
                f"{', '.join(map(str, years)) or '(kosong: jalankan tera results import)'}",
                returncode=BAD_INPUT,
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


def _line(result: OfficialResult) -> str:
    instansi = result.instansi
    province = (instansi.province or "-")[:24]
    domains = " ".join(f"{'-' if v is None else format_id(v):>4}" for v in result.domain_values)
    mark = "  (!) " + "; ".join(result.problems) if result.problems else ""
    return (
        f"{result.published_name[:48]:<48} {instansi.kind:<11} {province:<24} "
        f"{result.year:>5} {format_id(result.index):>6}  {result.predikat or '-':<11} "
        f"{domains}{mark}"
    )
