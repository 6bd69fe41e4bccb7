"""The notification list and the top bar run a fixed number of queries, however many exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tera.notifications.models import Notification

pytestmark = pytest.mark.django_db


def add_notifications(user, count, tag):
    Notification.objects.bulk_create(
        Notification(user=user, kind=Notification.Kind.ITEM_DUE, text=f"Pengingat {tag}{n}")
        for n in range(count)
    )


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["notifications:list", "dashboard"])
def test_a_page_runs_the_same_number_of_queries_with_more_notifications(
    page, client, koordinator, period, django_assert_max_num_queries
):
    client.force_login(koordinator)
    url = reverse(page)
    add_notifications(koordinator, 1, "a")
    client.get(url)  # caches that fill once per process (instrument, translations) are filled
    small = queries_of(client, url)
    add_notifications(koordinator, 120, "b")
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert 'data-testid="unread-count">121</span>' in response.content.decode()


def test_the_list_page_runs_at_most_five_queries(
    client, koordinator, django_assert_max_num_queries
):
    """Session, user with the unread count, the page's count, its rows, the unread total."""
    add_notifications(koordinator, 60, "a")
    client.force_login(koordinator)
    with django_assert_max_num_queries(5):
        client.get(reverse("notifications:list"))


def test_the_top_bar_count_comes_with_the_user_at_no_query_of_its_own(client, koordinator, period):
    """The dashboard runs as many queries with unread notifications as with none."""
    client.force_login(koordinator)
    url = reverse("dashboard")
    client.get(url)
    without = queries_of(client, url)
    add_notifications(koordinator, 3, "a")
    assert queries_of(client, url) == without
