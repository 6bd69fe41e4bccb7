"""Two periods of one instansi side by side, each scored by its own instrument."""

from __future__ import annotations

from dataclasses import dataclass

from tera.assessments.instrument_change import EarlierAnswer, earlier_answers
from tera.assessments.models import Period
from tera.assessments.pages import self_assessed_score
from tera.assessments.periods import crosswalk_between
from tera.core.scoring import Score
from tera.instruments.models import CrosswalkVersion

Sources = dict[int, tuple[int, ...]]
"""new indicator -> the old indicators it takes its content from."""


@dataclass(frozen=True)
class Row:
    number: int
    name: str
    level: int | None
    earlier: list[EarlierAnswer]


@dataclass(frozen=True)
class Comparison:
    """Two periods of one instansi: each scored by its own instrument, indicators side by side."""

    earlier: Period
    later: Period
    earlier_score: Score
    later_score: Score
    crosswalk: CrosswalkVersion | None
    connected: bool  # False when the instruments differ and no crosswalk joins them
    rows: list[Row]
    unmatched: list[EarlierAnswer]

    @property
    def sides(self) -> list[tuple[Period, Score]]:
        return [(self.earlier, self.earlier_score), (self.later, self.later_score)]


def compare(first: Period, second: Period) -> Comparison:
    earlier, later = sorted((first, second), key=lambda p: (p.year, p.semester, p.pk))
    old_answers = list(earlier.answers.only("period", "indicator", "level"))
    new_answers = list(later.answers.only("period", "indicator", "level"))
    found, crosswalk = _sources(earlier, later)
    sources = found or {}
    old = {answer.number: answer for answer in earlier_answers(earlier, old_answers)}
    levels = {answer.indicator: answer.level for answer in new_answers}
    rows = [
        Row(
            indicator.number,
            indicator.name,
            levels.get(indicator.number),
            [old[n] for n in sources.get(indicator.number, ()) if n in old],
        )
        for indicator in later.definition.indicators
    ]
    mapped = {n for numbers in sources.values() for n in numbers}
    return Comparison(
        earlier=earlier,
        later=later,
        earlier_score=self_assessed_score(earlier, old_answers),
        later_score=self_assessed_score(later, new_answers),
        crosswalk=crosswalk,
        connected=found is not None,
        rows=rows,
        unmatched=[a for n, a in old.items() if n not in mapped] if found is not None else [],
    )


def _sources(earlier: Period, later: Period) -> tuple[Sources | None, CrosswalkVersion | None]:
    """On one instrument each indicator is its own source; across two, the crosswalk says."""
    if earlier.instrument.code == later.instrument.code:
        known = earlier.definition.indicator_by_number
        return {n: (n,) for n in later.definition.indicator_by_number if n in known}, None
    crosswalk = crosswalk_between(earlier.instrument.code, later.instrument.code)
    if crosswalk is None:
        return None, None
    return crosswalk.crosswalk.backward, crosswalk
