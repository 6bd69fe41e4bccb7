"""The web benchmarks on PostgreSQL: a national dataset, a real gunicorn, concurrent clients.

Run through `make bench` (python -m bench). Needs a PostgreSQL server; BENCH_DATABASE_URL
names the database to build (dropped and rebuilt when the dataset's version changes).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
# Raise it when the data or the pages' queries change: the small-size counts are kept with the data.
DATASET_VERSION = "8"
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/tera_bench"
HOST, PORT, UPLOAD_PORT = "127.0.0.1", 8791, 8792
PAGE_CLIENTS, PAGE_SECONDS = 8, 8.0
SURGE_CLIENTS, SURGE_SECONDS = 200, 60.0
PAGE_BUDGET_MS = 150.0
# A page's p95 over the bare view's p95 under the same load, at most: a budget that does not
# move with how busy the machine is.
BARE_RATIO_BUDGET = 12.0
STATIC_ROOT = ROOT / "bench" / ".static"
SECRET_KEY = "bench-" + "x" * 50
# Production settings, minus what needs the TLS of the reverse proxy in front of gunicorn.
PRODUCTION_OVER_HTTP = {
    "DEBUG": "false",
    "SECRET_KEY": SECRET_KEY,
    "SECURE_SSL_REDIRECT": "false",
    "STATIC_ROOT": str(STATIC_ROOT),
    "GUNICORN_ACCESS_LOG": "",
}


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)


def reachable(url: str) -> bool:
    admin = url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(admin, connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def _recreate(url: str) -> None:
    admin, name = url.rsplit("/", 1)
    with psycopg.connect(admin + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _marker(url: str) -> Path:
    return ROOT / "bench" / f".dataset-{hashlib.sha256(url.encode()).hexdigest()[:8]}.json"


def prepare(url: str) -> dict[str, Any]:
    """Build (or reuse) the dataset; returns its row counts and the small-size query counts."""
    marker = _marker(url)
    if marker.exists():
        saved = json.loads(marker.read_text())
        if saved.get("version") == DATASET_VERSION:
            return saved
    _recreate(url)
    from django.core.management import call_command

    from bench.dataset import NATIONAL, SMALL, generate

    call_command("migrate", verbosity=0)
    call_command("instruments", "load", stdout=io.StringIO())
    call_command("results", "import", stdout=io.StringIO())
    small = generate(SMALL)
    small_queries = query_counts()
    started = time.perf_counter()
    counts = generate(replace(NATIONAL, instansi=NATIONAL.instansi - SMALL.instansi))
    saved = {
        "version": DATASET_VERSION,
        "small": small,
        "small_queries": small_queries,
        "counts": counts,
        "generation_s": time.perf_counter() - started,
    }
    marker.write_text(json.dumps(saved, indent=2))
    return saved


SAMPLE_INSTANSI = 50


def subjects(limit: int = SAMPLE_INSTANSI) -> list[dict[str, Any]]:
    """For each sampled instansi: its Koordinator, one OPD member, its open period."""
    from tera.assessments.models import Period
    from tera.organizations.models import Membership

    periods = {p.instansi_id: p for p in Period.objects.filter(status=Period.Status.OPEN)}
    koordinators = (
        Membership.objects.filter(role=Membership.Role.KOORDINATOR, instansi_id__in=periods)
        .select_related("user", "instansi")
        .order_by("instansi_id")[:limit]
    )
    members = Membership.objects.filter(
        role=Membership.Role.OPD, instansi_id__in=[k.instansi_id for k in koordinators]
    ).select_related("user")
    opd_member = {m.instansi_id: m.user for m in members}
    return [
        {
            "instansi": k.instansi,
            "koordinator": k.user,
            "opd": opd_member[k.instansi_id],
            "period": periods[k.instansi_id],
        }
        for k in koordinators
    ]


def page_paths(subject: dict[str, Any], rng: random.Random) -> dict[str, tuple[str, str]]:
    """page name -> (who asks, path) for one instansi; who is a key of `subject` or anonymous."""
    from django.urls import reverse
    from django.utils.text import slugify

    period, province = subject["period"], subject["instansi"].province or "Gorontalo"
    return {
        "bare Django view (/healthz/)": ("anonymous", reverse("ops:healthz")),
        "period page": ("koordinator", reverse("assessments:period", args=[period.pk])),
        "indicator page": (
            "koordinator",
            reverse("assessments:indicator", args=[period.pk, rng.randint(1, 47)]),
        ),
        "OPD task list": ("opd", reverse("assessments:tasks")),
        "provincial comparison": (
            "anonymous",
            reverse("public:province", args=[slugify(province)]) + "?year=2024",
        ),
        "national view": ("anonymous", reverse("public:national") + "?year=2024"),
    }


def api_paths(subject: dict[str, Any]) -> dict[str, str]:
    period = subject["period"].pk
    return {
        "API: periods": "/api/periods",
        "API: answers of a period": f"/api/periods/{period}/answers",
        "API: one answer": f"/api/periods/{period}/answers/11",
        "API: score of a period": f"/api/periods/{period}/score",
        "API: official results": "/api/results?year=2024&limit=50",
    }


def query_counts() -> dict[str, int]:
    """SQL queries of each page for one user, in-process: they must not grow with the data.

    Counted with an empty cache, as the first visit after a change of the public results is.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    subject = subjects(limit=1)[0]
    counts = {}
    for name, (who, path) in page_paths(subject, random.Random(1)).items():
        client = Client()
        if who != "anonymous":
            client.force_login(subject[who])
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{name}: {path} answered {response.status_code}")
        counts[name] = len(captured)
    return counts


def collect_static() -> None:
    """The hashed static files production serves (the admin's and the API docs' are skipped)."""
    environment = {**os.environ, **PRODUCTION_OVER_HTTP}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "collectstatic",
            "--no-input",
            "-v0",
            "-i",
            "admin",
            "-i",
            "ninja",
        ],
        cwd=ROOT,
        env=environment,
        check=True,
    )


def leadership_pdf(subject: dict[str, Any]) -> bytes:
    """The worker's own work for one period's report, timed without the queue around it."""
    from tera.jobs.models import Job
    from tera.reports.pdf.jobs import LEADERSHIP, make_leadership_report

    period = subject["period"]
    job = Job.objects.create(
        kind=LEADERSHIP,
        title="bench",
        params={"period": period.pk},
        instansi=period.instansi,
        requested_by=subject["koordinator"],
    )
    return make_leadership_report(job, lambda _percent, _message: None).content


@contextmanager
def server(url: str, port: int, **extra: str):
    """gunicorn as production runs it (gunicorn.conf.py), with `extra` in its environment."""
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": HOST,
        "TERA_QUEUE_FILE": str(ROOT / "bench" / ".queue.sqlite3"),
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_LOG_LEVEL": "warning",
        **PRODUCTION_OVER_HTTP,
        **extra,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tera.wsgi"], cwd=ROOT, env=environment
    )
    try:
        _wait(port)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _wait(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/healthz/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the benchmark server did not start")


def warm(port: int, path: str, cookie: str) -> None:
    """One request first, so that imports and connections are not counted as the upload's."""
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers={"Cookie": cookie})
    urllib.request.urlopen(request, timeout=30).read()


def session_cookie(user: Any) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
