"""CSV and JSON exports: a period's results, and the official results of the registry.

Column names and JSON keys are the exports' format, in Indonesian like the sheets Tera reads, and
are not translated: a script reading them works whatever the user's language. Numbers come from
tera.core: exact strings ("3.2825") for programs, and the Indonesian display ("3,28") for people.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tera.assessments.models import Answer, Period
from tera.assessments.pages import reviewed_score, self_assessed_score
from tera.assessments.stages import recorded_levels
from tera.core import stages as core_stages
from tera.core.numbers import exact_string, format_id
from tera.core.scoring import NodeScore, Score, score
from tera.core.stages import EXTERNAL_STAGES
from tera.registry.models import OfficialResult

# Excel reads a CSV as UTF-8 only when it starts with a byte order mark; without it the names
# of Indonesian instansi come out garbled.
BOM = "\ufeff"
# Excel runs a cell that starts with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DOMAIN_FIELDS = ("kebijakan", "tata_kelola", "manajemen", "layanan")


@dataclass(frozen=True)
class IndicatorResult:
    number: int
    aspect: int
    name: str
    answer: Answer
    stages: dict[str, int | None]


@dataclass(frozen=True)
class PeriodResults:
    period: Period
    rows: list[IndicatorResult]
    self_assessed: Score
    reviewed: Score
    final: Score | None  # the external stages' result, once any stage is recorded


def period_results(period: Period) -> PeriodResults:
    definition = period.definition
    answers = {a.indicator: a for a in period.answers.all()}
    self_levels = {n: a.level for n, a in answers.items() if a.level is not None}
    recorded = recorded_levels(period)
    reached = core_stages.latest_recorded_stage(recorded) is not None
    in_effect = {
        stage.value: core_stages.effective_levels(self_levels, recorded, stage) if reached else {}
        for stage in EXTERNAL_STAGES
    }
    rows = [
        IndicatorResult(
            indicator.number,
            indicator.aspect_number,
            indicator.name,
            answers[indicator.number],
            {stage: levels.get(indicator.number) for stage, levels in in_effect.items()},
        )
        for indicator in definition.indicators
    ]
    final = core_stages.official_levels(self_levels, recorded)
    return PeriodResults(
        period=period,
        rows=rows,
        self_assessed=self_assessed_score(period, list(answers.values())),
        reviewed=reviewed_score(period, list(answers.values())),
        final=score(definition, final, period.year) if reached else None,
    )


def _exact(value: Fraction | Decimal | None) -> str | None:
    return None if value is None else exact_string(value)


def _display(value: Fraction | Decimal | None) -> str | None:
    return None if value is None else format_id(value)


def _node(node: NodeScore) -> dict[str, Any]:
    return {
        "number": node.number,
        "name": node.name,
        "index": _exact(node.value),
        "index_display": _display(node.value),
        "coverage": exact_string(node.coverage),
    }


def score_summary(result: Score) -> dict[str, Any]:
    return {
        "index": _exact(result.index),
        "index_display": _display(result.index),
        "predikat": result.predikat,
        "coverage": exact_string(result.coverage),
        "coverage_display": f"{format_id(result.coverage * 100, 0)}%",
        "complete": result.complete,
        "domains": [_node(node) for node in result.domains],
        "aspects": [_node(node) for node in result.aspects],
    }


def period_json(results: PeriodResults) -> dict[str, Any]:
    period = results.period
    return {
        "period": {
            "id": period.pk,
            "name": period.name,
            "kind": period.kind,
            "year": period.year,
            "semester": period.semester,
            "status": period.status,
            "instansi": {"id": period.instansi_id, "name": period.instansi.name},
            "instrument": {"code": period.instrument.code, "revision": period.instrument.revision},
        },
        "summary": {
            "self_assessed": score_summary(results.self_assessed),
            "reviewed": score_summary(results.reviewed),
            "final": None if results.final is None else score_summary(results.final),
        },
        "indicators": [
            {
                "number": row.number,
                "aspect": row.aspect,
                "name": row.name,
                "level": row.answer.level,
                "reviewer_level": row.answer.reviewer_level,
                "status": row.answer.status,
                "status_label": str(row.answer.get_status_display()),
                "stages": row.stages,
            }
            for row in results.rows
        ],
    }


def period_csv_rows(results: PeriodResults) -> Iterator[list[Any]]:
    """The indicators, an empty row, then the summary as name and value pairs."""
    stages = [f"tingkat_{stage.value}" for stage in EXTERNAL_STAGES]
    yield ["indikator", "aspek", "nama_indikator", "tingkat", "tingkat_reviu", "status", *stages]
    for row in results.rows:
        answer = row.answer
        yield [
            row.number,
            row.aspect,
            row.name,
            answer.level,
            answer.reviewer_level,
            answer.get_status_display(),
            *row.stages.values(),
        ]
    yield []
    yield ["ringkasan", "nilai"]
    scores = {"mandiri": results.self_assessed, "reviu": results.reviewed, "final": results.final}
    for name, result in scores.items():
        if result is not None:
            yield [f"indeks_{name}", _exact(result.index)]
            yield [f"indeks_{name}_tampil", _display(result.index)]
            yield [f"predikat_{name}", result.predikat]
            yield [f"cakupan_{name}", exact_string(result.coverage)]


def registry_json_row(result: OfficialResult) -> dict[str, Any]:
    instansi = result.instansi
    return {
        "instansi": instansi.name,
        "slug": instansi.slug,
        "published_name": result.published_name,
        "kind": instansi.kind,
        "province": instansi.province,
        "year": result.year,
        "index": _exact(result.index),
        "index_display": _display(result.index),
        "predikat": result.predikat,
        "domains": {name: _exact(getattr(result, name)) for name in DOMAIN_FIELDS},
        "problems": result.problems,
    }


def registry_csv_rows(results: Iterable[OfficialResult]) -> Iterator[list[Any]]:
    yield [
        "instansi",
        "nama_terbit",
        "jenis",
        "provinsi",
        "tahun",
        "indeks",
        "indeks_tampil",
        "predikat",
        *DOMAIN_FIELDS,
        "catatan_pemeriksaan",
    ]
    for result in results:
        row = registry_json_row(result)
        yield [
            row["instansi"],
            row["published_name"],
            row["kind"],
            row["province"],
            row["year"],
            row["index"],
            row["index_display"],
            row["predikat"],
            *row["domains"].values(),
            "; ".join(result.problems),
        ]


class _Line:
    """A file-like object whose write returns the line, so csv.writer can feed a generator."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """The rows as CSV text, one line at a time, after the byte order mark."""
    writer = csv.writer(_Line())
    yield BOM
    for row in rows:
        yield writer.writerow([_safe(value) for value in row])


def _safe(value: Any) -> Any:
    """Text that Excel would run as a formula is kept as text by a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
