"""The levels every what-if, plan and monitoring figure of a period starts from."""

from __future__ import annotations

from dataclasses import dataclass

from tera.assessments.models import Period
from tera.assessments.stages import official_levels
from tera.core.scoring import Score, score


@dataclass(frozen=True)
class Basis:
    """Indicator -> level, and whether the levels are the official (external) ones."""

    levels: dict[int, int]
    official: bool = False

    def score(self, period: Period) -> Score:
        return score(period.definition, self.levels, period.year)


def basis_levels(period: Period) -> Basis:
    """The external assessors' levels once they scored any stage, else the instansi's answers.

    Plans start from what the evaluation will count: the official levels where they exist, and
    until then the self-assessed ones (unanswered indicators left out).
    """
    official = official_levels(period)
    if official:
        return Basis(levels=official, official=True)
    answers = period.answers.exclude(level=None).values_list("indicator", "level")
    return Basis(levels=dict(answers))
