"""The provincial comparison page and its workbook: public, with more for who reads the kab/kota."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header

from tera.reports.comparison import (
    comparison_context,
    find_province,
    province_slug,
    province_years,
)
from tera.reports.comparison_workbook import build_comparison_workbook, workbook_name
from tera.reports.public_cache import PublicCache

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def province_page(request: HttpRequest, province: str) -> HttpResponse:
    # Who reads a kab/kota in Tera sees more than the public: only the public part is shared.
    public = None if request.user.is_authenticated else PublicCache()
    found = _province_and_year(request, province, "public:province", public)
    if isinstance(found, HttpResponse):
        return found
    name, year = found

    def comparison() -> str:
        context = comparison_context(name, year, request.user)
        return render_to_string("reports/province.html#comparison", context, request)

    shown = (
        comparison() if public is None else public.get("province", f"{name}\0{year}", comparison)
    )
    if request.htmx:
        return HttpResponse(shown)
    return render(request, "reports/province.html", {"province": name, "comparison": shown})


def province_workbook(request: HttpRequest, province: str) -> HttpResponse:
    found = _province_and_year(request, province, "public:province_workbook")
    if isinstance(found, HttpResponse):
        return found
    context = comparison_context(*found, request.user)
    response = HttpResponse(build_comparison_workbook(context), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, workbook_name(context))
    return response


def _province_and_year(
    request: HttpRequest, value: str, url_name: str, public: PublicCache | None = None
) -> tuple[str, int] | HttpResponse:
    """The province named by slug or name (a name redirects to the slug) and the chosen year.

    No year means the latest with a result; a year without one is a 404 rather than an empty page.
    With `public`, the province and its years are kept there until the public results change.
    """

    def province_and_years() -> tuple[str | None, list[int]]:
        name = find_province(value, request.user)
        return name, province_years(name, request.user) if name else []

    name, years = (
        province_and_years() if public is None else public.get("years", value, province_and_years)
    )
    if name is None:
        raise Http404
    slug = province_slug(name)
    if value != slug:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return HttpResponseRedirect(reverse(url_name, args=[slug]) + query)
    if not years:
        raise Http404
    chosen = request.GET.get("year", "")
    if not chosen:
        return name, years[0]
    if not chosen.isdigit() or int(chosen) not in years:
        raise Http404
    return name, int(chosen)
