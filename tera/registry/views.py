"""Public pages of the official results: the table, one instansi's history, national averages."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tera.registry.forms import ResultFilterForm
from tera.registry.models import Instansi, NationalAverage, OfficialResult


def result_list(request: HttpRequest) -> HttpResponse:
    form = ResultFilterForm(request.GET)
    template = "registry/results.html"
    if request.htmx:
        template += "#results-table"
    return render(request, template, {"form": form, "results": _filtered_results(form)})


def _filtered_results(form: ResultFilterForm) -> QuerySet[OfficialResult]:
    """An invalid filter shows nothing plus the error, rather than silently everything."""
    results = OfficialResult.objects.select_related("instansi")
    if not form.is_valid():
        return results.none()
    data = form.cleaned_data
    if data["year"]:
        results = results.filter(year=data["year"])
    if data["province"]:
        results = results.filter(instansi__province=data["province"])
    if data["kind"]:
        results = results.filter(instansi__kind=data["kind"])
    return results.order_by(*form.ordering())


def instansi_detail(request: HttpRequest, slug: str) -> HttpResponse:
    queryset = Instansi.objects.prefetch_related(
        "aliases", Prefetch("results", OfficialResult.objects.order_by("-year"))
    )
    # An instansi known only inside Tera (a demo, one without results) is not public.
    published = queryset.filter(Exists(OfficialResult.objects.filter(instansi=OuterRef("pk"))))
    instansi = get_object_or_404(published, slug=slug)
    return render(request, "registry/instansi.html", {"instansi": instansi})


def national_averages(request: HttpRequest) -> HttpResponse:
    averages = NationalAverage.objects.order_by("year")
    return render(request, "registry/national.html", {"averages": averages})
