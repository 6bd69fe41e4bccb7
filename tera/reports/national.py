"""Every instansi of one year by type: results with filters, and averages per type beside the
averages KemenPANRB published for the same groups."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

from django.db.models import Min
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tera.registry.models import Instansi, NationalAverage, OfficialResult
from tera.registry.search import instansi_matching
from tera.reports.charts import ChartData, Series, bar_chart
from tera.reports.dashboard import Figure
from tera.reports.published import (
    TOP_INDEX,
    Figures,
    YearResult,
    public_results,
    published_years,
)

CATEGORY_AVERAGES = Path(__file__).resolve().parent / "data" / "category_averages.csv"
Kind = Instansi.Kind
KIND_ORDER = [Kind.KEMENTERIAN, Kind.LEMBAGA, Kind.PROVINSI, Kind.KABUPATEN, Kind.KOTA]
# The two groups the national reports also average: central government and regional government.
GROUPS = {
    "pusat": (_("Central government"), (Kind.KEMENTERIAN, Kind.LEMBAGA)),
    "pemda": (_("Regional government"), (Kind.PROVINSI, Kind.KABUPATEN, Kind.KOTA)),
}


@dataclass(frozen=True)
class CategoryAverage:
    """An average the national report published for one category of instansi."""

    year: int
    category: str
    group: str  # a kind of instansi, "pusat" or "pemda"
    index: Decimal
    source: str


@cache
def category_averages() -> tuple[CategoryAverage, ...]:
    with CATEGORY_AVERAGES.open(encoding="utf-8", newline="") as handle:
        return tuple(
            CategoryAverage(
                int(row["year"]),
                row["category"],
                row["group"],
                Decimal(row["index"]),
                row["source"],
            )
            for row in csv.DictReader(handle)
        )


@dataclass(frozen=True)
class NationalRow:
    instansi: Instansi
    result: YearResult

    @property
    def figures(self) -> Figures:
        return self.result.official


@dataclass(frozen=True)
class GroupSummary:
    """One type (or group of types) of instansi in one year: our mean beside the published one."""

    label: str
    count: int
    mean: Fraction | None
    published: list[CategoryAverage]


def year_choices() -> list[int]:
    """Years with an official result or a published period, latest first."""
    years = set(OfficialResult.objects.values_list("year", flat=True).distinct())
    return sorted(years | published_years(), reverse=True)


def default_year(years: list[int]) -> int | None:
    """The latest year with a published national average: later years hold only a few rows."""
    averaged = set(NationalAverage.objects.values_list("year", flat=True))
    return next((year for year in years if year in averaged), years[0] if years else None)


def predikat_choices() -> list[str]:
    """The predikat of the registry from the lowest to the highest, as the data orders them."""
    names = (
        OfficialResult.objects.exclude(predikat="")
        .values("predikat")
        .annotate(lowest=Min("index"))
        .order_by("lowest")
    )
    return [row["predikat"] for row in names]


def year_rows(year: int) -> list[NationalRow]:
    """Every public instansi's result of the year, by type, then highest index first."""
    found = public_results(None, [year])
    instansi = Instansi.objects.in_bulk([instansi_id for instansi_id, _year in found])
    rows = [NationalRow(instansi[key[0]], result) for key, result in found.items()]
    rows.sort(
        key=lambda row: (
            KIND_ORDER.index(Kind(row.instansi.kind)),
            -Fraction(row.figures.index),
            row.instansi.name,
        )
    )
    return rows


def filter_rows(
    rows: list[NationalRow], *, kind: str, province: str, predikat: str, search: str
) -> list[NationalRow]:
    """Filtered here rather than in SQL: a published Tera result's predikat is scored, not stored,
    and a year holds a few hundred rows. A name is searched as tera.registry.search matches it."""
    found = instansi_matching(search) if search.strip() else None
    return [
        row
        for row in rows
        if (not kind or row.instansi.kind == kind)
        and (not province or row.instansi.province == province)
        and (not predikat or row.figures.predikat == predikat)
        and (found is None or row.instansi.pk in found)
    ]


def group_summaries(rows: list[NationalRow], year: int) -> list[GroupSummary]:
    """Each type, then the central and regional groups: the mean of the rows, and the report's."""
    published = [average for average in category_averages() if average.year == year]
    groups: list[tuple[str, str, tuple[str, ...]]] = [
        (kind.value, str(kind.label), (kind.value,)) for kind in KIND_ORDER
    ]
    groups += [(key, str(label), kinds) for key, (label, kinds) in GROUPS.items()]
    summaries = []
    for key, label, kinds in groups:
        indices = [Fraction(row.figures.index) for row in rows if row.instansi.kind in kinds]
        summaries.append(
            GroupSummary(
                label,
                len(indices),
                sum(indices, Fraction(0)) / len(indices) if indices else None,
                [average for average in published if average.group == key],
            )
        )
    return summaries


def overall_mean(rows: list[NationalRow]) -> Fraction | None:
    if not rows:
        return None
    return sum((Fraction(row.figures.index) for row in rows), Fraction(0)) / len(rows)


def predikat_counts(rows: list[NationalRow], order: list[str]) -> list[tuple[str, int]]:
    """How many rows have each predikat, in the given order; any other predikat last."""
    counts = Counter(row.figures.predikat for row in rows)
    return sorted(
        counts.items(),
        key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
    )


def groups_figure(summaries: list[GroupSummary], year: int) -> Figure:
    """Our mean beside the report's, where the report has one figure for the same group."""
    data = ChartData(
        title=gettext("Averages by type, %(year)s") % {"year": year},
        label_heading=gettext("Type"),
        labels=tuple(summary.label for summary in summaries),
        series=(
            Series(
                gettext("Mean of the results listed"),
                tuple(summary.mean for summary in summaries),
            ),
            Series(
                gettext("Average published by KemenPANRB"),
                tuple(
                    summary.published[0].index if len(summary.published) == 1 else None
                    for summary in summaries
                ),
            ),
        ),
    )
    return Figure(data, bar_chart(data, name="groups-chart", maximum=TOP_INDEX))
