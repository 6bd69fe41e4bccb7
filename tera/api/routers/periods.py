"""Evaluation periods the user can see, and one period with its summary."""

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from tera.api.errors import READ_ERRORS
from tera.api.pagination import Pages
from tera.api.schemas import InstansiOut
from tera.assessments.access import get_period_for_user, visible_periods
from tera.assessments.models import Answer, Period

router = Router(tags=["periods"])


class InstrumentRef(Schema):
    id: int
    code: str
    revision: int


class PeriodOut(Schema):
    id: int
    name: str
    instansi: InstansiOut
    instrument: InstrumentRef
    kind: str
    year: int
    semester: int
    status: str
    starts_on: date | None
    answers_due: date | None
    review_due: date | None
    submission_due: date | None
    previous_id: int | None
    created_at: datetime


class Summary(Schema):
    answered: int
    total: int
    status_counts: dict[str, int]


class PeriodDetail(PeriodOut):
    summary: Summary | None


@router.get(
    "/periods",
    response={200: list[PeriodOut], **READ_ERRORS},
    summary="The periods of every instansi the user can see",
)
@paginate(Pages)
def list_periods(request: HttpRequest) -> QuerySet[Period]:
    return visible_periods(request.user).select_related("instansi", "instrument")


@router.get(
    "/periods/{period_id}",
    response={200: PeriodDetail, **READ_ERRORS},
    summary="One period, with the answer counts for those who read every indicator",
)
def get_period(request: HttpRequest, period_id: int) -> Period:
    """`summary` is null for an OPD member, who sees only their OPD's indicators."""
    period, access = get_period_for_user(request.user, period_id)
    period.summary = _summary(period) if access.reads_everything else None  # type: ignore[attr-defined]
    return period


def _summary(period: Period) -> dict[str, Any]:
    counts = dict.fromkeys(Answer.Status.values, 0)
    answered = total = 0
    for status, level in period.answers.values_list("status", "level"):
        counts[status] += 1
        total += 1
        answered += level is not None
    return {"answered": answered, "total": total, "status_counts": counts}
