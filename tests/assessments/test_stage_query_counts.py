"""The pages after the submission run a fixed number of queries, however much data they show.

Each page is measured on a small world (one of everything it lists), then far more is added
(OPD with proposed levels, scores at every stage, objections citing documents, earlier periods,
registry years) and the page must stay within the count measured before."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tera.assessments import windows
from tera.assessments.models import Contribution, DeadlineWindow, Objection, StageScore
from tera.assessments.periods import start_period
from tera.evidence.models import Document
from tera.organizations.models import Opd
from tera.registry.models import OfficialResult
from tests.assessments.submission import lock_with_levels
from tests.assessments.test_query_counts import queries_of

pytestmark = pytest.mark.django_db

STAGES = ("dokumen", "interviu", "visitasi", "final")


def page(name, *extra):
    return lambda period: reverse(name, args=[period.pk, *extra])


# page: (who opens it, its URL, the most queries on the small world, what the added data shows)
PAGES = {
    "stages": ("koordinator", page("assessments:stages"), 8, "Catatan b"),
    "stage-entry": ("koordinator", page("assessments:stage_entry", "interviu"), 8, "Catatan b"),
    "windows": ("koordinator", page("assessments:windows"), 10, "Dokumen b9"),
    "windows-pimpinan": ("pimpinan", page("assessments:windows"), 9, "Dokumen b9"),
    "calibration": ("koordinator", page("assessments:calibration"), 13, "Dinas b7"),
}


@dataclass(frozen=True)
class Size:
    tag: str
    opds: int
    indicators: int
    documents: int
    objections: int
    years: tuple[int, ...]  # earlier Tera periods; the registry holds the years before them


SMALL = Size("a", opds=1, indicators=2, documents=1, objections=1, years=(2024,))
LARGE = Size("b", opds=8, indicators=30, documents=10, objections=12, years=(2022, 2023))


def add_data(period, koordinator, size):
    numbers = range(1, size.indicators + 1)
    opds = [
        Opd.objects.create(instansi=period.instansi, name=f"Dinas {size.tag}{n}")
        for n in range(size.opds)
    ]
    Contribution.objects.bulk_create(
        Contribution(period=period, indicator=number, opd=opd, level=number % 6)
        for number in numbers
        for opd in opds
    )
    StageScore.objects.bulk_create(
        (
            StageScore(
                period=period, indicator=number, stage=stage, level=(number + n) % 6,
                note=f"Catatan {size.tag}{number}", entered_by=koordinator,
                entered_at=timezone.now(),
            )
            for n, stage in enumerate(STAGES)
            for number in numbers
        ),
        ignore_conflicts=True,
    )  # fmt: skip
    _add_objections(period, koordinator, size)
    for year in size.years:
        start_period(
            instansi=period.instansi, instrument=period.instrument, year=year, user=koordinator
        )
        OfficialResult.objects.create(
            instansi=period.instansi, year=year - 5, published_name="Kota Satu", index="2.40"
        )


def _add_objections(period, koordinator, size):
    now = timezone.now()
    for kind in DeadlineWindow.Kind.values:
        if not DeadlineWindow.objects.filter(period=period, kind=kind).exists():
            windows.set_window(
                period, kind, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=2),
                user=koordinator,
            )  # fmt: skip
    documents = Document.objects.bulk_create(
        Document(instansi=period.instansi, title=f"Dokumen {size.tag}{n}", url="https://x.go.id/")
        for n in range(size.documents)
    )
    window = DeadlineWindow.objects.get(period=period, kind=DeadlineWindow.Kind.SANGGAHAN)
    for n in range(size.objections):
        objection = Objection.objects.create(
            period=period, indicator=n % 47 + 1, text=f"Sanggahan {size.tag}{n}", window=window,
            filed_by=koordinator, filed_at=now,
        )  # fmt: skip
        objection.documents.set(documents)


@pytest.mark.parametrize("name", PAGES)
def test_a_stage_page_runs_the_same_number_of_queries_on_more_data(
    name, request, client, period, koordinator, django_assert_max_num_queries
):
    persona, url_of, ceiling, added = PAGES[name]
    locked = lock_with_levels(period, koordinator, {1: 3, 2: 2, 3: 4})
    client.force_login(request.getfixturevalue(persona))
    url = url_of(locked)
    add_data(locked, koordinator, SMALL)
    client.get(url)  # caches that fill once per process (instrument, translations) are filled
    with django_assert_max_num_queries(ceiling):
        small = queries_of(client, url)
    add_data(locked, koordinator, LARGE)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
    assert added in response.text
