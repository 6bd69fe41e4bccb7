"""Signing in as usual, with the user's unread notification count read in the same query.

Every signed-in page shows the count in the top bar; carried on the user row that the page
loads anyway, it costs no query of its own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from tera.notifications.models import Notification


class UnreadCountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        unread = (
            Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
            .values("user")
            .annotate(count=Count("pk"))
            .values("count")
        )
        user = (
            get_user_model()
            ._default_manager.annotate(
                unread_notifications=Coalesce(
                    Subquery(unread, output_field=IntegerField()), Value(0)
                )
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
