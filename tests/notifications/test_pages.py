"""The notification list: newest first, one's own only, marked read one by one or all at once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tera.notifications.actions import notify
from tera.notifications.models import Notification

pytestmark = pytest.mark.django_db

LIST = "/notifikasi/"


def note(user, text, minutes_ago=0):
    notification = notify(user, Notification.Kind.ITEM_DUE, text, "/dasbor/")
    moment = timezone.now() - timedelta(minutes=minutes_ago)
    Notification.objects.filter(pk=notification.pk).update(created_at=moment)
    return notification


def test_the_list_shows_the_newest_first(client, koordinator):
    note(koordinator, "Pengingat lama", minutes_ago=60)
    note(koordinator, "Pengingat baru")
    client.force_login(koordinator)
    page = client.get(LIST).content.decode()
    assert page.index("Pengingat baru") < page.index("Pengingat lama")


def test_the_list_shows_no_notification_of_another_user(client, koordinator, opd_member):
    note(opd_member, "Untuk staf Diskominfo")
    client.force_login(koordinator)
    assert "Untuk staf Diskominfo" not in client.get(LIST).content.decode()


def test_the_top_bar_counts_the_unread_notifications(client, koordinator):
    note(koordinator, "Satu")
    note(koordinator, "Dua")
    Notification.objects.filter(pk=note(koordinator, "Tiga").pk).update(read_at=timezone.now())
    client.force_login(koordinator)
    page = client.get(reverse("dashboard")).content.decode()
    assert (
        '<span class="badge badge-warn" aria-hidden="true" data-testid="unread-count">2</span>'
        in page
    )


def test_the_top_bar_shows_no_count_when_everything_is_read(client, koordinator):
    client.force_login(koordinator)
    assert 'data-testid="unread-count"' not in client.get(reverse("dashboard")).content.decode()


def test_marking_one_as_read_keeps_the_others_unread(client, koordinator):
    first, second = note(koordinator, "Satu"), note(koordinator, "Dua")
    client.force_login(koordinator)
    response = client.post(reverse("notifications:read", args=[first.pk]))
    assert response.status_code == 302
    assert Notification.objects.get(pk=first.pk).is_read
    assert not Notification.objects.get(pk=second.pk).is_read


def test_marking_one_as_read_with_htmx_swaps_the_item_and_the_count(client, koordinator):
    first = note(koordinator, "Satu")
    note(koordinator, "Dua")
    client.force_login(koordinator)
    response = client.post(reverse("notifications:read", args=[first.pk]), HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert f'id="notification-{first.pk}"' in fragment
    assert "<html" not in fragment
    assert 'id="unread-count" hx-swap-oob="true"' in fragment
    assert 'data-testid="unread-count">1</span>' in fragment


def test_another_users_notification_cannot_be_marked_read(client, koordinator, opd_member):
    theirs = note(opd_member, "Untuk staf Diskominfo")
    client.force_login(koordinator)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    assert not Notification.objects.get(pk=theirs.pk).is_read


def test_marking_all_as_read_reads_only_ones_own(client, koordinator, opd_member):
    note(koordinator, "Satu")
    note(koordinator, "Dua")
    theirs = note(opd_member, "Untuk staf Diskominfo")
    client.force_login(koordinator)
    response = client.post(reverse("notifications:read_all"), HTTP_HX_REQUEST="true")
    assert 'id="notification-list"' in response.content.decode()
    assert not Notification.objects.filter(user=koordinator, read_at__isnull=True).exists()
    assert not Notification.objects.get(pk=theirs.pk).is_read
