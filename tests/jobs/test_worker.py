"""A real worker process, started like `tera run_huey`, takes a job from the queue and runs it."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from huey.contrib.djhuey import HUEY

from tera.jobs.models import Job
from tera.jobs.runner import enqueue

ROOT = Path(settings.BASE_DIR)
WAIT_SECONDS = 60


def database_url():
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    return (
        f"postgresql://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.fixture
def queue_file(tmp_path):
    """The test process and the worker share a queue in a temporary SQLite file."""
    path = tmp_path / "queue.sqlite3"
    original = dict(HUEY.storage_kwargs)
    HUEY.storage_kwargs["filename"] = str(path)
    HUEY.immediate = False
    yield path
    HUEY.storage_kwargs.clear()
    HUEY.storage_kwargs.update(original)
    HUEY.immediate = True


@pytest.fixture
def worker(queue_file, tmp_path):
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TERA_QUEUE_FILE": str(queue_file),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    environment.pop("TERA_QUEUE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    yield process
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_runs_a_queued_job(worker, koordinator):
    job = enqueue("tests.jobs.handlers.count_words", title="Uji", user=koordinator, text="a b c")
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.2)
    assert job.status == Job.Status.DONE, f"the worker left the job {job.status}: {job.message}"
    assert job.result_name == "jumlah.txt"
