"""The compare page: two periods of one instansi, possibly on two instruments."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tera.assessments.comparison import compare as compare_periods
from tera.assessments.models import Period
from tera.organizations.access import get_instansi_for_user


@login_required
def compare(request: HttpRequest, instansi_pk: int) -> HttpResponse:
    """?first=&second= choose the periods; by default the two latest."""
    instansi, access = get_instansi_for_user(request.user, instansi_pk)
    access.require(access.reads_everything)
    periods = list(instansi.periods.select_related("instrument"))
    first = _chosen(periods, request.GET.get("first"), 1)
    second = _chosen(periods, request.GET.get("second"), 0)
    comparison, problem = None, ""
    if first is None or second is None:
        problem = _("Two periods are needed for a comparison; this instansi has fewer.")
    elif first == second:
        problem = _("Choose two different periods.")
    else:
        comparison = compare_periods(first, second)
    context = {
        "instansi": instansi,
        "periods": periods,
        "first": first,
        "second": second,
        "comparison": comparison,
        "problem": problem,
    }
    return render(request, "assessments/compare.html", context)


def _chosen(periods: list[Period], value: str | None, default: int) -> Period | None:
    """The period named in the query, else the `default`-th latest (periods come latest first)."""
    for period in periods:
        if str(period.pk) == value:
            return period
    return periods[default] if len(periods) > default else None
