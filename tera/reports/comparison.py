"""A province beside its kab/kota: official results, spread, ranking, heatmap, weak indicators.

The public part is the registry plus published periods (tera.reports.published). A user who reads
an instansi of the province in Tera (its provincial coordinator, above all) also sees in the
heatmap the official levels of that instansi's unpublished periods, or its self-assessed ones,
marked as such. `comparison_context` gathers everything the page shows, for the page, the
workbook and the PDF alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tera.assessments.access import visible_periods
from tera.assessments.models import Answer, Period, StageScore
from tera.assessments.stages import by_stage
from tera.core import stages as core_stages
from tera.core.instrument import Indicator
from tera.core.scoring import Score, score
from tera.instruments.models import InstrumentVersion
from tera.organizations.access import User, access_for, visible_instansi
from tera.registry.models import Instansi, NationalAverage, OfficialResult
from tera.reports.charts import ChartData, Series, bar_chart, heatmap
from tera.reports.dashboard import Figure
from tera.reports.published import (
    TOP_INDEX,
    Figures,
    YearResult,
    public_instansi,
    public_results,
    publications,
)
from tera.reports.published import change as change_between

Kind = Instansi.Kind
MEMBER_KINDS = (Kind.PROVINSI, Kind.KABUPATEN, Kind.KOTA)
WEAK_COUNT = 5


def province_slug(name: str) -> str:
    return slugify(name)


def province_names(user: User | None = None) -> list[str]:
    """Provinces with a province or kab/kota in public, or in Tera within the user's reach."""
    members = public_instansi()
    if user is not None and user.is_authenticated:
        members = members | visible_instansi(user)
    names = (
        members.filter(kind__in=MEMBER_KINDS)
        .exclude(province="")
        .order_by("province")
        .values_list("province", flat=True)
        .distinct()
    )
    return list(names)


def find_province(value: str, user: User | None = None) -> str | None:
    """The province a URL names, by its slug or its name in any case."""
    wanted = province_slug(value)
    return next((name for name in province_names(user) if province_slug(name) == wanted), None)


def province_years(province: str, user: User | None = None) -> list[int]:
    """Years with a public result in the province, or a period the user may read there."""
    members = public_instansi().filter(province=province, kind__in=MEMBER_KINDS)
    years = set(OfficialResult.objects.filter(instansi__in=members).values_list("year", flat=True))
    years |= set(
        publications().filter(period__instansi__in=members).values_list("period__year", flat=True)
    )
    if user is not None and user.is_authenticated:
        years |= set(
            _province_periods(province, visible_periods(user)).values_list("year", flat=True)
        )
    return sorted(years, reverse=True)


def _province_periods(province: str, periods: QuerySet[Period]) -> QuerySet[Period]:
    """The annual self-assessments of the province and its kab/kota."""
    return periods.filter(
        kind=Period.Kind.MANDIRI, instansi__province=province, instansi__kind__in=MEMBER_KINDS
    )


@dataclass(frozen=True)
class Row:
    """One instansi of the province in the chosen year."""

    instansi: Instansi
    result: YearResult | None
    previous: YearResult | None
    rank: int | None = None  # among the kab/kota; ties share a rank
    gap: Fraction | None = None  # the kab/kota's index minus the province's

    @property
    def figures(self) -> Figures | None:
        return self.result.official if self.result else None

    @property
    def change(self) -> Fraction | None:
        return change_between(self.result, self.previous)

    @property
    def is_province(self) -> bool:
        return self.instansi.kind == Kind.PROVINSI


@dataclass(frozen=True)
class Spread:
    """The kab/kota of the province: lowest, highest and mean index, and the province's own."""

    count: int
    lowest: Row
    highest: Row
    mean: Fraction
    province_index: Fraction | None

    @property
    def width(self) -> Fraction:
        return _index(self.highest) - _index(self.lowest)


def _index(row: Row) -> Fraction:
    assert row.figures is not None
    return Fraction(row.figures.index)


