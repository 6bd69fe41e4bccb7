"""The planning pages run a fixed number of SQL queries, however many items, notes and OPD exist.

Each page is measured on a small world (one of everything it lists), then far more is added
(OPD, lead assignments, action items with notes and evidence, costs per step) and the page must
stay within the count measured before."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tera.assessments.models import Contribution
from tera.evidence.models import Document
from tera.organizations.models import Opd
from tera.planning.models import ActionItem, ItemEvidence, ProgressNote, RaiseCap, StepCost, Target
from tests.planning.factories import make_item, set_levels

pytestmark = pytest.mark.django_db


def whatif(period):
    return reverse("planning:whatif", args=[period.pk]) + "?i1=4&i2=5"


def planner(period):
    return reverse("planning:planner", args=[period.pk])


def items(period):
    return reverse("planning:items", args=[period.pk])


def first_item(period):
    return reverse("planning:item", args=[period.action_items.order_by("pk").first().pk])


def monitoring(period):
    return reverse("planning:monitoring", args=[period.pk])


# page: (who opens it, its URL, the most queries on the small world, what the added data shows)
PAGES = {
    "whatif": ("pimpinan", whatif, 7, "whatif-result"),  # it lists nothing that was added
    "planner": ("koordinator", planner, 12, "Dinas b0"),
    "planner-pimpinan": ("pimpinan", planner, 12, "Dinas b0"),
    "items": ("koordinator", items, 6, "Aksi b29"),
    "items-opd": ("opd_member", items, 6, "Aksi b0"),
    "item": ("koordinator", first_item, 7, "Catatan b9"),
    "item-opd": ("opd_member", first_item, 7, "Dokumen b9"),
    "monitoring": ("pimpinan", monitoring, 8, "Aksi b29"),
}


@dataclass(frozen=True)
class Size:
    tag: str
    opds: int
    items: int
    notes: int
    costs: int


SMALL = Size("a", opds=1, items=2, notes=1, costs=1)
LARGE = Size("b", opds=8, items=30, notes=10, costs=40)


def add_data(period, kominfo, koordinator, size):
    """OPD leading indicators, items (the first Diskominfo's), notes, evidence, step costs."""
    opds = [kominfo] + [
        Opd.objects.create(instansi=period.instansi, name=f"Dinas {size.tag}{n}")
        for n in range(size.opds)
    ]
    numbers = range(3 + (size.tag == "b") * 10, 3 + (size.tag == "b") * 10 + size.opds)
    Contribution.objects.bulk_create(
        Contribution(period=period, indicator=number, opd=opd, is_lead=True)
        for number, opd in zip(numbers, opds[1:], strict=True)
    )
    today = date.today()
    for n in range(size.items):
        make_item(
            period, opds[n % len(opds)], indicator=n % 47 + 1, title=f"Aksi {size.tag}{n}",
            due_on=today + timedelta(days=n - 5), status=list(ActionItem.Status)[n % 4],
        )  # fmt: skip
    first = period.action_items.order_by("pk").first()
    for n in range(size.notes):
        ProgressNote.objects.create(item=first, author=koordinator, text=f"Catatan {size.tag}{n}")
        document = Document.objects.create(
            instansi=period.instansi,
            opd=kominfo,
            title=f"Dokumen {size.tag}{n}",
            category="lainnya",
        )
        ItemEvidence.objects.create(item=first, document=document, added_by=koordinator)
    StepCost.objects.bulk_create(
        StepCost(
            period=period, indicator=n % 47 + 1, to_level=n // 47 + 2 + (size.tag == "b"), cost=2
        )
        for n in range(size.costs)
    )


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_a_planning_page_runs_the_same_number_of_queries_on_more_data(
    page, request, client, period, koordinator, kominfo, django_assert_max_num_queries
):
    persona, url_of, ceiling, added = PAGES[page]
    set_levels(period, others=2)
    Target.objects.create(period=period, predikat="Sangat Baik")
    RaiseCap.objects.bulk_create(  # so that the target is reachable and the plan has rows
        RaiseCap(period=period, indicator=number, levels=2) for number in range(1, 48)
    )
    client.force_login(request.getfixturevalue(persona))
    add_data(period, kominfo, koordinator, SMALL)
    url = url_of(period)
    client.get(url)  # caches that fill once per process (instrument, translations) are filled
    with django_assert_max_num_queries(ceiling):
        small = queries_of(client, url)
    add_data(period, kominfo, koordinator, LARGE)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
    assert added in response.text
