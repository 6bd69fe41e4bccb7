"""A database that cannot be reached (connection lost, server restarting, SQLite locked for too
long) is told to the user plainly, with status 503, instead of a server error page."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
# Seconds a client should wait before sending the request again.
RETRY_AFTER = "5"


def unavailable_message() -> str:
    return _("The database cannot be reached right now; your changes were not saved. Try again.")


class DatabaseUnavailableMiddleware:
    """The action's transaction was rolled back with the connection, so nothing is half-written:
    sending the same request again is safe. The answer is built without the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # The path names the period or instansi; the user would need the database to be named.
        logger.error("database unavailable: %s %s: %s", request.method, request.path, exception)
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": unavailable_message()}, status=503)
        elif getattr(request, "htmx", False):
            response = _alert_above_the_page(request)
        else:
            page = render_to_string(
                "ops/database_unavailable.html", {"message": unavailable_message()}, request=None
            )
            response = HttpResponse(page, status=503)
        response["Retry-After"] = RETRY_AFTER
        return response


def _alert_above_the_page(request: HttpRequest) -> HttpResponse:
    """For an inline save: the message goes above the page, and the form keeps the user's text."""
    fragment = render_to_string(
        "ops/database_unavailable.html#alert", {"message": unavailable_message()}
    )
    response = HttpResponse(fragment, status=503)
    response["HX-Retarget"] = "#main"
    response["HX-Reswap"] = "afterbegin show:top"
    return response