def comparison_rows(province: str, year: int) -> list[Row]:
    """The province first, then its kab/kota by name; each with its rank and gap."""
    members = sorted(
        public_instansi().filter(province=province, kind__in=MEMBER_KINDS),
        key=lambda instansi: (instansi.kind != Kind.PROVINSI, instansi.name),
    )
    found = public_results([m.pk for m in members], (year - 1, year))
    rows = [Row(m, found.get((m.pk, year)), found.get((m.pk, year - 1))) for m in members]
    ranks = competition_ranks(_scored_kab_kota(rows))
    province_index = _province_index(rows)
    return [
        replace(row, rank=ranks.get(row.instansi.pk), gap=_gap(row, province_index)) for row in rows
    ]


def _scored_kab_kota(rows: list[Row]) -> list[Row]:
    return [row for row in rows if not row.is_province and row.figures]


def _province_index(rows: list[Row]) -> Fraction | None:
    own = next((row for row in rows if row.is_province and row.figures), None)
    return _index(own) if own else None


def _gap(row: Row, province_index: Fraction | None) -> Fraction | None:
    if row.is_province or row.figures is None or province_index is None:
        return None
    return _index(row) - province_index


def competition_ranks(rows: list[Row]) -> dict[int, int]:
    """instansi -> rank by index, highest first; equal indices share a rank (1, 2, 2, 4)."""
    ordered = sorted(rows, key=_index, reverse=True)
    ranks: dict[int, int] = {}
    for position, row in enumerate(ordered, start=1):
        earlier = ordered[position - 2] if position > 1 else None
        tied = earlier is not None and _index(earlier) == _index(row)
        ranks[row.instansi.pk] = ranks[earlier.instansi.pk] if tied and earlier else position
    return ranks


def ranking(rows: list[Row]) -> list[Row]:
    return sorted((row for row in rows if row.rank), key=lambda row: (row.rank, row.instansi.name))


def spread(rows: list[Row]) -> Spread | None:
    scored = _scored_kab_kota(rows)
    if not scored:
        return None
    return Spread(
        count=len(scored),
        lowest=min(scored, key=_index),
        highest=max(scored, key=_index),
        mean=sum((_index(row) for row in scored), Fraction(0)) / len(scored),
        province_index=_province_index(rows),
    )


class Source(StrEnum):
    """Where a heatmap row's levels come from; only PUBLISHED ones are ever public."""

    PUBLISHED = "published"
    OFFICIAL = "official"  # the official levels of a period not published
    SELF = "self"  # the self-assessment, before any external stage


def source_label(source: Source) -> str:
    labels = {
        Source.PUBLISHED: _("published"),
        Source.OFFICIAL: _("official, not published"),
        Source.SELF: _("self-assessed"),
    }
    return labels[source]


Levels = tuple[Period, Source, dict[int, int]]
"""A period, where its levels come from, and the levels by indicator number."""


@dataclass(frozen=True)
class HeatRow:
    instansi: Instansi
    source: Source
    cells: tuple[int | None, ...]  # one level per indicator of the instrument, in its order
    score: Score

    @property
    def source_label(self) -> str:
        return source_label(self.source)


@dataclass(frozen=True)
class WeakIndicator:
    indicator: Indicator
    mean: Fraction
    count: int  # instansi with a level for it
    self_assessed: int  # of which the level is self-assessed


@dataclass(frozen=True)
class Heatmap:
    """The indicator levels of the province's instansi scored with one instrument version."""

    version: InstrumentVersion
    rows: list[HeatRow]
    weak: list[WeakIndicator]
    figure: Figure

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return self.version.instrument.indicators

    @property
    def has_unpublished(self) -> bool:
        return any(row.source is not Source.PUBLISHED for row in self.rows)


def heatmaps(province: str, year: int, user: User) -> list[Heatmap]:
    """One heatmap per instrument version used that year, each row an instansi's levels."""
    periods = _province_periods(province, Period.objects.filter(year=year))
    found: list[Levels] = [
        (p.period, Source.PUBLISHED, p.official_levels)
        for p in publications().filter(period__in=periods)
    ]
    found += _unpublished(periods, user)
    grouped: dict[int, list[Levels]] = defaultdict(list)
    for entry in found:
        grouped[entry[0].instrument_id].append(entry)
    maps = [_heatmap(entries) for entries in grouped.values()]
    return sorted(maps, key=lambda heatmap: (heatmap.version.code, heatmap.version.revision))


