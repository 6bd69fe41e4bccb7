"""The instansi's answers in a period: read them, and change one as the indicator page does."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from tera.api.cache import instansi_json
from tera.api.errors import READ_ERRORS, WRITE_ERRORS, saved
from tera.api.pagination import Pages, page_of, paged
from tera.api.schemas import WITHOUT_NUL, IndicatorValue, SourceValue, Versioned
from tera.assessments import actions, page_cache
from tera.assessments.access import get_answer_for_user, get_period_for_user, visible_answers
from tera.assessments.models import Answer, Contribution
from tera.assessments.pages import answer_contributions
from tera.errors import ActionRefused

router = Router(tags=["answers"])


class AnswerOut(Versioned):
    period_id: int
    indicator: int
    level: IndicatorValue | None
    source_value: SourceValue | None = Field(
        description="For an indicator converted from another agency's index: that index's value."
    )
    fakta: str
    analisis: str
    status: Answer.Status
    reviewer_level: IndicatorValue | None
    level_source: int | None = Field(
        description="The contribution whose proposal the level came from, if any."
    )
    carried_over: bool

    @staticmethod
    def resolve_level_source(answer: Answer) -> int | None:
        return answer.level_source_id


class AnswerIn(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one stored gives 409.")
    level: IndicatorValue | None
    source_value: SourceValue | None = Field(
        None,
        description="For an indicator converted from another index: its value, from which "
        "Tera computes the level (a level sent for it is ignored).",
    )
    fakta: str = Field(pattern=WITHOUT_NUL)
    analisis: str = Field(pattern=WITHOUT_NUL)
    level_source: int | None = Field(
        None, description="One of this indicator's contributions; leaving it out clears it."
    )


class AnswerConflict(Schema):
    detail: str
    current: AnswerOut


class AnswerFilter(Schema):
    status: Answer.Status | None = None


AnswerPage = paged(AnswerOut)


@router.get(
    "/periods/{period_id}/answers",
    response={200: AnswerPage, **READ_ERRORS},
    summary="A period's answers: all of them, or an OPD member's OPD's only",
)
def list_answers(
    request: HttpRequest,
    period_id: int,
    filters: Query[AnswerFilter],
    pages: Query[Pages.Input],
) -> HttpResponse:
    period, access = get_period_for_user(request.user, period_id)
    answers = visible_answers(period, access).select_related("updated_by")
    if filters.status:
        answers = answers.filter(status=filters.status)
    shown = (page_cache.rights(access), filters.status, pages.offset, pages.limit)
    return instansi_json(
        request,
        period.instansi_id,
        shown,
        AnswerPage,
        lambda: page_of(answers.order_by("indicator"), pages),
    )


@router.get(
    "/periods/{period_id}/answers/{indicator}",
    response={200: AnswerOut, **READ_ERRORS},
    summary="One answer",
)
def get_answer(request: HttpRequest, period_id: int, indicator: int) -> Answer:
    answer, _access = get_answer_for_user(request.user, period_id, indicator)
    return answer


@router.put(
    "/periods/{period_id}/answers/{indicator}",
    response={200: AnswerOut, 409: AnswerConflict, **WRITE_ERRORS},
    summary="Change an answer's level, facts and analysis (Koordinator and asesor)",
)
def update_answer(
    request: HttpRequest, period_id: int, indicator: int, change: AnswerIn
) -> Status[Any]:
    """The same rules as the indicator page: only a draft or an answer sent back for revision
    changes (else 400), and a `version` older than the stored one gives 409 with the current
    answer, so that nobody overwrites someone else's save unseen."""
    answer, access = get_answer_for_user(request.user, period_id, indicator)
    access.require(access.reviews)
    level_source = _level_source(answer, change.level_source)
    return saved(
        lambda: actions.save_answer(
            answer,
            version=change.version,
            level=change.level,
            fakta=change.fakta,
            analisis=change.analisis,
            level_source=level_source,
            source_value=change.source_value,
            user=request.user,
        )
    )


def _level_source(answer: Answer, pk: int | None) -> Contribution | None:
    if pk is None:
        return None
    contribution = answer_contributions(answer).filter(pk=pk).first()
    if contribution is None:
        raise ActionRefused(_("That contribution belongs to another indicator."))
    return contribution
