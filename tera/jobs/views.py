"""Following a background job: its progress, its result, and trying again after a failure."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tera.jobs.access import get_job_for_user, may_retry, require_retry_right
from tera.jobs.runner import enqueue, mark_stale_jobs


@login_required
def job_detail(request: HttpRequest, pk: str) -> HttpResponse:
    mark_stale_jobs()
    job = get_job_for_user(request.user, pk)
    template = "jobs/job.html#job-status" if request.htmx else "jobs/job.html"
    return render(request, template, {"job": job, "may_retry": may_retry(request.user, job)})


@login_required
def job_download(request: HttpRequest, pk: str) -> FileResponse:
    job = get_job_for_user(request.user, pk)
    if not job.result:
        raise Http404
    response = FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: str) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    require_retry_right(request.user, job)
    if job.status != job.Status.FAILED:
        return redirect("jobs:job", job.pk)
    again = enqueue(
        job.kind, title=job.title, user=request.user, instansi=job.instansi, **job.params
    )
    return redirect("jobs:job", again.pk)
