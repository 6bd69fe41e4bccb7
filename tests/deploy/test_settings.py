"""Production settings come from the environment; with none at all Tera runs on its own."""

from tests.deploy.conftest import manage, production, settings_under

S3 = {
    "TERA_S3_BUCKET": "tera-bukti",
    "TERA_S3_ENDPOINT_URL": "https://s3.example.go.id",
    "TERA_S3_REGION": "id-jkt-1",
    "TERA_S3_ACCESS_KEY_ID": "tera-app",
    "TERA_S3_SECRET_ACCESS_KEY": "tidak-dipakai-di-uji",
    "TERA_S3_ADDRESSING_STYLE": "path",
}


def test_check_deploy_finds_no_issue_in_the_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", environment=production())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    environment = production()
    del environment["SECRET_KEY"]
    result = manage("check", environment=environment)
    assert result.returncode != 0
    assert "Tera refuses to run in production with the development key" in result.stderr


def test_production_refuses_the_development_key_given_explicitly():
    environment = production(SECRET_KEY="tera-development-key-not-for-production")
    assert manage("check", environment=environment).returncode != 0


def test_without_any_environment_tera_uses_sqlite_local_disk_and_the_embedded_queue():
    values = settings_under({}, "DEBUG", "DATABASES", "STORAGES", "HUEY")
    assert values["DEBUG"] is True
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert values["HUEY"]["huey_class"] == "huey.SqliteHuey"


def test_without_any_environment_cookies_and_redirects_allow_plain_http():
    values = settings_under(
        {},
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
    )
    assert values == {
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
    }


def test_production_sends_cookies_over_https_only_and_redirects_to_it():
    values = settings_under(
        production(),
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "X_FRAME_OPTIONS",
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "X_FRAME_OPTIONS": "DENY",
    }


def test_the_proxy_headers_are_trusted_only_when_asked():
    names = ("SECURE_PROXY_SSL_HEADER", "USE_X_FORWARDED_HOST")
    assert settings_under(production(), *names) == {
        "SECURE_PROXY_SSL_HEADER": None,
        "USE_X_FORWARDED_HOST": False,
    }
    asked = production(TERA_PROXY_SSL_HEADER="true", USE_X_FORWARDED_HOST="true")
    assert settings_under(asked, *names) == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "USE_X_FORWARDED_HOST": True,
    }


def test_production_serves_static_files_compressed_with_hashed_names():
    storages = settings_under(production(), "STORAGES")["STORAGES"]
    assert storages["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_a_bucket_name_moves_the_files_to_private_s3_storage():
    default = settings_under(S3, "STORAGES")["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert {key: options[key] for key in ("bucket_name", "endpoint_url", "region_name")} == {
        "bucket_name": "tera-bukti",
        "endpoint_url": "https://s3.example.go.id",
        "region_name": "id-jkt-1",
    }
    assert (options["access_key"], options["addressing_style"]) == ("tera-app", "path")
    assert options["default_acl"] is None


def test_database_connections_are_kept_and_checked_when_asked():
    environment = {
        "DATABASE_URL": "postgresql://tera@db.example.go.id:5432/tera",
        "DATABASE_CONN_MAX_AGE": "60",
    }
    database = settings_under(environment, "DATABASES")["DATABASES"]["default"]
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)


def test_production_settings_over_plain_http_on_one_machine_as_make_run_serves_them():
    values = settings_under(
        {"DEBUG": "false", "SECRET_KEY": "x" * 50, "TERA_HTTPS": "false"},
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
    )
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
    }
