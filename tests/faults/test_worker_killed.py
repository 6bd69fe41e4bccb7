"""A worker killed (kill -9) in the middle of a report: once the job is stale it is failed with
a clear message and no result file, and "try again" with a new worker makes the report."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tera.jobs.models import Job
from tera.jobs.runner import enqueue
from tests.jobs.test_worker import ROOT, WAIT_SECONDS, database_url, queue_file  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
STOPPED = "The worker stopped before finishing; nothing was kept. Try again."


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def start_worker(queue_file, media):  # noqa: F811
    """Start `manage.py run_huey` processes on the test's database and queue; stops them all."""
    started = []
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TERA_QUEUE_FILE": str(queue_file),
        "MEDIA_ROOT": str(media),
    }
    environment.pop("TERA_QUEUE_URL", None)

    def start():
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--workers", "1"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


def wait_for(job, condition):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if condition(job):
            return job
        time.sleep(0.1)
    raise AssertionError(f"the job stayed {job.status} at {job.progress}%: {job.message}")


@pytest.fixture
def killed_mid_report(start_worker, koordinator, tmp_path, monkeypatch):
    """A report job whose worker was killed while it was running."""
    worker = start_worker()
    go_on = tmp_path / "lanjut"
    job = enqueue(
        "tests.faults.handlers.waiting_report", title="Laporan", user=koordinator, go_on=str(go_on)
    )
    wait_for(job, lambda job: job.progress == 40)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    go_on.touch()
    # The test need not wait two minutes for the job to count as stale.
    monkeypatch.setattr("tera.jobs.runner.STALE_AFTER", timedelta(0))
    return job


def test_the_job_of_a_killed_worker_is_failed_with_a_clear_message(
    client, koordinator, killed_mid_report
):
    assert Job.objects.get(pk=killed_mid_report.pk).status == Job.Status.RUNNING
    client.force_login(koordinator)
    page = client.get(reverse("jobs:job", args=[killed_mid_report.pk]))
    job = Job.objects.get(pk=killed_mid_report.pk)
    assert job.status == Job.Status.FAILED
    with translation.override("id"):
        assert job.message == gettext(STOPPED)
    assert job.message in page.text


def test_the_job_of_a_killed_worker_leaves_no_result_file(
    client, koordinator, killed_mid_report, media
):
    client.force_login(koordinator)
    client.get(reverse("jobs:job", args=[killed_mid_report.pk]))
    job = Job.objects.get(pk=killed_mid_report.pk)
    assert not job.result
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_trying_again_with_a_new_worker_makes_the_report(
    client, koordinator, killed_mid_report, start_worker
):
    client.force_login(koordinator)
    client.get(reverse("jobs:job", args=[killed_mid_report.pk]))
    start_worker()
    response = client.post(reverse("jobs:retry", args=[killed_mid_report.pk]))
    again = Job.objects.exclude(pk=killed_mid_report.pk).get()
    assert response["Location"] == reverse("jobs:job", args=[again.pk])
    again = wait_for(again, lambda job: job.is_finished)
    assert (again.status, again.result.read()) == (Job.Status.DONE, b"Laporan pimpinan")
