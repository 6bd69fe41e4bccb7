"""The calibration page: self-assessed against official levels, per OPD, and across years."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tera.assessments.access import get_period_for_user
from tera.assessments.calibration import calibration, trend


@login_required
def calibration_page(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    context = {
        "period": period,
        "access": access,
        "calibration": calibration(period),
        "trend": trend(period.instansi),
    }
    return render(request, "assessments/calibration.html", context)
