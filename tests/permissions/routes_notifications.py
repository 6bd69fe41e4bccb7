"""Routes of the notification list: each user reads and marks only their own notifications."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from tera.notifications.actions import notify
from tera.notifications.models import Notification
from tests.permissions.matrix import LOGIN, SIGNED_IN, Route

# fmt: off
#            koordinator asesor pimpinan opd_member other_opd provincial outsider admin anonymous
OWN_ONLY =  (302,  404,  404,  404,  404,  404,  302,  404,  LOGIN)
SIGNED_IN_POST = (302,) * 8 + (LOGIN,)
# fmt: on


def koordinator_notification(side):
    """The unread reminder of the side's Koordinator, made on first use."""
    notification = Notification.objects.filter(user=side.koordinator, read_at__isnull=True).first()
    return notification or notify(
        side.koordinator, Notification.Kind.ITEM_DUE, "Aksi jatuh tempo besok.", "/dasbor/"
    )


def everyone_has_an_unread_notification(_side):
    for user in get_user_model().objects.all():
        notify(user, Notification.Kind.SUBMISSION_DUE, "Periode harus diajukan.", "/dasbor/")


ROUTES = [
    Route(
        "notifications:list",
        "GET",
        lambda s: reverse("notifications:list"),
        SIGNED_IN,
        scoped=False,
    ),
    # A notification of the Koordinator of one side: only they (the outsider on Kota Dua) mark it.
    Route(
        "notifications:read",
        "POST",
        lambda s: reverse("notifications:read", args=[koordinator_notification(s).pk]),
        OWN_ONLY,
    ),
    Route(
        "notifications:read_all",
        "POST",
        lambda s: reverse("notifications:read_all"),
        SIGNED_IN_POST,
        arrange=everyone_has_an_unread_notification,
        scoped=False,
    ),
]
