"""Signing in as usual, with the user's unread notification count read in the same query.

Every signed-in page shows the count in the top bar; carried on the user row that the page
loads anyway, it costs no query of its own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import F, Func, IntegerField, OuterRef, Subquery

from tera.notifications.models import Notification


class UnreadCountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        # COUNT without GROUP BY always gives one row, and is quicker to build than Count().
        unread = (
            Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values(count=Func(F("pk"), function="COUNT"))
        )
        user = (
            get_user_model()
            ._default_manager.annotate(
                unread_notifications=Subquery(unread, output_field=IntegerField())
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
