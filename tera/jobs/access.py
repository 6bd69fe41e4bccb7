"""Who may follow a job and download its result: its requester and the instansi's readers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from tera.jobs.models import Job
from tera.organizations.access import User, access_for, is_admin


def get_job_for_user(user: User, pk: str) -> Job:
    job = get_object_or_404(Job.objects.select_related("instansi"), pk=pk)
    if job.requested_by_id == getattr(user, "pk", None) or is_admin(user):
        return job
    if job.instansi is not None and access_for(user, job.instansi).reads_everything:
        return job
    raise Http404


def may_retry(user: User, job: Job) -> bool:
    """A job runs again with the rights of whoever asks: its requester or a Koordinator."""
    if job.requested_by_id == getattr(user, "pk", None) or is_admin(user):
        return True
    return job.instansi is not None and access_for(user, job.instansi).manages


def require_retry_right(user: User, job: Job) -> None:
    if not may_retry(user, job):
        raise PermissionDenied
