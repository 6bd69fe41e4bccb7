"""Fetching notifications for a user: each user reaches only their own."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from tera.notifications.models import Notification
from tera.organizations.access import User


def notifications_of(user: User) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(user: User) -> int:
    return notifications_of(user).filter(read_at__isnull=True).count()


def get_notification_for_user(user: User, pk: int) -> Notification:
    return get_object_or_404(notifications_of(user), pk=pk)
