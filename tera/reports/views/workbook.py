"""The period workbook page: make the workbook in the background, or import a filled-in one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tera.assessments.access import get_period_for_user
from tera.assessments.models import Period
from tera.errors import ActionRefused
from tera.organizations.access import Access
from tera.reports.workbooks.forms import WorkbookUploadForm
from tera.reports.workbooks.importer import check_workbook
from tera.reports.workbooks.jobs import recent_jobs, start_export, start_import
from tera.reports.workbooks.reader import WorkbookRejected


@login_required
def workbook_page(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    return _page(request, period, access)


def _page(
    request: HttpRequest,
    period: Period,
    access: Access,
    *,
    form: WorkbookUploadForm | None = None,
    rejected: WorkbookRejected | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "period": period,
        "access": access,
        "may_import": access.manages and not period.is_locked,
        "form": form or WorkbookUploadForm(),
        "problems": rejected.problems if rejected else [],
        "jobs": recent_jobs(period, request.user),
    }
    return render(request, "reports/workbook.html", context, status=status)


@login_required
@require_POST
def workbook_export(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    job = start_export(period, user=request.user)
    return redirect("jobs:job", job.pk)


@login_required
@require_POST
def workbook_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Checked here so that every problem is listed at once; the worker checks again and saves."""
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    form = WorkbookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, period, access, form=form, status=400)
    content = form.cleaned_data["workbook"].read()
    try:
        check_workbook(period, content, user=request.user)
    except WorkbookRejected as rejected:
        form.add_error("workbook", rejected.message)
        return _page(request, period, access, form=form, rejected=rejected, status=400)
    except ActionRefused as refused:
        form.add_error(None, refused.message)
        return _page(request, period, access, form=form, status=400)
    job = start_import(period, content, user=request.user)
    return redirect("jobs:job", job.pk)
