"""The unread count of the top bar, carried on the signed-in user (see backends.py)."""

from __future__ import annotations

from typing import Any

from django import template

from tera.notifications.access import unread_count

register = template.Library()


@register.inclusion_tag("notifications/unread_count.html", takes_context=True)
def unread_badge(context: dict[str, Any]) -> dict[str, Any]:
    """A user not loaded through the backend (a session from before it) costs one query."""
    user = context["user"]
    count = getattr(user, "unread_notifications", None)
    return {"count": unread_count(user) if count is None else count}
