"""The account pages run a fixed number of queries, however many people and locks exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tera.organizations.models import Membership
from tests.accounts.conftest import fail
from tests.conftest import member

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def lock_out_staff(client, kota, numbers):
    for number in numbers:
        name = f"asesor-{number}"
        member(name, kota, Membership.Role.ASESOR)
        fail(client, name, 5, address=f"198.51.100.{number}")


@pytest.mark.parametrize("page", ["accounts:lockouts", "accounts:account", "accounts:two_step"])
def test_an_account_page_runs_the_same_number_of_queries_with_more_locks(
    page, client, kota, koordinator, django_assert_max_num_queries
):
    url = reverse(page)
    lock_out_staff(client, kota, [1])
    client.force_login(koordinator)
    client.get(url)  # caches that fill once per process (translations) are filled
    small = queries_of(client, url)
    lock_out_staff(client, kota, range(2, 40))
    with django_assert_max_num_queries(small):
        response = client.get(url)
    if page == "accounts:lockouts":
        assert len(response.context["lockouts"]) == 39
