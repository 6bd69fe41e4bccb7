"""The API describes itself: the schema, the docs page without any third-party host, and
generated calls against the live schema that never meet a server error."""

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.api.conftest import OPENAPI_URL, token_for

pytestmark = pytest.mark.django_db


def test_the_schema_names_the_api_and_its_bearer_authentication(openapi):
    assert openapi["info"]["title"] == "Tera API"
    assert openapi["info"]["version"] == "1"
    schemes = openapi["components"]["securitySchemes"]
    assert {scheme["scheme"] for scheme in schemes.values()} == {"bearer"}


def test_every_operation_is_described_and_documents_its_errors(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            assert {"200", "401", "404", "422"} <= set(operation["responses"]), path


def test_the_schema_is_public(client):
    assert client.get(OPENAPI_URL).status_code == 200


def test_the_docs_page_loads_nothing_from_another_host(client):
    page = client.get("/api/docs").text
    assert "swagger-ui-bundle.js" in page
    assert re.findall(r"(?:https?:)?//[\w.-]+", page) == []
    assert '"validatorUrl": null' in page


# Unknown query parameters are ignored, as by most APIs, so the checks that expect every
# schema-violating request to be refused are left out; these are the ones that matter here.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.ignored_auth,
]
# Loaded once at collection, from the app itself: the schema that is served is the one tested.
schema = schemathesis.openapi.from_wsgi(OPENAPI_URL, get_wsgi_application())


@pytest.fixture
def in_process(period):
    """Like Django's test client, in-process requests must not close the connection that holds
    the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_calls_never_meet_a_server_error_and_match_the_schema(
    case, in_process, koordinator
):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token_for(koordinator)}"}, checks=CHECKS
    )