def _unpublished(periods: QuerySet[Period], user: User) -> list[Levels]:
    """The periods not published that the user reads whole, with their best levels."""
    if not user.is_authenticated:
        return []
    readable = [
        period
        for period in visible_periods(user)
        .filter(pk__in=periods.values("pk"), publication__isnull=True)
        .select_related("instansi", "instrument")
        if access_for(user, period.instansi).reads_everything
    ]
    answered: dict[int, dict[int, int]] = defaultdict(dict)
    answers = Answer.objects.filter(period__in=readable).exclude(level=None)
    for period_id, number, level in answers.values_list("period_id", "indicator", "level"):
        answered[period_id][number] = level
    stored: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    scores = StageScore.objects.filter(period__in=readable)
    for period_id, number, stage, level in scores.values_list(
        "period_id", "indicator", "stage", "level"
    ):
        stored[period_id].append((number, stage, level))
    found: list[Levels] = []
    for period in readable:
        self_levels = answered[period.pk]
        official = core_stages.official_levels(self_levels, by_stage(stored[period.pk]))
        if official:
            found.append((period, Source.OFFICIAL, official))
        elif self_levels:
            found.append((period, Source.SELF, self_levels))
    return found


def _heatmap(entries: list[Levels]) -> Heatmap:
    version = entries[0][0].instrument
    definition = version.instrument
    rows = [
        HeatRow(
            period.instansi,
            source,
            tuple(levels.get(indicator.number) for indicator in definition.indicators),
            score(definition, levels, period.year),
        )
        for period, source, levels in sorted(entries, key=lambda e: e[0].instansi.name)
    ]
    weak = weak_indicators(definition.indicators, rows)
    return Heatmap(version, rows, weak, _heatmap_figure(version, rows))


def _heatmap_figure(version: InstrumentVersion, rows: list[HeatRow]) -> Figure:
    """Unpublished rows say so in their label: the chart may be seen apart from its table."""
    definition = version.instrument
    data = ChartData(
        title=_("Indicator levels, %(instrument)s") % {"instrument": version.name},
        label_heading=_("Instansi"),
        labels=tuple(
            row.instansi.name
            if row.source is Source.PUBLISHED
            else f"{row.instansi.name} ({row.source_label})"
            for row in rows
        ),
        series=tuple(
            Series(str(indicator.number), tuple(row.cells[position] for row in rows))
            for position, indicator in enumerate(definition.indicators)
        ),
        places=0,
    )
    svg = heatmap(data, name=f"heatmap-{version.pk}", maximum=definition.max_level)
    return Figure(data, svg)


def index_figure(rows: list[Row], year: int) -> Figure | None:
    """The province, then its kab/kota from the highest index: the ranking as bars."""
    shown = [row for row in rows if row.is_province and row.figures] + ranking(rows)
    if not shown:
        return None
    data = ChartData(
        title=_("Index %(year)s") % {"year": year},
        label_heading=_("Instansi"),
        labels=tuple(row.instansi.name for row in shown),
        series=(Series(_("Index"), tuple(_index(row) for row in shown)),),
    )
    return Figure(data, bar_chart(data, name="index-chart", maximum=TOP_INDEX))


def weak_indicators(indicators: tuple[Indicator, ...], rows: list[HeatRow]) -> list[WeakIndicator]:
    """The indicators with the lowest mean level across the rows: candidates for joint work."""
    found = []
    for position, indicator in enumerate(indicators):
        levels = [(row.cells[position], row.source) for row in rows]
        known = [(level, source) for level, source in levels if level is not None]
        if not known:
            continue
        found.append(
            WeakIndicator(
                indicator,
                Fraction(sum(level for level, _source in known), len(known)),
                len(known),
                sum(1 for _level, source in known if source is Source.SELF),
            )
        )
    found.sort(key=lambda weak: (weak.mean, weak.indicator.number))
    return found[:WEAK_COUNT]


def comparison_context(province: str, year: int, user: User) -> dict[str, Any]:
    """Everything the provincial comparison shows, for the page, the workbook and the PDF."""
    rows = comparison_rows(province, year)
    return {
        "province": province,
        "province_slug": province_slug(province),
        "year": year,
        "previous_year": year - 1,
        "years": province_years(province, user),
        "rows": rows,
        "ranking": ranking(rows),
        "spread": spread(rows),
        "index_figure": index_figure(rows, year),
        "heatmaps": heatmaps(province, year, user),
        "national": NationalAverage.objects.filter(year=year).first(),
    }
