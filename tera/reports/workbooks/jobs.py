"""The workbook's background jobs: making it, and importing an uploaded one into its period."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from tera.assessments.models import Period
from tera.errors import ActionRefused
from tera.jobs.models import Job
from tera.jobs.runner import Output, Progress, enqueue
from tera.organizations.access import access_for
from tera.reports.workbooks.importer import import_workbook
from tera.reports.workbooks.reader import WorkbookRejected
from tera.reports.workbooks.writer import build_workbook, workbook_name

EXPORT = "tera.reports.workbooks.jobs.export_workbook"
IMPORT = "tera.reports.workbooks.jobs.import_uploaded_workbook"
# A job's message holds 500 characters; the page of the upload shows every problem in full.
MESSAGE_LIMIT = 500


def start_export(period: Period, *, user: Any) -> Job:
    title = _("Workbook of %(period)s") % {"period": period.name}
    return enqueue(EXPORT, title=title, user=user, instansi=period.instansi, period=period.pk)


def start_import(period: Period, content: bytes, *, user: Any) -> Job:
    """Keep the upload in storage for the worker, under a name nobody can guess or steer."""
    path = f"imports/{period.instansi_id}/{uuid.uuid4().hex}/lembar-kerja.xlsx"
    stored = default_storage.save(path, ContentFile(content))
    title = _("Import of the workbook of %(period)s") % {"period": period.name}
    return enqueue(
        IMPORT, title=title, user=user, instansi=period.instansi, period=period.pk, file=stored
    )


def recent_jobs(period: Period, user: Any) -> list[Job]:
    """The user's latest workbook jobs of this period, to come back to a download."""
    jobs = Job.objects.filter(
        instansi=period.instansi_id,
        requested_by=getattr(user, "pk", None),
        kind__in=(EXPORT, IMPORT),
        params__period=period.pk,
    )
    return list(jobs.order_by("-created_at")[:5])


def _period(job: Job, permission: str) -> Period:
    """The job's period, if whoever asked still has `permission` (an Access property) there."""
    period = Period.objects.select_related("instansi", "instrument").get(pk=job.params["period"])
    user = job.requested_by
    if user is None or not getattr(access_for(user, period.instansi), permission):
        raise ActionRefused(_("Whoever asked for this job may no longer do it in this period."))
    return period


def export_workbook(job: Job, progress: Progress) -> Output:
    period = _period(job, "reads_everything")
    return Output(workbook_name(period), build_workbook(period, progress))


def import_uploaded_workbook(job: Job, progress: Progress) -> None:
    """The stored upload is removed once imported or refused; a crash keeps it for a retry."""
    period = _period(job, "manages")
    name = job.params["file"]
    if not default_storage.exists(name):
        raise ActionRefused(_("The uploaded workbook is no longer kept; upload it again."))
    with default_storage.open(name, "rb") as stored:
        content = stored.read()
    progress(5, _("Checking every row."))
    try:
        import_workbook(period, content, user=job.requested_by, progress=progress)
    except ActionRefused as refused:
        default_storage.delete(name)
        if isinstance(refused, WorkbookRejected):
            raise ActionRefused(problem_summary(refused)) from None
        raise
    default_storage.delete(name)


def problem_summary(rejected: WorkbookRejected) -> str:
    """As many problems as the job's message holds, then how many more there are."""
    text = rejected.message
    for shown, problem in enumerate(rejected.problems):
        more = _(" …and %(count)s more.") % {"count": len(rejected.problems) - shown}
        line = f" {problem}"
        if len(text) + len(line) + len(more) > MESSAGE_LIMIT:
            return text + more
        text += line
    return text
