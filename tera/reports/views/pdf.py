"""Asking for a PDF document: the leadership report and the Berita Acara of a period, made in the
background worker, and the provincial comparison, public or with the asker's own detail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from tera.assessments.access import get_period_for_user
from tera.errors import ActionRefused
from tera.reports.pdf.berita_acara import require_locked
from tera.reports.pdf.jobs import (
    comparison_name,
    comparison_pdf,
    start_berita_acara,
    start_comparison,
    start_leadership_report,
)
from tera.reports.views.comparison import _province_and_year as province_and_year

PDF = "application/pdf"


@login_required
@require_POST
def leadership_report(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    job = start_leadership_report(period, user=request.user)
    return redirect("jobs:job", job.pk)


@login_required
@require_POST
def berita_acara(request: HttpRequest, pk: int) -> HttpResponse:
    """Refused at once while the period is open; the worker checks again when it makes it."""
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    try:
        require_locked(period)
    except ActionRefused as refused:
        messages.error(request, refused.message)
        return redirect("assessments:period", period.pk)
    job = start_berita_acara(period, user=request.user)
    return redirect("jobs:job", job.pk)


def comparison_public(request: HttpRequest, province: str) -> HttpResponse:
    """The public comparison for everyone, made at once: a handful of rows from public data.

    Made the same for a signed-in user; their own detail comes from `comparison_job`.
    """
    found = province_and_year(request, province, "reports:comparison_pdf")
    if isinstance(found, HttpResponse):
        return found
    name, year = found
    response = HttpResponse(comparison_pdf(name, year, AnonymousUser()), content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(True, comparison_name(name, year))
    return response


@login_required
@require_POST
def comparison_job(request: HttpRequest, province: str) -> HttpResponse:
    """The comparison as the page shows it to the signed-in user, unpublished rows they may read
    included, made in the background worker with their rights."""
    found = province_and_year(request, province, "reports:comparison_pdf_job")
    if isinstance(found, HttpResponse):
        return found
    job = start_comparison(*found, user=request.user)
    return redirect("jobs:job", job.pk)
