"""The user's notifications: the list, newest first, and marking one or all as read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from tera.notifications import actions
from tera.notifications.access import get_notification_for_user, notifications_of, unread_count

PAGE_SIZE = 50


def _list_context(request: HttpRequest) -> dict[str, Any]:
    pages = Paginator(notifications_of(request.user), PAGE_SIZE)
    return {"page": pages.get_page(request.GET.get("page")), "unread": unread_count(request.user)}


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    template = (
        "notifications/list.html#notification-list" if request.htmx else "notifications/list.html"
    )
    return render(request, template, _list_context(request))


def _fragment(
    request: HttpRequest, template: str, context: dict[str, Any], unread: int
) -> HttpResponse:
    """The changed part of the list, and the top bar's count swapped beside it."""
    badge = {"count": unread, "oob": True}
    return HttpResponse(
        render_to_string(template, context, request)
        + render_to_string("notifications/unread_count.html", badge, request)
    )


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_user(request.user, pk)
    actions.mark_read(notification, user=request.user)
    if not request.htmx:
        return redirect("notifications:list")
    context = {"notification": notification}
    template = "notifications/list.html#notification"
    return _fragment(request, template, context, unread_count(request.user))


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    actions.mark_all_read(request.user)
    if not request.htmx:
        return redirect("notifications:list")
    context = _list_context(request)
    template = "notifications/list.html#notification-list"
    return _fragment(request, template, context, context["unread"])
