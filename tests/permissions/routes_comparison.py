"""Routes of the public pages, the provincial comparison, and publishing a period's result."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from tera.assessments.models import Period, StageScore
from tera.reports.models import Publication
from tests.permissions.matrix import (
    MANAGE,
    PUBLIC,
    READ_ALL,
    Route,
    global_url,
    registry_result,
)

# The final stage scored every indicator of SPBE 2020.
INDICATORS = range(1, 48)


def scored(side):
    """The period locked, with the assessors' final result for every indicator."""
    Period.objects.filter(pk=side.period.pk).update(status=Period.Status.LOCKED)
    StageScore.objects.bulk_create(
        StageScore(
            period=side.period, indicator=number, stage="final", level=3,
            entered_at=timezone.now(),
        )
        for number in INDICATORS
    )  # fmt: skip


def published(side):
    scored(side)
    Publication.objects.create(
        period=side.period, levels={str(n): 3 for n in INDICATORS}, published_at=timezone.now()
    )


def province_url(name):
    return lambda s: reverse(name, args=[slugify(s.instansi.province)])


def period_url(name):
    return lambda s: reverse(name, args=[s.period.pk])


def statement(_side, _opd):
    return {"confirm": "on"}


ROUTES = [
    # The public pages need no log-in and show the same to everyone.
    Route("public:landing", "GET", global_url("public:landing"), PUBLIC, scoped=False),
    Route("public:national", "GET", global_url("public:national"), PUBLIC, scoped=False),
    Route(
        "public:national_workbook",
        "GET",
        lambda s: reverse("public:national_workbook") + "?year=2024",
        PUBLIC,
        arrange=registry_result,
        scoped=False,
    ),
    Route(
        "public:instansi",
        "GET",
        lambda s: reverse("public:instansi", args=[s.instansi.slug]),
        PUBLIC,
        arrange=registry_result,
        scoped=False,
    ),
    Route(
        "public:province",
        "GET",
        province_url("public:province"),
        PUBLIC,
        arrange=registry_result,
        scoped=False,
    ),
    Route(
        "public:province_workbook",
        "GET",
        province_url("public:province_workbook"),
        PUBLIC,
        arrange=registry_result,
        scoped=False,
    ),
    # Publishing is the Koordinator's; whoever reads the whole instansi sees its state.
    Route("public:publication", "GET", period_url("public:publication"), READ_ALL),
    Route(
        "public:publish",
        "POST",
        period_url("public:publish"),
        MANAGE,
        data=statement,
        arrange=scored,
    ),
    Route("public:withdraw", "POST", period_url("public:withdraw"), MANAGE, arrange=published),
]
