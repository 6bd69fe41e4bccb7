"""Tera speaks Indonesian unless the user picked another language; pages allow only own scripts;
query strings carrying NUL are refused."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils import translation

LANGUAGES = {code for code, _name in settings.LANGUAGES}


class ChosenLanguageMiddleware:
    """Many government PCs run an English browser; the language menu, not the browser, decides."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in LANGUAGES else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class ContentSecurityPolicyMiddleware:
    """Only Tera's own files may run or style a page: an injected script or style is refused.

    The templates carry no inline script, style or event handler (tests/deploy/test_csp.py
    scans them), and htmx is told not to add its indicator style nor to evaluate code.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class NulCharacterMiddleware:
    """PostgreSQL text cannot hold NUL, so a query string carrying one would fail in whichever
    filter of a page reads it; it is refused before the view runs. The API is left to validate
    its own parameters, which answers 422 in JSON as its schema says."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *_view: object) -> None:
        match = request.resolver_match
        if match is not None and match.namespace == "api":
            return
        if any("\x00" in value for _name, values in request.GET.lists() for value in values):
            raise BadRequest("NUL character in the query string")
