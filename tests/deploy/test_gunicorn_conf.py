"""gunicorn reads its settings from gunicorn.conf.py, and that file from the environment."""

import multiprocessing
import runpy

from tests.deploy.conftest import ROOT, run

CONF = ROOT / "gunicorn.conf.py"


def config(monkeypatch, **environment):
    for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_ACCESS_LOG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_by_default_it_runs_one_worker_per_core_and_one_and_logs_requests(monkeypatch):
    values = config(monkeypatch)
    assert values["workers"] == multiprocessing.cpu_count() + 1
    assert values["accesslog"] == "-"
    assert values["bind"] == "127.0.0.1:8000"


def test_the_environment_sets_the_address_workers_and_threads(monkeypatch):
    values = config(
        monkeypatch, GUNICORN_BIND="0.0.0.0:9000", GUNICORN_WORKERS="3", GUNICORN_THREADS="4"
    )
    assert (values["bind"], values["workers"], values["threads"]) == ("0.0.0.0:9000", 3, 4)


def test_gunicorn_accepts_the_file_and_loads_tera():
    result = run(["-m", "gunicorn", "--check-config", "tera.wsgi"], {})
    assert result.returncode == 0, result.stderr
