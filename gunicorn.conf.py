"""gunicorn's settings for Tera, read from the environment: `gunicorn tera.wsgi` loads this file
from the working directory. Options given on the command line win over these."""

import multiprocessing
import os

# Behind the reverse proxy on the same machine; set 0.0.0.0:8000 when the proxy is elsewhere.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Tera's pages spend their time in Python rather than waiting for the database, so more
# processes than cores only make them wait for each other: one per core and one spare did best
# in `make bench` (2 cores: 3 workers beat 5 at p95 by a fifth, at a higher throughput).
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() + 1)))
# More than one thread makes gunicorn use its threaded worker, which lets a slow download or
# upload hold a thread rather than a whole process.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Long enough for a 25 MB upload the proxy has already buffered and for a PDF; reports and
# imports that take longer run on the worker (`tera run_huey`), not in a request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Logs go to stdout and stderr, where systemd's journal or the container runtime collects them;
# an empty GUNICORN_ACCESS_LOG turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The addresses of the proxies whose X-Forwarded-Proto gunicorn believes (the scheme of the
# request); the proxy must set that header itself.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
