"""The OPD contributions to an indicator: read them, and change one's own OPD's proposal."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from tera.api.errors import READ_ERRORS, WRITE_ERRORS, saved
from tera.api.schemas import WITHOUT_NUL, IndicatorValue, OpdOut, Versioned
from tera.assessments import actions
from tera.assessments.access import get_answer_for_user, get_contribution_for_user
from tera.assessments.models import Contribution
from tera.assessments.pages import answer_contributions

router = Router(tags=["contributions"])


class ContributionOut(Versioned):
    id: int
    period_id: int
    indicator: int
    opd: OpdOut
    is_lead: bool
    level: IndicatorValue | None
    fakta: str
    analisis: str
    status: Contribution.Status
    carried_over: bool


class ContributionIn(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one stored gives 409.")
    level: IndicatorValue | None
    fakta: str = Field(pattern=WITHOUT_NUL)
    analisis: str = Field(pattern=WITHOUT_NUL)


class ContributionConflict(Schema):
    detail: str
    current: ContributionOut


@router.get(
    "/periods/{period_id}/answers/{indicator}/contributions",
    response={200: list[ContributionOut], **READ_ERRORS},
    summary="The OPD contributions to one indicator, the lead OPD first",
)
def list_contributions(request: HttpRequest, period_id: int, indicator: int) -> list[Contribution]:
    answer, _access = get_answer_for_user(request.user, period_id, indicator)
    return list(answer_contributions(answer).select_related("opd", "updated_by"))


@router.get(
    "/contributions/{contribution_id}",
    response={200: ContributionOut, **READ_ERRORS},
    summary="One contribution",
)
def get_contribution(request: HttpRequest, contribution_id: int) -> Contribution:
    contribution, _access = get_contribution_for_user(request.user, contribution_id)
    return contribution


@router.put(
    "/contributions/{contribution_id}",
    response={200: ContributionOut, 409: ContributionConflict, **WRITE_ERRORS},
    summary="Change an OPD's proposed level, facts and analysis (that OPD or the Koordinator)",
)
def update_contribution(
    request: HttpRequest, contribution_id: int, change: ContributionIn
) -> Status[Any]:
    """The same rules as the indicator page: a stale `version` gives 409 with the current
    contribution; a contribution whose answer is no longer open for change gives 400."""
    contribution, access = get_contribution_for_user(request.user, contribution_id)
    access.require(access.may_edit_opd(contribution.opd_id))
    return saved(
        lambda: actions.save_contribution(
            contribution,
            version=change.version,
            level=change.level,
            fakta=change.fakta,
            analisis=change.analisis,
            user=request.user,
        )
    )
