"""The busy pages run a fixed number of SQL queries, however many OPD, answers and files exist.

Each page is measured on a small world (tests/conftest.py plus one of everything the page lists,
so that every prefetch already runs), then far more is added (OPD and their members,
contributions with levels, answered and submitted indicators, documents with revisions,
evidence links, review notes, audit entries, another period, kabupaten with official results)
and the page must stay within the count measured before."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tera.assessments.models import Answer, Contribution, ReviewNote
from tera.assessments.periods import start_period
from tera.audit.log import record
from tera.evidence.models import Document, DocumentRevision, EvidenceLink
from tera.organizations.models import Membership, Opd
from tera.registry.models import Instansi, OfficialResult
from tests.conftest import member

pytestmark = pytest.mark.django_db


def period_page(period):
    return reverse("assessments:period", args=[period.pk])


def indicator_page(period):
    return reverse("assessments:indicator", args=[period.pk, 1])


def dashboard(period):
    return reverse("dashboard")


def tasks(period):
    return reverse("assessments:tasks")


def period_history(period):
    return reverse("assessments:history", args=[period.pk])


def assignments(period):
    return reverse("assessments:assignments", args=[period.pk])


def evidence_bank(period):
    return reverse("evidence:documents", args=[period.instansi_id])


def instansi_page(period):
    return reverse("organizations:instansi", args=[period.instansi_id])


# page: (who opens it, its URL, the most queries on the small world, what the added data shows)
PAGES = {
    # The audit chain's head keys the cached body of these two (tera.assessments.page_cache).
    "period": ("koordinator", period_page, 9, "Dinas b0"),
    "period-opd": ("opd_member", period_page, 10, "Dinas b0"),
    # The history names its people and OPD: one query for each (tera.assessments.history).
    "indicator": ("koordinator", indicator_page, 14, "Dokumen b29"),
    "indicator-opd": ("opd_member", indicator_page, 14, "Dokumen b29"),
    "dashboard": ("koordinator", dashboard, 11, "/indikator/20/"),
    "dashboard-opd": ("opd_member", dashboard, 9, "/indikator/20/"),
    "dashboard-provincial": ("provincial", dashboard, 8, "Pemerintah Kabupaten b4"),
    "dashboard-admin": ("admin_user", dashboard, 7, "Pemerintah Kabupaten b4"),
    "tasks": ("opd_member", tasks, 6, "/indikator/20/"),
    "assignments": ("koordinator", assignments, 9, "Dinas b7"),
    "history": ("koordinator", period_history, 8, "→ 40"),
    "evidence-bank": ("koordinator", evidence_bank, 11, "Dokumen b29"),
    "evidence-bank-opd": ("opd_member", evidence_bank, 11, "Dokumen b29"),
    "instansi": ("koordinator", instansi_page, 11, "Dinas b7"),
}


@dataclass(frozen=True)
class Size:
    """How much to add: `tag` keeps names unique when data is added twice."""

    tag: str
    opds: int
    indicators: int
    documents: int
    notes: int
    audit_entries: int
    kabupaten: int


SMALL = Size("a", opds=1, indicators=2, documents=1, notes=1, audit_entries=1, kabupaten=1)
LARGE = Size("b", opds=8, indicators=20, documents=30, notes=10, audit_entries=40, kabupaten=5)


def add_data(period, koordinator, kominfo, size):
    """OPD with members and contributions, answered indicators, evidence, notes, history."""
    instansi = period.instansi
    opds = [
        Opd.objects.create(instansi=instansi, name=f"Dinas {size.tag}{n}") for n in range(size.opds)
    ]
    for opd in opds:
        member(f"staf-{opd.name}", instansi, Membership.Role.OPD, opd)
    numbers = range(1, size.indicators + 1)
    _add_contributions(period, koordinator, kominfo, opds, numbers)
    answers = _answer(period, koordinator, numbers)
    _add_evidence(period, koordinator, [*opds, kominfo], answers, size)
    first = answers[0]
    for n in range(size.notes):
        ReviewNote.objects.create(
            answer=first, author=koordinator, decision=ReviewNote.Decision.REVISION, body=f"{n}"
        )
    for n in range(size.audit_entries):
        answer = answers[n % len(answers)]
        record(
            actor=koordinator,
            action="answer.save",
            obj=answer,
            instansi_id=instansi.pk,
            period_id=period.pk,
            indicator=answer.indicator,
            before={"level": n},
            after={"level": n + 1},
        )
    year = 2024 if size.tag == "a" else 2023
    start_period(instansi=instansi, instrument=period.instrument, year=year, user=koordinator)
    _add_province(instansi, size)


def _add_contributions(period, koordinator, kominfo, opds, numbers):
    Contribution.objects.bulk_create(
        Contribution(
            period=period,
            indicator=number,
            opd=opd,
            level=2,
            fakta="Perwali",
            status=Contribution.Status.SUBMITTED,
            updated_by=koordinator,
            updated_at=timezone.now(),
        )
        for number in numbers
        for opd in opds
    )
    Contribution.objects.bulk_create(
        [Contribution(period=period, indicator=number, opd=kominfo, level=1) for number in numbers],
        ignore_conflicts=True,
    )


def _answer(period, koordinator, numbers):
    """Level and text on every indicator; the even ones submitted, indicator 1 still a draft."""
    answers = list(period.answers.filter(indicator__in=numbers))
    for answer in answers:
        answer.level, answer.fakta, answer.analisis = 2, "Perwali", "Tingkat 2"
        answer.status = (
            Answer.Status.SUBMITTED if answer.indicator % 2 == 0 else Answer.Status.DRAFT
        )
        answer.reviewer_level = 2
        answer.updated_by = koordinator
    fields = ["level", "fakta", "analisis", "status", "reviewer_level", "updated_by"]
    Answer.objects.bulk_update(answers, fields)
    return answers


def _add_evidence(period, koordinator, opds, answers, size):
    documents = Document.objects.bulk_create(
        Document(
            instansi=period.instansi,
            opd=opds[n % len(opds)],
            title=f"Dokumen {size.tag}{n}",
            category=Document.Category.KEBIJAKAN,
            created_by=koordinator,
        )
        for n in range(size.documents)
    )
    DocumentRevision.objects.bulk_create(
        DocumentRevision(
            document=document,
            file=f"evidence/{document.pk}/{version}.pdf",
            original_name=f"{document.title} v{version}.pdf",
            size=1000,
            sha256=f"{document.pk:032d}{version:032d}",
            content_type="application/pdf",
            uploaded_by=koordinator,
        )
        for document in documents
        for version in (1, 2)
    )
    contributions = {(c.indicator, c.opd_id): c for c in Contribution.objects.filter(period=period)}
    EvidenceLink.objects.bulk_create(
        EvidenceLink(
            answer=answer,
            document=document,
            contribution=contributions.get((answer.indicator, document.opd_id)),
            added_by=koordinator,
        )
        for answer in answers
        for document in documents
    )


def _add_province(instansi, size):
    for n in range(size.kabupaten):
        kab = Instansi.objects.create(
            name=f"Pemerintah Kabupaten {size.tag}{n}", slug=f"kab-{size.tag}{n}",
            kind=Instansi.Kind.KABUPATEN, province=instansi.province,
        )  # fmt: skip
        member(f"koordinator-{kab.slug}", kab, Membership.Role.KOORDINATOR)
        for year in (2023, 2024):
            OfficialResult.objects.create(
                instansi=kab, year=year, published_name=kab.name, index="2.50"
            )


def uncached_get(client, url, **extra):
    """A visit with an empty cache: the most queries a page runs, as `make bench` counts them."""
    cache.clear()
    return client.get(url, **extra)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert uncached_get(client, url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_the_same_number_of_queries_on_more_data(
    page, request, client, period, koordinator, kominfo, django_assert_max_num_queries
):
    persona, url_of, ceiling, added = PAGES[page]
    client.force_login(request.getfixturevalue(persona))
    url = url_of(period)
    add_data(period, koordinator, kominfo, SMALL)
    client.get(url)  # caches that fill once per process (instrument, translations) are filled
    with django_assert_max_num_queries(ceiling):
        small = queries_of(client, url)
    add_data(period, koordinator, kominfo, LARGE)
    with django_assert_max_num_queries(small):
        response = uncached_get(client, url)
    assert response.status_code == 200
    assert added in response.text
