"""Loading the shipped official results into the registry, checking every row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from tera.core.instrument import Instrument
from tera.instruments.library import file_library
from tera.registry.checks import check_row
from tera.registry.models import Instansi, InstansiAlias, NationalAverage, OfficialResult

DATA = Path(__file__).resolve().parent / "data"
DOMAIN_COLUMNS = ("kebijakan", "tata_kelola", "manajemen", "layanan")
KINDS = set(Instansi.Kind.values)
COLUMNS = ("year", "instansi", "kind", "province", "index", "predikat", *DOMAIN_COLUMNS, "source")
REQUIRED_COLUMNS = ("year", "instansi", "kind", "index")


class ImportFailed(ValueError):
    """The file cannot be imported; nothing has been written."""


@dataclass
class ImportReport:
    rows_per_year: dict[int, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def instrument_for_year(year: int) -> Instrument:
    """Results up to 2020 were scored with the 2018 instrument, later ones with the 2020 one."""
    return file_library().get("spbe-2018" if year <= 2020 else "spbe-2020")


def import_results(results_file: Path = DATA / "results.csv") -> ImportReport:
    """Create or update the registry in one transaction: running it twice changes nothing."""
    rows = list(_read(results_file))
    report = ImportReport()
    with transaction.atomic():
        aliases = _load_aliases()
        _check_unique_rows(rows, aliases)
        instansi_by_name: dict[str, Instansi] = {}
        for line, row in rows:
            _import_row(line, row, aliases, instansi_by_name, report)
        _import_national_averages()
    return report


def _read(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ImportFailed(
                    f"{path.name}: kolom {', '.join(missing)} tidak ada di baris judul; "
                    f"kolom yang diharapkan: {', '.join(COLUMNS)}"
                )
            yield from enumerate(reader, start=2)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ImportFailed(f"{path.name} tidak dapat dibaca: {exc}") from None


def _check_unique_rows(rows: list[tuple[int, dict[str, str]]], aliases: dict[str, str]) -> None:
    """Two rows for one instansi and year would silently overwrite each other."""
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        name = row["instansi"].strip()
        key = (aliases.get(name, name), row["year"].strip())
        if key in seen:
            raise ImportFailed(
                f"baris {line}: {name} tahun {key[1]} sudah ada di baris {seen[key]} "
                "(mungkin dengan nama lain di aliases.csv); hapus salah satunya"
            )
        seen[key] = line


def _load_aliases() -> dict[str, str]:
    with (DATA / "aliases.csv").open(encoding="utf-8", newline="") as handle:
        return {row["alias"]: row["instansi"] for row in csv.DictReader(handle)}


def _import_row(
    line: int,
    row: dict[str, str],
    aliases: dict[str, str],
    instansi_by_name: dict[str, Instansi],
    report: ImportReport,
) -> None:
    year, index = _integer(row, "year", line), _decimal(row.get("index", ""), line, "index")
    if index is None:
        raise ImportFailed(f"baris {line}: kolom index wajib diisi")
    domains = [_decimal(row.get(column, ""), line, column) for column in DOMAIN_COLUMNS]
    published = row["instansi"].strip()
    instansi = _instansi(aliases.get(published, published), row, line, instansi_by_name)
    if published != instansi.name:
        InstansiAlias.objects.get_or_create(name=published, defaults={"instansi": instansi})
    check = check_row(instrument_for_year(year), year, index, row.get("predikat", ""), domains)
    OfficialResult.objects.update_or_create(
        instansi=instansi,
        year=year,
        defaults={
            "published_name": published,
            "index": index,
            "predikat": row.get("predikat", ""),
            **dict(zip(DOMAIN_COLUMNS, domains, strict=True)),
            "computed_index": check.computed_decimal,
            "problems": check.problems,
            "notes": check.notes,
            "source": row.get("source", ""),
        },
    )
    report.rows_per_year[year] = report.rows_per_year.get(year, 0) + 1
    report.problems.extend(f"{published} ({year}): {problem}" for problem in check.problems)
    report.notes.extend(f"{published} ({year}): {note}" for note in check.notes)


def _instansi(
    name: str, row: dict[str, str], line: int, instansi_by_name: dict[str, Instansi]
) -> Instansi:
    if name in instansi_by_name:
        return instansi_by_name[name]
    kind = row.get("kind", "").strip()
    if kind not in KINDS:
        raise ImportFailed(f"baris {line}: jenis instansi '{kind}' tidak dikenal")
    instansi, _ = Instansi.objects.update_or_create(
        name=name,
        defaults={
            "slug": slugify(name)[:255],
            "kind": kind,
            "province": row.get("province", "").strip(),
        },
    )
    instansi_by_name[name] = instansi
    return instansi


def _integer(row: dict[str, str], column: str, line: int) -> int:
    try:
        return int(row.get(column, ""))
    except ValueError:
        raise ImportFailed(f"baris {line}: kolom {column} harus bilangan bulat") from None


def _decimal(text: str | None, line: int, column: str) -> Decimal | None:
    if not text or not text.strip():
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ImportFailed(f"baris {line}: kolom {column} '{text}' bukan angka") from None
    if not value.is_finite() or not 0 <= value <= 5:
        raise ImportFailed(f"baris {line}: kolom {column} harus antara 0 dan 5")
    return value


def _import_national_averages() -> None:
    with (DATA / "national_averages.csv").open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            NationalAverage.objects.update_or_create(
                year=_integer(row, "year", line),
                defaults={
                    "index": _decimal(row["index"], line, "index"),
                    "predikat": row["predikat"],
                    **{c: _decimal(row[c], line, c) for c in DOMAIN_COLUMNS},
                    "assessed": int(row["assessed"]) if row["assessed"] else None,
                    "baik_or_better": int(row["baik_or_better"]) if row["baik_or_better"] else None,
                    "note": row["note"],
                    "source": row["source"],
                },
            )
