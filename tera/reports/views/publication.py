"""Publishing a locked period's official result on the public pages, and withdrawing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tera.assessments.access import get_period_for_user
from tera.assessments.models import Period
from tera.core.scoring import score
from tera.errors import ActionRefused
from tera.organizations.access import Access
from tera.reports.actions import publish_period, publishable_levels, withdraw_publication
from tera.reports.forms import PublishForm
from tera.reports.models import Publication
from tera.reports.published import published_score


@login_required
def publication_page(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    return _page(request, period, access)


def _page(
    request: HttpRequest,
    period: Period,
    access: Access,
    *,
    form: PublishForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    publication = Publication.objects.filter(period=period).first()
    try:
        levels, refusal = publishable_levels(period), ""
    except ActionRefused as refused:
        levels, refusal = {}, refused.message
    context = {
        "period": period,
        "access": access,
        "publication": publication,
        "published": published_score(publication) if publication else None,
        "official": score(period.definition, levels, period.year) if levels else None,
        "changed": bool(publication and levels and publication.official_levels != levels),
        "refusal": refusal,
        "form": form or PublishForm(),
        "error": error,
    }
    return render(request, "reports/publication.html", context, status=status)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _page(request, period, access, form=form, status=400)
    try:
        publish_period(period, user=request.user)
    except ActionRefused as refused:
        return _page(request, period, access, form=form, error=refused.message, status=400)
    messages.success(request, _("The official result is published on the public pages."))
    return redirect("public:publication", period.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    try:
        withdraw_publication(period, user=request.user)
    except ActionRefused as refused:
        return _page(request, period, access, error=refused.message, status=400)
    messages.success(request, _("The result is withdrawn from the public pages."))
    return redirect("public:publication", period.pk)
