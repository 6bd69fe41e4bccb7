"""The first page after log-in: what this user must do next, per instansi and role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tera.assessments.dashboard import (
    indicator_names,
    instansi_board,
    open_contributions,
    province_rows,
)
from tera.organizations.access import is_admin
from tera.organizations.models import Membership
from tera.registry.models import Instansi

ADMIN_LIST_SIZE = 200


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return redirect("public:landing")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = list(
        Membership.objects.filter(user=request.user).select_related("instansi", "opd")
    )
    own = {m.instansi_id: m.instansi for m in memberships if m.role != Membership.Role.PROVINSI}
    provinces = sorted(
        {m.instansi.province for m in memberships if m.role == Membership.Role.PROVINSI}
    )
    context = {
        "boards": [instansi_board(request.user, instansi) for instansi in own.values()],
        "tasks": indicator_names(open_contributions(request.user)[:50])
        if any(m.role == Membership.Role.OPD for m in memberships)
        else [],
        "provinces": [(province, province_rows(province, request.user)) for province in provinces],
        "is_admin": is_admin(request.user),
    }
    if context["is_admin"]:
        context["instansi_list"] = (
            Instansi.objects.annotate(
                members=Count("memberships"), period_count=Count("periods", distinct=True)
            )
            .filter(members__gt=0)
            .order_by("name")[:ADMIN_LIST_SIZE]
        )
    return render(request, "assessments/dashboard.html", context)
