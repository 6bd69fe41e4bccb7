"""The instansi dashboard page, for everyone who reads the whole instansi."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tera.organizations.access import get_instansi_for_user
from tera.reports.dashboard import build_dashboard


@login_required
def instansi_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    instansi, access = get_instansi_for_user(request.user, pk)
    access.require(access.reads_everything)
    context = {"instansi": instansi, "access": access, "board": build_dashboard(instansi)}
    return render(request, "reports/dashboard.html", context)
