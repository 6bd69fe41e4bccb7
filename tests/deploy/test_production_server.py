"""The production set-up for real: `collectstatic`, then gunicorn with gunicorn.conf.py and the
production environment, asked over HTTP the way the reverse proxy asks it."""

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from tests.deploy.conftest import ROOT, environment_of, production, run


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, **headers: str):
    """The response as it comes, a redirect included."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(urllib.request.Request(url, headers=headers), timeout=10)
    except urllib.error.HTTPError as error:
        return error


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("production")
    environment = production(
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(folder / "static"),
        DATABASE_URL=f"sqlite:///{folder / 'tera.sqlite3'}",
        TERA_PROXY_SSL_HEADER="true",
        GUNICORN_WORKERS="1",
        GUNICORN_ACCESS_LOG="",
    )
    # Compressing the admin's and Swagger UI's files takes most of a minute; the pages asked
    # here need neither.
    collect = ["manage.py", "collectstatic", "--no-input", "-i", "admin", "-i", "ninja"]
    collected = run(collect, environment)
    assert collected.returncode == 0, collected.stderr
    port = free_port()
    environment["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tera.wsgi"],
        cwd=ROOT,
        env=environment_of(environment),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while fetch_status(f"{url}/healthz/") != 200:
            assert process.poll() is None, "gunicorn stopped at start"
            assert time.monotonic() < deadline, "gunicorn did not answer"
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def fetch_status(url: str) -> int:
    try:
        return fetch(url).status
    except OSError:
        return 0


def test_plain_http_is_sent_to_https(server):
    response = fetch(f"{server}/masuk/")
    assert response.status == 301
    assert response.headers["Location"] == server.replace("http://", "https://") + "/masuk/"


def test_a_page_behind_the_https_proxy_has_the_security_headers(server):
    response = fetch(f"{server}/masuk/", **{"X-Forwarded-Proto": "https"})
    assert response.status == 200
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_the_stylesheet_is_served_by_the_app_with_a_hashed_name_cached_for_ever(server):
    page = fetch(f"{server}/masuk/", **{"X-Forwarded-Proto": "https"}).read().decode()
    stylesheet = re.search(r'href="(/static/tera/tera\.[0-9a-f]{12}\.css)"', page).group(1)
    response = fetch(
        f"{server}{stylesheet}", **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
    )
    assert response.status == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers["Content-Encoding"] == "gzip"
