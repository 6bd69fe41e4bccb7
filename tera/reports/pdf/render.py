"""Turning a template into an A4 PDF with WeasyPrint, with nothing fetched from anywhere.

The documents carry names and titles typed by users. Django escapes them, and on top of that the
URL fetcher refuses every URL but a data: URI, so that not even a hostile address that slipped
through could make the worker reach out to a server or read a local file. The charts are inline
SVG and the stylesheet is read from Tera's own static files by path, so nothing needs fetching.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STYLESHEET = "reports/print.css"


def local_only_fetcher() -> URLFetcher:
    """Fetches data: URIs only; WeasyPrint leaves out, with a warning, whatever it refuses."""
    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    fetcher = local_only_fetcher()
    stylesheet = CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher)
    document = HTML(string=html, url_fetcher=fetcher)
    return bytes(document.write_pdf(stylesheets=[stylesheet]))


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string(template, context))
