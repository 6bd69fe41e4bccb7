"""A report job that waits, mid-way, until its test lets it finish: long enough to kill the
worker running it."""

import time
from pathlib import Path

from tera.jobs.runner import Output

WAIT_SECONDS = 120


def waiting_report(job, progress):
    progress(40, "menyusun laporan")
    go_on = Path(job.params["go_on"])
    deadline = time.monotonic() + WAIT_SECONDS
    while not go_on.exists():
        if time.monotonic() > deadline:
            raise TimeoutError("the test never let the report finish")
        time.sleep(0.1)
    return Output("laporan.txt", b"Laporan pimpinan")
