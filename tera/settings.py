"""Settings for Tera: runs with no environment at all (SQLite, local disk), production via env."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "tera-development-key-not-for-production"
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    # Sessions, password reset links and CSRF tokens are signed with it: a key everyone can read
    # in the repository would let anyone forge them.
    raise ImproperlyConfigured(
        "DEBUG is false but SECRET_KEY is not set: Tera refuses to run in production with the "
        "development key. Set SECRET_KEY to a long random value, for example the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, and keep it secret."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# The https://host origins the pages are served from when the proxy rewrites the host name.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "tera.instruments",
    "tera.registry",
    "tera.organizations",
    "tera.assessments",
    "tera.evidence",
    "tera.audit",
    "tera.jobs",
    "tera.ops",
    "tera.planning",
    "tera.reports",
    "tera.api",
    "tera.notifications",
    "tera.accounts",
    "huey.contrib.djhuey",
    # Serves Swagger UI from its own static files instead of a CDN (/api/docs).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the app servers, compressed and cached for ever: no CDN.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tera.middleware.ContentSecurityPolicyMiddleware",
    "tera.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tera.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A lost database connection gets a clear 503 ("nothing was saved, try again"), not a 500.
    "tera.ops.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "tera.urls"
WSGI_APPLICATION = "tera.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tera" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]
# Widgets drawn by Jinja2, and the admin's own by Django's templates (tera/form_renderer.py).
FORM_RENDERER = "tera.form_renderer.WidgetRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'tera.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0")),
        # A connection kept open across requests is tested before reuse, so that a restarted
        # PostgreSQL costs one retry instead of a failed request.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing, and readers never block the writer.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "tera" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
# Where `collectstatic` gathers the files that WhiteNoise serves in production.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static-root")))
# The project stylesheet lives beside the settings, not in an app, so the finders are told where.
STATICFILES_DIRS = [BASE_DIR / "tera" / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# WhiteNoise finds the files in the apps while developing; in production it serves what
# `collectstatic` put in STATIC_ROOT, with hashed names that browsers may cache for ever.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Evidence and reports go to the local disk (MEDIA_ROOT), or to an S3-compatible bucket when
# TERA_S3_BUCKET is set. The files stay private: every download goes through a view that checks
# the user's rights, so no public URL is ever handed out.
TERA_S3_BUCKET = env_str("TERA_S3_BUCKET")
S3_STORAGE = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": TERA_S3_BUCKET,
        "location": env_str("TERA_S3_PREFIX"),
        "endpoint_url": env_str("TERA_S3_ENDPOINT_URL") or None,
        "region_name": env_str("TERA_S3_REGION") or None,
        # Without keys boto3 looks for credentials itself (an instance role, ~/.aws).
        "access_key": env_str("TERA_S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("TERA_S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": env_str("TERA_S3_ADDRESSING_STYLE") or None,
        "default_acl": None,
        "file_overwrite": False,
        "querystring_expire": 300,
        # A download is read from the bucket into a temporary file that moves to the disk past
        # this size, so that a large file does not sit in the memory of the app server.
        "max_memory_size": 2 * 1024 * 1024,
    },
}
STORAGES = {
    "default": S3_STORAGE
    if TERA_S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Each process keeps its own cache of drawn page bodies and public pages. Their keys carry the
# version of what they show, so nothing is ever cleared; at about 25 KB a body, the default holds
# the pages a team works on in some 75 MB per process (Django's own default, 300, held too few).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(env_str("TERA_CACHE_ENTRIES", "3000"))},
    }
}

# Background work runs in separate worker processes (`tera run_huey`): a queue in a SQLite file by
# default, so that no broker is needed; set TERA_QUEUE_URL=redis://... to share one at scale.
TERA_QUEUE_URL = env_str("TERA_QUEUE_URL")
HUEY = {
    "name": "tera",
    "immediate": False,
    "huey_class": "huey.RedisHuey" if TERA_QUEUE_URL else "huey.SqliteHuey",
    "connection": {"url": TERA_QUEUE_URL}
    if TERA_QUEUE_URL
    else {"filename": env_str("TERA_QUEUE_FILE", str(BASE_DIR / "tera-queue.sqlite3"))},
    "consumer": {"workers": int(env_str("TERA_WORKERS", "2")), "worker_type": "thread"},
}

# Django's own backend, loading the signed-in user with their unread notification count so that
# the top bar needs no query of its own.
AUTHENTICATION_BACKENDS = ["tera.notifications.backends.UnreadCountBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed log-ins are counted in the database, so every app server sees the same counts: a user
# name is locked after so many failures within the window, and so is an IP address (higher, as
# a whole office may share one address).
TERA_LOGIN_FAILURES_PER_USER = int(env_str("TERA_LOGIN_FAILURES_PER_USER", "5"))
TERA_LOGIN_FAILURES_PER_ADDRESS = int(env_str("TERA_LOGIN_FAILURES_PER_ADDRESS", "20"))
TERA_LOGIN_WINDOW_MINUTES = int(env_str("TERA_LOGIN_WINDOW_MINUTES", "15"))
TERA_LOGIN_LOCKOUT_MINUTES = int(env_str("TERA_LOGIN_LOCKOUT_MINUTES", "15"))

# HTTPS. In production the cookies go over HTTPS only, plain HTTP is redirected (except the
# liveness probe of a load balancer) and browsers are told to use HTTPS for a year. TERA_HTTPS=false
# serves production settings over plain HTTP on one machine: `make run` does, so that the demo shows
# Tera's own error pages rather than Django's debug pages.
TERA_HTTPS = env_bool("TERA_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = TERA_HTTPS
CSRF_COOKIE_SECURE = TERA_HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", TERA_HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000" if TERA_HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
# The preload list is asked for by the owner of the whole domain (e.g. kota.go.id), which Tera,
# on a subdomain, usually is not; so leaving it out is not worth a warning.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Scripts never read the token from the cookie: htmx sends the one the page was rendered with.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(env_str("TERA_SESSION_HOURS", "12")) * 60 * 60
# Behind a reverse proxy that terminates HTTPS: trust its X-Forwarded-Proto (and, if asked, its
# X-Forwarded-Host) only when it always sets them itself, or clients could pretend.
if env_bool("TERA_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST")
# How many proxies append to X-Forwarded-For; the client address is read that far from the end.
TERA_PROXY_COUNT = int(env_str("TERA_PROXY_COUNT", "0"))

# Evidence uploads stream to a temporary file and stop at the limit; nothing large stays in memory.
TERA_UPLOAD_MAX_BYTES = int(env_str("TERA_UPLOAD_MAX_MB", "25")) * 1024 * 1024
# The kinds of evidence file accepted, recognised by their content (tera/evidence/files.py):
# empty means every kind Tera knows.
TERA_UPLOAD_TYPES = env_list("TERA_UPLOAD_TYPES")
FILE_UPLOAD_HANDLERS = ["tera.evidence.uploads.SizeLimitedUploadHandler"]

# Extra folders scanned for instrument YAML files, beside the library shipped in the package.
TERA_INSTRUMENT_DIRS = [Path(p) for p in env_list("TERA_INSTRUMENT_DIRS")]

# Reminders go out by e-mail through this SMTP server; without EMAIL_HOST they are printed on the
# console instead. TERA_BASE_URL starts the links in the e-mails.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(env_str("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tera <tera@localhost>")
TERA_BASE_URL = env_str("TERA_BASE_URL", "http://127.0.0.1:8000")
