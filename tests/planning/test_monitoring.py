"""The leadership view on a small worked example: every indicator at level 1 (index 1.00).

Diskominfo promised indicator 1 to level 3 (done) and 42 to level 4 (dropped); Bappeda promised
11 to level 2 (in progress, due yesterday: late) and 12 to level 3 (due tomorrow); an item
without owner promises indicator 1 to level 2 (due today: not late yet). Weights: indicators
1-10 count 1.30, 11-20 2.50, 42-47 3.00, out of 100.
"""

from datetime import timedelta
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from tera.planning.basis import basis_levels
from tera.planning.models import ActionItem
from tera.planning.monitoring import monitoring
from tests.planning.factories import make_item, set_levels

pytestmark = pytest.mark.django_db
Status = ActionItem.Status


@pytest.fixture
def worked_example(period, kominfo, bappeda):
    today = timezone.localdate()
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)
    set_levels(period, others=1)
    make_item(period, kominfo, indicator=1, target_level=3, due_on=yesterday, status=Status.DONE)
    make_item(
        period, kominfo, indicator=42, target_level=4, due_on=yesterday, status=Status.DROPPED
    )
    make_item(
        period, bappeda, indicator=11, target_level=2, due_on=yesterday, status=Status.IN_PROGRESS
    )
    make_item(period, bappeda, indicator=12, target_level=3, due_on=tomorrow)
    make_item(period, None, indicator=1, target_level=2, due_on=today)
    return monitoring(period, list(period.action_items.all()), basis_levels(period), today)


def test_every_item_counts_as_promised(worked_example):
    assert worked_example.total.promised == 5


def test_done_counts_the_items_marked_done(worked_example):
    assert worked_example.total.done == 1


def test_late_counts_items_past_their_due_date_neither_done_nor_dropped(worked_example):
    assert [row.item.indicator for row in worked_example.late_rows] == [11]


def test_the_counts_are_grouped_by_owner_opd(worked_example):
    counts = [
        (str(group.owner or "-"), group.promised, group.done, group.late, group.dropped)
        for group in worked_example.groups
    ]
    assert counts == [("Bappeda", 2, 0, 1, 0), ("Diskominfo", 2, 1, 0, 1), ("-", 1, 0, 0, 0)]


def test_the_index_now_is_the_basis(worked_example):
    assert worked_example.if_done.before.index == 1


def test_the_done_items_would_give_their_target_levels(worked_example):
    assert worked_example.if_done.after.index == Fraction("1.026")  # 1 + 2 x 1.30 / 100


def test_every_promised_item_but_the_dropped_would_give_the_highest_target(worked_example):
    # indicator 1 to 3 (+0.026), 11 to 2 (+0.025), 12 to 3 (+0.050); 42 was dropped
    assert worked_example.if_promised.after.index == Fraction("1.101")


def test_the_page_shows_the_counts_and_the_indexes(client, period, pimpinan, worked_example):
    client.force_login(pimpinan)
    page = client.get(reverse("planning:monitoring", args=[period.pk])).text
    for testid, shown in [
        ("promised", "5"),
        ("done", "1"),
        ("late-count", "1"),
        ("index-now", "1,00"),
        ("index-done", "1,03"),
        ("index-promised", "1,10"),
    ]:
        assert f'data-testid="{testid}">{shown}<' in page


def test_the_dashboard_links_the_monitoring_view_for_the_pimpinan(client, period, pimpinan):
    client.force_login(pimpinan)
    page = client.get(reverse("dashboard")).text
    assert reverse("planning:monitoring", args=[period.pk]) in page
