"""The levels an indicator had before the instrument changed, read through the crosswalk."""

from __future__ import annotations

from dataclasses import dataclass

from tera.assessments.access import visible_answers
from tera.assessments.models import Answer, Period
from tera.assessments.periods import crosswalk_between
from tera.instruments.models import CrosswalkVersion
from tera.organizations.access import Access


@dataclass(frozen=True)
class EarlierAnswer:
    number: int
    name: str
    level: int | None


@dataclass(frozen=True)
class EarlierLevels:
    """What the indicator page shows: levels stay behind when the instrument changes."""

    period: Period
    crosswalk: CrosswalkVersion
    answers: list[EarlierAnswer]


def earlier_levels(answer: Answer, access: Access) -> EarlierLevels | None:
    """The old indicators mapped to this one, with their levels in the previous period.

    An OPD member sees only the old answers they could see in that period.
    """
    period = answer.period
    if period.previous_id is None:
        return None
    previous = Period.objects.select_related("instrument").filter(pk=period.previous_id).first()
    if previous is None or previous.instrument.code == period.instrument.code:
        return None
    crosswalk = crosswalk_between(previous.instrument.code, period.instrument.code)
    if crosswalk is None:
        return None
    numbers = crosswalk.crosswalk.backward.get(answer.indicator, ())
    old_answers = visible_answers(previous, access).filter(indicator__in=numbers)
    return EarlierLevels(previous, crosswalk, earlier_answers(previous, list(old_answers)))


def earlier_answers(period: Period, answers: list[Answer]) -> list[EarlierAnswer]:
    """The answers of `period` with the names its own instrument gives their indicators."""
    names = period.definition.indicator_by_number
    return [
        EarlierAnswer(answer.indicator, names[answer.indicator].name, answer.level)
        for answer in answers
        if answer.indicator in names
    ]
