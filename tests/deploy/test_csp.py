"""A Content-Security-Policy that lets only Tera's own files run or style a page, and templates
that need nothing more."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from tera.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db
TEMPLATES = sorted((Path(settings.BASE_DIR) / "tera").rglob("templates/**/*.html"))
# What the policy would block: inline code, inline style, event handlers, javascript: links,
# and htmx's hx-on, which is run through eval.
FORBIDDEN = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "hx-on": re.compile(r"\shx-on", re.IGNORECASE),
}


def test_a_page_gets_the_policy(client):
    response = client.get("/masuk/")
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def test_the_policy_allows_no_inline_code_and_no_eval():
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_the_api_docs_get_the_same_policy(client):
    """Swagger UI is loaded from ninja's static files and reads its settings from JSON."""
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_the_templates_were_found():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("kind", FORBIDDEN)
def test_no_template_needs_more_than_the_policy_allows(kind):
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN[kind].search(line)
    ]
    assert not found, f"{kind} in: {', '.join(found)}"


def test_htmx_neither_injects_its_style_nor_evaluates_code(client):
    page = client.get("/masuk/").content.decode()
    config = json.loads(re.search(r'name="htmx-config" content=\'([^\']+)\'', page).group(1))
    assert (config["includeIndicatorStyles"], config["allowEval"]) == (False, False)
