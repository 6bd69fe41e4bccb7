"""Public pages of the official results: the table, one instansi's history, national averages."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tera.registry.forms import ResultFilterForm
from tera.registry.models import Instansi, NationalAverage, OfficialResult


def result_list(request: HttpRequest) -> HttpResponse:
    form = ResultFilterForm(request.GET or None)
    results = OfficialResult.objects.select_related("instansi").order_by("-year", "-index")
    if form.is_valid():
        data = form.cleaned_data
        if data["year"]:
            results = results.filter(year=data["year"])
        if data["province"]:
            results = results.filter(instansi__province=data["province"])
        if data["kind"]:
            results = results.filter(instansi__kind=data["kind"])
    template = "registry/results.html"
    if request.htmx:
        template += "#results-table"
    return render(request, template, {"form": form, "results": results})


def instansi_detail(request: HttpRequest, slug: str) -> HttpResponse:
    queryset = Instansi.objects.prefetch_related(
        "aliases", Prefetch("results", OfficialResult.objects.order_by("-year"))
    )
    instansi = get_object_or_404(queryset, slug=slug)
    return render(request, "registry/instansi.html", {"instansi": instansi})


def national_averages(request: HttpRequest) -> HttpResponse:
    averages = NationalAverage.objects.order_by("-year")
    return render(request, "registry/national.html", {"averages": averages})
