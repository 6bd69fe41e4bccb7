"""The Berita Acara Penilaian Mandiri of a locked period: its result in figures and words, the
levels of every indicator as its attachment, and blank lines to sign by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from tera.assessments.models import Period
from tera.assessments.pages import self_assessed_score
from tera.core.instrument import Aspect, Indicator
from tera.core.numbers import format_id
from tera.core.scoring import Score
from tera.errors import ActionRefused
from tera.reports.pdf.words import date_words, figure_words, long_date

# Pemerintah Digital instruments (pemdi-2026...) name their evaluation apart from SPBE's.
PEMDI_CODE_PREFIX = "pemdi"


@dataclass(frozen=True)
class LevelLine:
    indicator: Indicator
    level: int | None
    level_name: str


@dataclass(frozen=True)
class BeritaAcara:
    period: Period
    made_on: date
    result: Score
    groups: list[tuple[Aspect, list[LevelLine]]]

    @property
    def is_pemdi(self) -> bool:
        return self.period.instrument.code.startswith(PEMDI_CODE_PREFIX)

    @property
    def day_in_words(self) -> str:
        return date_words(self.made_on)

    @property
    def date_line(self) -> str:
        return long_date(self.made_on)

    @property
    def index_figure(self) -> str:
        return "–" if self.result.index is None else format_id(self.result.index)

    @property
    def index_in_words(self) -> str:
        return "" if self.result.index is None else figure_words(self.index_figure)

    @property
    def answered(self) -> int:
        return len(self.result.levels)

    @property
    def total(self) -> int:
        return len(self.result.instrument.indicators)


def require_locked(period: Period) -> None:
    if not period.is_locked:
        raise ActionRefused(
            _(
                "The Berita Acara records a finished self-assessment: lock the period for "
                "submission first, then make it."
            )
        )


def berita_acara(period: Period, made_on: date) -> BeritaAcara:
    require_locked(period)
    result = self_assessed_score(period)
    definition = period.definition
    groups = []
    for aspect in definition.aspects:
        lines = []
        for indicator in aspect.indicators:
            level = result.levels.get(indicator.number)
            name = "" if level is None else definition.scale_of(indicator).level_name(level)
            lines.append(LevelLine(indicator, level, name))
        groups.append((aspect, lines))
    return BeritaAcara(period, made_on, result, groups)
