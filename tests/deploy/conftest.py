"""Tera started in a fresh process with a given environment, as a server would start it."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The variables that switch Tera between development and production; every run starts from
# none of them (prefixes end in _), so that the machine's own environment cannot change the
# outcome.
SWITCHES = (
    "DATABASE_",
    "DEBUG",
    "DJANGO_",  # tests/e2e sets DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "MEDIA_ROOT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "TERA_HTTPS",
    "TERA_PROXY_SSL_HEADER",
    "USE_X_FORWARDED_HOST",
    "TERA_QUEUE_URL",
    "TERA_S3_",
    "TERA_UPLOAD_TYPES",
)


def production(**extra: str) -> dict[str, str]:
    """What the README asks of a production server."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tera.example.go.id",
        **extra,
    }


def environment_of(settings: dict[str, str]) -> dict[str, str]:
    """This machine's environment without Tera's switches, plus the given settings."""
    base = {key: value for key, value in os.environ.items() if not key.startswith(SWITCHES)}
    return {**base, **settings}


def run(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment_of(environment),
        capture_output=True,
        text=True,
        timeout=120,
    )


def manage(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(["manage.py", *args], environment)


def settings_under(environment: dict[str, str], *names: str) -> dict[str, object]:
    """The named settings as Tera computes them from this environment, in a process of its own."""
    script = (
        "import json, tera.settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}, default=str))"
    )
    result = run(["-c", script], environment)
    assert result.returncode == 0, result.stderr
    values: dict[str, object] = json.loads(result.stdout)
    return values
