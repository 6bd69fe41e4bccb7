"""Pages without log-in: the landing page, all instansi by type, and one instansi's history.

They show only the registry's official results and the results instansi published in Tera
(tera.reports.published).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from tera.registry.models import NationalAverage, OfficialResult
from tera.reports.comparison import MEMBER_KINDS, province_names, province_slug
from tera.reports.forms import NationalFilterForm
from tera.reports.models import Publication
from tera.reports.national import (
    default_year,
    filter_rows,
    group_summaries,
    groups_figure,
    overall_mean,
    predikat_choices,
    predikat_counts,
    year_choices,
    year_rows,
)
from tera.reports.national_workbook import national_workbook, workbook_name
from tera.reports.public_cache import PublicCache
from tera.reports.published import (
    get_public_instansi,
    history,
    history_figure,
    publication_figures,
    publications,
)

PAGE_SIZE = 50
RECENT_PUBLICATIONS = 10


def landing(request: HttpRequest) -> HttpResponse:
    per_year = dict(
        OfficialResult.objects.values_list("year").annotate(count=Count("pk")).order_by()
    )
    published = dict(
        Publication.objects.values_list("period__year").annotate(count=Count("pk")).order_by()
    )
    averages = {average.year: average for average in NationalAverage.objects.all()}
    years = [
        (year, per_year.get(year, 0), published.get(year, 0), averages.get(year))
        for year in sorted(set(per_year) | set(published), reverse=True)
    ]
    recent = [
        (publication.period.instansi, publication_figures(publication))
        for publication in publications().order_by("-published_at")[:RECENT_PUBLICATIONS]
    ]
    context = {
        "years": years,
        "provinces": [(name, province_slug(name)) for name in province_names()],
        "recent": recent,
    }
    return render(request, "reports/public_home.html", context)


def national(request: HttpRequest) -> HttpResponse:
    public = PublicCache()
    years, default, predikats, provinces = public.get("national-choices", "", _national_choices)
    data = request.GET.copy()
    if not data.get("year") and default:
        data["year"] = str(default)
    form = NationalFilterForm(data, years=years, predikats=predikats, provinces=provinces)

    def results() -> str:
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            context.update(_national(form.cleaned_data, predikats, request.GET.get("page")))
        return render_to_string("reports/national.html#national-results", context, request)

    shown = public.get("national-results", request.GET.urlencode(), results)
    if request.htmx:
        return HttpResponse(shown)
    return render(request, "reports/national.html", {"form": form, "results": shown})


def _national_choices() -> tuple[list[int], int | None, list[str], list[str]]:
    years = year_choices()
    return years, default_year(years), predikat_choices(), province_names()


def national_workbook_download(request: HttpRequest) -> HttpResponse:
    """The national view's rows, with the same filters, as a workbook."""
    years = year_choices()
    form = NationalFilterForm(
        request.GET, years=years, predikats=predikat_choices(), provinces=province_names()
    )
    if not form.is_valid():
        return HttpResponse(status=400)
    filters = form.cleaned_data
    shown = filter_rows(
        year_rows(filters["year"]),
        kind=filters["kind"],
        province=filters["province"],
        predikat=filters["predikat"],
        search=filters["q"],
    )
    response = HttpResponse(
        national_workbook(filters["year"], shown),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = workbook_name(filters["year"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _national(filters: dict[str, Any], predikats: list[str], page: str | None) -> dict[str, Any]:
    year = filters["year"]
    rows = year_rows(year)
    shown = filter_rows(
        rows,
        kind=filters["kind"],
        province=filters["province"],
        predikat=filters["predikat"],
        search=filters["q"],
    )
    summaries = group_summaries(rows, year)
    return {
        "year": year,
        "query": filters["q"].strip(),
        "page": Paginator(shown, PAGE_SIZE).get_page(page),
        "shown_count": len(shown),
        "predikat_counts": predikat_counts(shown, predikats),
        "summaries": summaries,
        "groups_figure": groups_figure(summaries, year),
        "overall_count": len(rows),
        "overall_mean": overall_mean(rows),
        "national_average": NationalAverage.objects.filter(year=year).first(),
    }


def instansi_page(request: HttpRequest, slug: str) -> HttpResponse:
    instansi = get_public_instansi(slug)
    in_province = instansi.kind in MEMBER_KINDS and bool(instansi.province)
    rows = history(instansi)
    context = {
        "instansi": instansi,
        "rows": rows,
        "figure": history_figure(rows),
        "province_slug": province_slug(instansi.province) if in_province else "",
    }
    return render(request, "reports/public_instansi.html", context)
