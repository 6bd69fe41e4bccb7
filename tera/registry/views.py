"""Public pages of the official results: the table, one instansi's history, national averages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tera.registry.forms import ResultFilterForm
from tera.registry.models import NationalAverage, OfficialResult
from tera.registry.search import instansi_matching


def result_list(request: HttpRequest) -> HttpResponse:
    form = ResultFilterForm(request.GET)
    template = "registry/results.html"
    if request.htmx:
        template += "#results-table"
    context = {
        "form": form,
        "results": _filtered_results(form),
        "query": form.cleaned_data["q"].strip() if form.is_valid() else "",
    }
    return render(request, template, context)


def _filtered_results(form: ResultFilterForm) -> QuerySet[OfficialResult]:
    """An invalid filter shows nothing plus the error, rather than silently everything."""
    results = OfficialResult.objects.select_related("instansi")
    if not form.is_valid():
        return results.none()
    data = form.cleaned_data
    if data["q"].strip():
        results = results.filter(instansi__in=instansi_matching(data["q"]))
    if data["year"]:
        results = results.filter(year=data["year"])
    if data["province"]:
        results = results.filter(instansi__province=data["province"])
    if data["kind"]:
        results = results.filter(instansi__kind=data["kind"])
    return results.order_by(*form.ordering())


def instansi_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An instansi has one public page; this older address leads to it."""
    return redirect("public:instansi", slug, permanent=True)


def national_averages(request: HttpRequest) -> HttpResponse:
    averages = NationalAverage.objects.order_by("year")
    return render(request, "registry/national.html", {"averages": averages})
