"""The JSON errors of the API, always {"detail": ...}, and what turns exceptions into them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.responses import Status

from tera.errors import ActionRefused, Conflict


class Error(Schema):
    detail: str


class ValidationErrors(Schema):
    """Ninja's answer to bad input: each problem with its location (e.g. body, level)."""

    detail: list[dict[str, Any]]


READ_ERRORS: dict[int, Any] = {401: Error, 404: Error, 422: ValidationErrors}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: Error, 403: Error}


def install_handlers(api: NinjaAPI) -> None:
    def unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
        detail = _("Send a valid API token in the header Authorization: Bearer <token>.")
        response = api.create_response(request, {"detail": detail}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        # The same answer whether the object does not exist or is outside the user's reach.
        detail = _("Not found, or not within your reach.")
        return api.create_response(request, {"detail": detail}, status=404)

    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        detail = _("Your role does not allow this.")
        return api.create_response(request, {"detail": detail}, status=403)

    def refused(request: HttpRequest, exc: ActionRefused) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message}, status=400)

    api.add_exception_handler(AuthenticationError, unauthorized)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(ActionRefused, refused)


def saved(action: Callable[[], Any]) -> Status[Any]:
    """Run a versioned save: 200 with the saved object, or 409 with the version now stored."""
    try:
        return Status(200, action())
    except Conflict as conflict:
        detail = _("Someone else saved this while you were editing.")
        return Status(409, {"detail": detail, "current": conflict.current})
