"""The leadership's semester view of the action plan."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tera.assessments.access import get_period_for_user
from tera.planning.access import visible_items
from tera.planning.basis import basis_levels
from tera.planning.monitoring import monitoring


@login_required
def monitoring_page(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    items = list(visible_items(period, access).select_related("owner"))
    basis = basis_levels(period)
    today = timezone.localdate()
    context = {
        "period": period,
        "access": access,
        "basis": basis,
        "today": today,
        "summary": monitoring(period, items, basis, today),
    }
    return render(request, "planning/monitoring.html", context)
