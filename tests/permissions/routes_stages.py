"""Routes after the submission: external stages, deadline windows, objections, calibration."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tera.assessments.models import DeadlineWindow, Period
from tests.permissions.matrix import (
    CONTRIBUTE,
    LOGIN,
    MANAGE,
    MANAGE_PAGE,
    READ_ALL,
    Route,
    indicator_url,
    own_contribution,
    upload_data,
)

Kind = DeadlineWindow.Kind
REFUSED_AFTER_WINDOW = (400, 400, 403, 400, 400, 403, 400, 400, LOGIN)


def lock(side):
    """The period as submitted; how it got there does not matter to who may act on it."""
    Period.objects.filter(pk=side.period.pk).update(status=Period.Status.LOCKED)


def window(side, kind, opens, closes):
    now = timezone.now()
    DeadlineWindow.objects.create(
        period=side.period, kind=kind, opens_at=now + opens, closes_at=now + closes
    )


def reupload_open(side):
    lock(side)
    window(side, Kind.UNGGAH_ULANG, -timedelta(hours=1), timedelta(days=1))


def reupload_closed(side):
    lock(side)
    window(side, Kind.UNGGAH_ULANG, -timedelta(days=4), -timedelta(days=1))


def sanggahan_open(side):
    window(side, Kind.SANGGAHAN, -timedelta(hours=1), timedelta(days=1))


def period_url(name):
    return lambda s: reverse(name, args=[s.period.pk])


def stage_sheet(_s, _opd):
    return {
        "stage": "dokumen",
        "sheet": SimpleUploadedFile("dokumen.csv", b"indikator,tingkat\n1,3\n"),
    }


def cite_data(s, opd):
    return {
        "cite-document": s.spare[(opd or s.kominfo).pk].pk,
        "contribution": own_contribution(s, opd),
    }


ROUTES = [
    Route("assessments:stages", "GET", period_url("assessments:stages"), READ_ALL),
    Route(
        "assessments:stage_entry",
        "GET",
        lambda s: reverse("assessments:stage_entry", args=[s.period.pk, "dokumen"]),
        MANAGE_PAGE,
    ),
    Route(
        "assessments:stage_entry",
        "POST",
        lambda s: reverse("assessments:stage_entry", args=[s.period.pk, "interviu"]),
        MANAGE,
        data=lambda s, o: {"level_1": "3", "note_1": "Diklarifikasi saat interviu"},
        arrange=lock,
        label="post",
    ),
    Route(
        "assessments:stage_import",
        "POST",
        period_url("assessments:stage_import"),
        MANAGE,
        data=stage_sheet,
        arrange=lock,
    ),
    Route("assessments:windows", "GET", period_url("assessments:windows"), READ_ALL),
    Route(
        "assessments:windows",
        "POST",
        period_url("assessments:windows"),
        MANAGE,
        data=lambda s, o: {
            "kind": "sanggahan",
            "opens_at": "2025-07-01T08:00",
            "closes_at": "2025-07-03T16:00",
        },
        label="post",
    ),
    Route(
        "assessments:window_from_interview",
        "POST",
        period_url("assessments:window_from_interview"),
        MANAGE,
        data=lambda s, o: {"interview_date": "2025-06-10"},
    ),
    Route(
        "assessments:objection_create",
        "POST",
        period_url("assessments:objection_create"),
        MANAGE,
        data=lambda s, o: {"indicator": 1, "text": "Reviu 2024 sudah diunggah"},
        arrange=sanggahan_open,
    ),
    Route("assessments:calibration", "GET", period_url("assessments:calibration"), READ_ALL),
    # A locked period takes evidence only during its re-upload window, from the same people.
    Route(
        "evidence:upload_for_answer",
        "POST",
        indicator_url("evidence:upload_for_answer", 1),
        CONTRIBUTE,
        data=upload_data,
        arrange=reupload_open,
        label="in-reupload-window",
    ),
    Route(
        "evidence:cite_for_answer",
        "POST",
        indicator_url("evidence:cite_for_answer", 1),
        CONTRIBUTE,
        data=cite_data,
        arrange=reupload_open,
        label="in-reupload-window",
    ),
    Route(
        "evidence:upload_for_answer",
        "POST",
        indicator_url("evidence:upload_for_answer", 1),
        REFUSED_AFTER_WINDOW,
        data=upload_data,
        arrange=reupload_closed,
        label="after-reupload-window",
    ),
]
