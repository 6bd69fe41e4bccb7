"""Every URL of Tera against every persona: who reads, who writes, who gets a 404.

Each route in ROUTES says how to build its URL from one instansi's objects (a `Side`), which
method it takes, the POST data of a real user, and the status each persona gets on their own
side. The columns are the personas of tests/conftest.py, in the order of PERSONAS:

    koordinator, asesor, pimpinan, opd_member (Diskominfo), other_opd_member (Bappeda),
    provincial, outsider, admin_user, anonymous

* "own" is Kota Satu for everyone but the outsider, whose own instansi is Kota Dua: there they
  are the Koordinator, so their column always equals the Koordinator's.
* "other" is the other instansi (Kota Satu for the outsider, Kota Dua for the provincial
  coordinator of Gorontalo): every member gets 404 there, the admin what they get on "own".
* LOGIN means a redirect to the log-in page that comes back to the URL.

A refused POST (403 or 404, or the anonymous redirect) must change nothing in the database or
the media folder; an allowed one must change something. A new URL fails the test until a
routes_*.py module of this package gives it a row.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.urls import URLPattern, URLResolver, get_resolver

import tests.permissions
from tests.permissions.matrix import IGNORED_PREFIXES, LOGIN, PERSONAS, Route


def gather_routes() -> list[Route]:
    """Every routes_*.py module of this package contributes its ROUTES."""
    routes: list[Route] = []
    for module in pkgutil.iter_modules(tests.permissions.__path__):
        if module.name.startswith("routes_"):
            routes.extend(importlib.import_module(f"tests.permissions.{module.name}").ROUTES)
    return routes


ROUTES = gather_routes()


def state() -> dict[str, Any]:
    """Every row of Tera's own tables and the users, plus the stored files."""
    models = [m for m in apps.get_models() if m.__module__.startswith("tera.")]
    rows = {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in [*models, get_user_model()]
    }
    root = Path(settings.MEDIA_ROOT)
    rows["files"] = sorted(
        str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()
    )
    return rows


def expected_status(route: Route, persona: str, which: str) -> int | str:
    own = route.expect[PERSONAS.index(persona)]
    if which != "other" or persona in ("admin_user", "anonymous"):
        return own
    return 404


def cases() -> list[Any]:
    found = []
    for route in ROUTES:
        sides = ("own", "other") if route.scoped else ("global",)
        for persona in PERSONAS:
            for which in sides:
                found.append(
                    pytest.param(route, persona, which, id=f"{route.id}-{persona}-{which}")
                )
    return found


@pytest.mark.parametrize(("route", "persona", "which"), cases())
def test_permission(client, world, route, persona, which):
    side = world.side(persona, which)
    if route.arrange is not None:
        route.arrange(side)
    url = route.url(side)
    data = route.data(side, world.opd(persona, side)) if route.data else {}
    if world.users[persona] is not None:
        client.force_login(world.users[persona])
    before = state()
    response = client.get(url) if route.method == "GET" else client.post(url, data)
    if response.streaming:  # a download: read it whole, which also closes the file
        assert response.getvalue()

    expected = expected_status(route, persona, which)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == redirect_to_login(url)["Location"]
    else:
        assert response.status_code == expected
    if route.method == "POST":
        allowed = expected in (200, 302)
        assert (state() != before) == (allowed and route.writes)


def refusals() -> list[Any]:
    return [
        pytest.param(route, persona, id=f"{route.id}-{persona}")
        for route in ROUTES
        if route.method == "POST"
        for persona in PERSONAS
        if route.expect[PERSONAS.index(persona)] == 403
    ]


@pytest.mark.parametrize(("route", "persona"), refusals())
def test_a_refused_post_is_refused_before_its_form_is_read(client, world, route, persona):
    """An empty form gets the same 403, not a form error that tells what to fix.

    Only the contribution stays: it says whose evidence is cited, which decides who may.
    """
    side = world.side(persona, "own")
    data = route.data(side, world.opd(persona, side)) if route.data else {}
    client.force_login(world.users[persona])
    before = state()
    response = client.post(route.url(side), {"contribution": data.get("contribution", "")})
    assert response.status_code == 403
    assert state() == before


def named_routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[str]:
    names = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(IGNORED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.extend(named_routes(pattern.url_patterns, route, inner))
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"the URL {route} needs a name and a row in ROUTES"
            names.append(namespace + pattern.name)
    return names


def test_every_url_of_the_project_has_a_row_in_the_matrix():
    listed = {route.name for route in ROUTES}
    missing = set(named_routes(get_resolver().url_patterns)) - listed
    assert not missing, f"add a row to ROUTES for: {', '.join(sorted(missing))}"


def test_every_row_of_the_matrix_is_a_url_of_the_project():
    assert {route.name for route in ROUTES} <= set(named_routes(get_resolver().url_patterns))


def test_every_case_has_its_own_id():
    ids = [case.id for case in cases()]
    assert len(ids) == len(set(ids))
