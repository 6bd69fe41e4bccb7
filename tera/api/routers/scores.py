"""A period's scores, computed by tera.core: self-assessed, reviewed and, once the external
assessors have scored, official."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from tera.api.cache import instansi_json
from tera.api.errors import READ_ERRORS, Error
from tera.assessments import page_cache
from tera.assessments.access import get_period_for_user
from tera.assessments.models import Period
from tera.assessments.pages import reviewed_score, self_assessed_score
from tera.assessments.stages import official_levels
from tera.core.numbers import exact_string, format_id
from tera.core.scoring import NodeScore, Score, score

router = Router(tags=["scores"])


class NodeOut(Schema):
    number: int
    name: str
    weight: str
    index: str | None
    index_display: str | None
    coverage: str


class ScoreOut(Schema):
    index: str | None = Field(description="Exact, as a decimal string (up to 20 places).")
    index_display: str | None = Field(description="Rounded half up, Indonesian style: 3,28.")
    predikat: str | None
    coverage: str = Field(description="The weighted share of indicators answered, 0 to 1.")
    final: bool = Field(description="False while some indicator is unanswered (provisional).")
    year: int | None
    domains: list[NodeOut]
    aspects: list[NodeOut]


class PeriodScores(Schema):
    self_assessed: ScoreOut
    reviewed: ScoreOut = Field(description="From the internal reviewers' levels.")
    official: ScoreOut | None = Field(
        description="From the external assessors' final (or latest) stage; null before any."
    )


@router.get(
    "/periods/{period_id}/score",
    response={200: PeriodScores, 403: Error, **READ_ERRORS},
    summary="The index, predikat, coverage, domains and aspects of a period",
)
def get_scores(request: HttpRequest, period_id: int) -> HttpResponse:
    """For those who read every indicator; an OPD member gets 403, as on the period page."""
    period, access = get_period_for_user(request.user, period_id)
    access.require(access.reads_everything)
    shown = (page_cache.row(period),)
    return instansi_json(request, period.instansi_id, shown, PeriodScores, lambda: _scores(period))


def _scores(period: Period) -> dict[str, Any]:
    answers = list(period.answers.only("period", "indicator", "level", "reviewer_level"))
    official = official_levels(period)
    return {
        "self_assessed": _score(self_assessed_score(period, answers)),
        "reviewed": _score(reviewed_score(period, answers)),
        "official": _score(score(period.definition, official, period.year)) if official else None,
    }


def _score(result: Score) -> dict[str, Any]:
    return {
        "index": _exact(result.index),
        "index_display": _display(result.index),
        "predikat": result.predikat,
        "coverage": exact_string(result.coverage),
        "final": result.complete,
        "year": result.year,
        "domains": [_node(node) for node in result.domains],
        "aspects": [_node(node) for node in result.aspects],
    }


def _node(node: NodeScore) -> dict[str, Any]:
    return {
        "number": node.number,
        "name": node.name,
        "weight": exact_string(node.weight),
        "index": _exact(node.value),
        "index_display": _display(node.value),
        "coverage": exact_string(node.coverage),
    }


def _exact(value: Any) -> str | None:
    return None if value is None else exact_string(value)


def _display(value: Any) -> str | None:
    return None if value is None else format_id(value)
