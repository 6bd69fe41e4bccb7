"""The official results the public pages may show: the registry's, and published Tera periods'.

Nothing else of Tera reaches a page without log-in: no self-assessment, no unpublished official
level, no evidence, explanation or name of a person. Every Tera number is scored here from the
published levels with tera.core.scoring.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tera.core.scoring import Score, score
from tera.registry.models import Instansi, OfficialResult
from tera.reports.charts import ChartData, Series, line_chart
from tera.reports.dashboard import Figure
from tera.reports.models import Publication

Number = Decimal | Fraction
# The registry's four domain columns, found in a Tera instrument by the names of its domains.
DOMAIN_KEYWORDS = ("kebijakan", "tata kelola", "manajemen", "layanan")
TOP_INDEX = 5  # the published SPBE indices run from 0 to 5


@dataclass(frozen=True)
class Figures:
    """One instansi's official result of one year."""

    instansi_id: int
    year: int
    index: Number
    predikat: str
    domains: tuple[Number | None, ...]  # kebijakan, tata kelola, manajemen, layanan
    from_registry: bool
    problems: tuple[str, ...] = ()  # the registry's check problems: the row is flagged
    instrument: str = ""  # for a Tera result, the instrument it was scored with
    source: str = ""  # for a registry result, the report it was read from
    # For a registry result, the exact weighted sum of its published domain indices.
    computed_index: Decimal | None = None


@dataclass(frozen=True)
class YearResult:
    """The figure shown for one instansi and year; a published Tera one the registry overrode."""

    official: Figures
    tera: Figures | None = None


def registry_figures(result: OfficialResult) -> Figures:
    return Figures(
        instansi_id=result.instansi_id,
        year=result.year,
        index=result.index,
        predikat=result.predikat,
        domains=tuple(result.domain_values),  # type: ignore[arg-type]
        from_registry=True,
        problems=tuple(result.problems),
        source=result.source,
        computed_index=result.computed_index,
    )


def published_score(publication: Publication) -> Score:
    period = publication.period
    return score(period.definition, publication.official_levels, period.year)


def publication_figures(publication: Publication) -> Figures:
    period = publication.period
    result = published_score(publication)
    assert result.index is not None  # a publication holds a level for every indicator
    return Figures(
        instansi_id=period.instansi_id,
        year=period.year,
        index=result.index,
        predikat=result.predikat or "",
        domains=four_domains(result),
        from_registry=False,
        instrument=period.instrument.name,
    )


def four_domains(result: Score) -> tuple[Fraction | None, ...]:
    """The domain indices in the registry's four columns; none where the instrument lacks one."""
    values: list[Fraction | None] = [None] * len(DOMAIN_KEYWORDS)
    for domain in result.domains:
        name = domain.name.casefold()
        for position, keyword in enumerate(DOMAIN_KEYWORDS):
            if keyword in name and values[position] is None:
                values[position] = domain.value
                break
    return tuple(values)


def publications() -> QuerySet[Publication]:
    return Publication.objects.select_related("period__instrument", "period__instansi")


def public_results(
    instansi_ids: Iterable[int] | None, years: Iterable[int]
) -> dict[tuple[int, int], YearResult]:
    """(instansi, year) -> its result; where both exist, the registry's official figure wins.

    None for instansi_ids means every instansi. Two queries, however many rows.
    """
    years = list(years)
    results = OfficialResult.objects.filter(year__in=years)
    published = publications().filter(period__year__in=years)
    if instansi_ids is not None:
        ids = list(instansi_ids)
        results = results.filter(instansi_id__in=ids)
        published = published.filter(period__instansi_id__in=ids)
    found = {(r.instansi_id, r.year): YearResult(registry_figures(r)) for r in results}
    for publication in published:
        tera = publication_figures(publication)
        key = (tera.instansi_id, tera.year)
        registry = found.get(key)
        found[key] = YearResult(registry.official, tera) if registry else YearResult(tera)
    return found


def public_instansi() -> QuerySet[Instansi]:
    """Instansi with an official result or a published period; nobody else is named in public."""
    return Instansi.objects.filter(
        Exists(OfficialResult.objects.filter(instansi=OuterRef("pk")))
        | Exists(Publication.objects.filter(period__instansi=OuterRef("pk")))
    )


def get_public_instansi(slug: str) -> Instansi:
    instansi = public_instansi().filter(slug=slug).first()
    if instansi is None:
        raise Http404
    return instansi


def published_years() -> set[int]:
    return set(Publication.objects.values_list("period__year", flat=True).distinct())


@dataclass(frozen=True)
class HistoryRow:
    year: int
    result: YearResult
    change: Fraction | None  # since the year before, where that year has a result too


def history(instansi: Instansi) -> list[HistoryRow]:
    """Every year with a result, latest first, each with its change since the year before."""
    years = set(instansi.results.values_list("year", flat=True))
    years |= set(
        Publication.objects.filter(period__instansi=instansi).values_list("period__year", flat=True)
    )
    found = public_results([instansi.pk], years)
    by_year = {year: found[(instansi.pk, year)] for year in years}
    return [
        HistoryRow(year, by_year[year], change(by_year[year], by_year.get(year - 1)))
        for year in sorted(years, reverse=True)
    ]


def change(current: YearResult | None, previous: YearResult | None) -> Fraction | None:
    """Exact, whichever source each year's figure came from."""
    if current is None or previous is None:
        return None
    return Fraction(current.official.index) - Fraction(previous.official.index)


def history_figure(rows: list[HistoryRow]) -> Figure | None:
    """The index year by year, oldest first; the history table beside it gives every number."""
    if not rows:
        return None
    ordered = sorted(rows, key=lambda row: row.year)
    data = ChartData(
        title=_("Index across years"),
        label_heading=_("Year"),
        labels=tuple(str(row.year) for row in ordered),
        series=(Series(_("Index"), tuple(row.result.official.index for row in ordered)),),
    )
    return Figure(data, line_chart(data, name="history-chart", maximum=TOP_INDEX))
