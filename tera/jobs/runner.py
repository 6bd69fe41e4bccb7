"""Queueing a job and running it in the worker: progress, result file, and a clear failure."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from tera.errors import ActionRefused
from tera.jobs.models import Job

logger = logging.getLogger(__name__)
# A running job that has not reported for this long lost its worker (killed or restarted).
STALE_AFTER = timedelta(minutes=2)

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class Output:
    """What a job produces: a file for the user to download."""

    name: str
    content: bytes


Handler = Callable[[Job, Progress], Output | None]


def enqueue(kind: str, *, title: str, user: Any, instansi: Any = None, **params: Any) -> Job:
    """Record the job and hand it to the worker once the transaction commits.

    `kind` is the dotted path of the handler; it comes from code, never from a request.
    """
    job = Job.objects.create(
        kind=kind, title=title, params=params, instansi=instansi, requested_by=user
    )
    transaction.on_commit(lambda: run_job(str(job.pk)))
    return job


@db_task()
def run_job(job_id: str) -> None:
    started = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    if not started:
        return
    job = Job.objects.get(pk=job_id)
    try:
        handler: Handler = import_string(job.kind)
        output = handler(job, _reporter(job))
    except ActionRefused as refused:
        _finish(job, Job.Status.FAILED, refused.message)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.Status.FAILED, _("Something went wrong; nothing was kept. Try again."))
    else:
        done = _("The file is ready.") if output is not None else _("The work is finished.")
        _finish(job, Job.Status.DONE, done, output)


def _reporter(job: Job) -> Progress:
    def report(percent: int, message: str) -> None:
        Job.objects.filter(pk=job.pk).update(
            progress=max(0, min(99, percent)), message=message[:500], heartbeat_at=timezone.now()
        )

    return report


def _finish(job: Job, status: str, message: str, output: Output | None = None) -> None:
    """The result file is stored before the job says it is done, so done always means ready."""
    if output is not None:
        try:
            job.result.save(f"jobs/{job.pk}/{output.name}", ContentFile(output.content), save=False)
        except Exception:
            logger.exception("storing the result of job %s failed", job.pk)
            job.result = None
            message = _("The finished file could not be stored; nothing was kept. Try again.")
            return _finish(job, Job.Status.FAILED, message)
        job.result_name = output.name
    job.status, job.message, job.finished_at = status, message, timezone.now()
    job.progress = 100 if status == Job.Status.DONE else job.progress
    job.save()


def mark_stale_jobs() -> int:
    """Jobs whose worker died mid-way are failed with a message, so the user can try again."""
    limit = timezone.now() - STALE_AFTER
    return Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=limit).update(
        status=Job.Status.FAILED,
        message=_("The worker stopped before finishing; nothing was kept. Try again."),
        finished_at=timezone.now(),
    )
