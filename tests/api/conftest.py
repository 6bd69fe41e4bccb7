"""Calling the API as the personas of tests/conftest.py, each with a token of their own, and
checking every response against the operation's response schema in /api/openapi.json."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from tera.api.actions import create_token
from tests.permissions.conftest import world  # noqa: F401  (the permission matrix's world)

OPENAPI_URL = "/api/openapi.json"


@pytest.fixture(scope="session")
def openapi(django_db_setup, django_db_blocker) -> dict[str, Any]:
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get(OPENAPI_URL)
    assert response.status_code == 200
    return response.json()


def conform(openapi: dict[str, Any], method: str, template: str, response: Any) -> None:
    """The status is one the operation documents, and the body matches its schema."""
    operation = openapi["paths"][f"/api{template}"][method.lower()]
    documented = operation["responses"]
    status = str(response.status_code)
    assert status in documented, f"{method} {template} answered {status}, not documented"
    schema = documented[status]["content"]["application/json"]["schema"]
    validator = jsonschema.Draft202012Validator(
        {**schema, "components": openapi["components"]},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(response.json())


class Api:
    """The Django test client speaking to /api/ with a bearer token."""

    def __init__(self, client: Any, openapi: dict[str, Any]):
        self.client = client
        self.openapi = openapi

    def call(
        self,
        method: str,
        template: str,
        *,
        token: str | None = None,
        body: dict[str, Any] | None = None,
        query: dict[str, Any] | None = None,
        **params: Any,
    ) -> Any:
        url = "/api" + template.format(**params)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if method == "GET":
            response = self.client.get(url, query or {}, headers=headers)
        else:
            response = self.client.generic(
                method, url, json.dumps(body), content_type="application/json", headers=headers
            )
        conform(self.openapi, method, template, response)
        return response

    def get(self, template: str, token: str | None, **params: Any) -> Any:
        return self.call("GET", template, token=token, **params)

    def put(self, template: str, token: str | None, body: dict[str, Any], **params: Any) -> Any:
        return self.call("PUT", template, token=token, body=body, **params)


@pytest.fixture
def api(client, openapi) -> Api:
    return Api(client, openapi)


def token_for(user: Any) -> str:
    _token, secret = create_token(user, name="tes")
    return secret
