"""The levels every target, what-if, plan and monitoring figure of a period starts from.

One basis everywhere: the official levels once the external assessors scored any stage, else
the self-assessed answers; and in both, an indicator without a level counts at its scale's
lowest value, as the planner and the evaluation count it. The pages name it
(planning/basis_note.html).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tera.assessments.models import Answer, Period
from tera.assessments.stages import official_levels
from tera.core.instrument import Value
from tera.core.planner import complete_levels
from tera.core.scoring import Score, score


@dataclass(frozen=True)
class Basis:
    """Indicator -> level as given, and whether the levels are the official (external) ones."""

    levels: dict[int, Value]
    official: bool = False

    def counted(
        self, period: Period, levels: Mapping[int, Value] | None = None
    ) -> dict[int, Value]:
        """Every indicator's level, those without one at the lowest value."""
        return complete_levels(period.definition, self.levels if levels is None else levels)

    def unanswered(self, period: Period) -> list[int]:
        return sorted(set(period.definition.indicator_by_number) - set(self.levels))

    def score(self, period: Period, levels: Mapping[int, Value] | None = None) -> Score:
        """The basis index, or that of `levels` (a what-if) counted the same way."""
        return score(period.definition, self.counted(period, levels), period.year)


def basis_from(official: dict[int, Value], answers: Iterable[Answer]) -> Basis:
    """The basis from levels already read: the official ones if any, else the answers'."""
    if official:
        return Basis(levels=official, official=True)
    return Basis(levels={a.indicator: a.level for a in answers if a.level is not None})


def basis_levels(period: Period) -> Basis:
    """The basis of the period, read from the database."""
    official = official_levels(period)
    if official:
        return Basis(levels=official, official=True)
    answers = period.answers.exclude(level=None).values_list("indicator", "level")
    return Basis(levels=dict(answers))
