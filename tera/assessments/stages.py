"""External stage scores of a period: the levels in effect at each stage, recording and importing.

The carry-over rule lives in tera.core.stages; this module reads the stored scores and writes
new ones. `stage_levels` and `official_levels` are what the planning and report pages use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tera.assessments.actions import check_level, log_change, require
from tera.assessments.models import Period, StageScore
from tera.assessments.values import value_refusal
from tera.audit.log import snapshot
from tera.core import stages as core
from tera.core.instrument import Indicator, Value
from tera.core.scoring import Score, score
from tera.core.sheets import SheetError, read_rows
from tera.core.stages import EXTERNAL_STAGES, Stage, StageLevel
from tera.core.values import parse_value
from tera.errors import ActionRefused
from tera.organizations.actions import ImportRejected

STAGE_FIELDS = ("stage", "level", "note")
SHEET_COLUMNS = {
    "indicator": {"indicator", "indikator", "no", "nomor", "no_indikator"},
    "level": {"level", "tingkat", "nilai", "tingkat_kematangan"},
    "note": {"note", "catatan", "catatan_asesor", "justifikasi"},
}


def stage_label(stage: str) -> str:
    if stage == Stage.MANDIRI:
        return _("Self-assessment")
    return str(StageScore.Stage(stage).label)


def self_assessed_levels(period: Period) -> dict[int, Value]:
    answers = period.answers.exclude(level=None).values_list("indicator", "level")
    return dict(answers)


def recorded_levels(period: Period) -> dict[Stage, dict[int, Value]]:
    """stage -> {indicator: level} as the assessors recorded them, nothing carried."""
    return by_stage(period.stage_scores.values_list("indicator", "stage", "level"))


def by_stage(scores: Iterable[tuple[int, str, Value]]) -> dict[Stage, dict[int, Value]]:
    """(indicator, stage, level) rows grouped as tera.core.stages expects them."""
    recorded: dict[Stage, dict[int, Value]] = {}
    for indicator, stage, level in scores:
        recorded.setdefault(Stage(stage), {})[indicator] = level
    return recorded


def stage_levels(period: Period, stage: str) -> dict[int, int]:
    """The levels in effect at `stage`: what it recorded, else what the stages before it had."""
    return core.effective_levels(
        self_assessed_levels(period), recorded_levels(period), Stage(stage)
    )


def official_levels(period: Period) -> dict[int, int]:
    """The final result's levels, else the latest recorded stage's; empty before any stage."""
    return core.official_levels(self_assessed_levels(period), recorded_levels(period))


def require_locked(period: Period) -> None:
    if not period.is_locked:
        raise ActionRefused(
            _(
                "Scores of the external stages can be entered only after the period is locked "
                "for submission."
            )
        )


@dataclass(frozen=True)
class Entry:
    """The level and note the assessors gave one indicator at one stage."""

    level: int
    note: str = ""


@transaction.atomic
def record_stage_scores(
    period: Period, stage: str, entries: Mapping[int, Entry], *, user: Any
) -> list[int]:
    """Store the entries that change something; return the indicators whose score changed.

    An entry equal to the level already in effect at this stage, with no new note, is not
    stored: the indicator keeps carrying the previous stage's value.
    """
    require(user, period, "manages")
    require_locked(period)
    chosen = Stage(stage)
    if chosen is Stage.MANDIRI:
        raise ActionRefused(_("The self-assessment is entered on the indicator pages."))
    known = period.definition.indicator_by_number
    for number, entry in entries.items():
        if number not in known:
            raise ActionRefused(
                _("Indicator %(number)s is not in this instrument.") % {"number": number}
            )
        check_level(period, number, entry.level)
    in_effect = core.effective(self_assessed_levels(period), recorded_levels(period), chosen)
    stored = {saved.indicator: saved for saved in period.stage_scores.filter(stage=chosen)}
    changed = []
    for number, entry in sorted(entries.items()):
        current = stored.get(number)
        note = entry.note.strip()
        if _changes_nothing(in_effect.get(number), current, entry.level, note):
            continue
        _store(period, chosen, number, entry.level, note, current, user)
        changed.append(number)
    return changed


def _changes_nothing(
    in_effect: StageLevel | None, current: StageScore | None, level: int, note: str
) -> bool:
    same_level = in_effect is not None and in_effect.level == level
    return same_level and note == (current.note if current else "")


def _store(
    period: Period,
    stage: Stage,
    number: int,
    level: int,
    note: str,
    current: StageScore | None,
    user: Any,
) -> None:
    before = None if current is None else snapshot(current, STAGE_FIELDS)
    saved = current or StageScore(period=period, indicator=number, stage=stage)
    saved.level, saved.note = level, note
    saved.entered_by, saved.entered_at = user, timezone.now()
    saved.save()
    log_change(user, "stage.score", saved, before, STAGE_FIELDS)


def import_stage_sheet(
    period: Period, stage: str, path: Path, file_name: str, *, user: Any
) -> list[int]:
    """A sheet of indikator, tingkat, catatan: every row is checked before anything is written."""
    require(user, period, "manages")
    require_locked(period)
    try:
        rows = list(read_rows(path, SHEET_COLUMNS, file_name))
    except SheetError as error:
        raise ImportRejected(error.problems) from None
    if not rows:
        raise ImportRejected(
            [_("Row 1 must name the columns indikator and tingkat, with rows under it.")]
        )
    entries: dict[int, Entry] = {}
    problems = []
    for row_number, row in rows:
        found = _row_problems(period, row, entries)
        problems.extend(
            _("row %(row)s: %(problem)s") % {"row": row_number, "problem": problem}
            for problem in found
        )
        if not found:
            number = int(row["indicator"])
            level = parse_value(period.definition.scale_for(number), row["level"])
            entries[number] = Entry(level, row.get("note", ""))
    if problems:
        raise ImportRejected(problems)
    return record_stage_scores(period, stage, entries, user=user)


def _row_problems(period: Period, row: Mapping[str, str], seen: Mapping[int, Entry]) -> list[str]:
    problems = []
    number_text, level_text = row.get("indicator", ""), row.get("level", "")
    definition = period.definition
    if not number_text.isdigit() or int(number_text) not in definition.indicator_by_number:
        problems.append(
            _("indicator “%(value)s” is not in this instrument.") % {"value": number_text}
        )
        return problems
    if int(number_text) in seen:
        problems.append(_("indicator %(number)s appears more than once.") % {"number": number_text})
    scale = definition.scale_for(int(number_text))
    if parse_value(scale, level_text) is not None:
        return problems
    if scale.is_decimal:
        problems.append(value_refusal(scale, level_text))
    else:
        problems.append(
            _("level “%(value)s” must be a whole number from %(low)s to %(high)s.")
            % {"value": level_text, "low": int(scale.lowest), "high": scale.highest}
        )
    return problems


@dataclass(frozen=True)
class StageCell:
    """One indicator at one stage: the level in effect, and whether this stage recorded it."""

    stage: Stage
    value: StageLevel | None
    note: str = ""

    @property
    def recorded(self) -> bool:
        return self.value is not None and self.value.source is self.stage


@dataclass(frozen=True)
class StageColumn:
    stage: Stage
    label: str
    score: Score
    scored: int  # indicators the assessors scored at this stage
    reached: bool  # some score is recorded at this stage or before it

    @property
    def carried(self) -> bool:
        return self.reached and not self.scored


@dataclass(frozen=True)
class ComparisonRow:
    indicator: Indicator
    self_level: int | None
    cells: list[StageCell]


@dataclass(frozen=True)
class Comparison:
    self_score: Score
    columns: list[StageColumn]
    rows: list[ComparisonRow]


def comparison(period: Period) -> Comparison:
    """Each stage's index beside the self-assessed one, and each indicator stage by stage."""
    definition = period.definition
    self_assessed = self_assessed_levels(period)
    stored = list(period.stage_scores.values_list("indicator", "stage", "level", "note"))
    recorded = by_stage((number, stage, level) for number, stage, level, _note in stored)
    notes = {(Stage(stage), number): note for number, stage, _level, note in stored}
    in_effect = {stage: core.effective(self_assessed, recorded, stage) for stage in EXTERNAL_STAGES}
    columns, reached = [], False
    for stage in EXTERNAL_STAGES:
        reached = reached or bool(recorded.get(stage))
        levels = {number: value.level for number, value in in_effect[stage].items()}
        columns.append(
            StageColumn(
                stage,
                stage_label(stage),
                score(definition, levels, period.year),
                len(recorded.get(stage, {})),
                reached,
            )
        )
    rows = [
        ComparisonRow(
            indicator,
            self_assessed.get(indicator.number),
            [
                StageCell(
                    stage,
                    in_effect[stage].get(indicator.number),
                    notes.get((stage, indicator.number), ""),
                )
                for stage in EXTERNAL_STAGES
            ],
        )
        for indicator in definition.indicators
    ]
    return Comparison(score(definition, self_assessed, period.year), columns, rows)


@dataclass(frozen=True)
class EntryRow:
    """One indicator on the stage entry page; the form fields are added by the view."""

    indicator: Indicator
    self_level: int | None
    carried: StageLevel | None  # what the previous stage hands on
    recorded: StageScore | None  # what this stage has recorded already


def entry_rows(period: Period, stage: Stage) -> list[EntryRow]:
    self_assessed = self_assessed_levels(period)
    scores = list(period.stage_scores.all())
    recorded = by_stage((s.indicator, s.stage, s.level) for s in scores)
    carried = core.effective(self_assessed, recorded, core.previous_stage(stage))
    here = {s.indicator: s for s in scores if s.stage == stage}
    return [
        EntryRow(
            indicator,
            self_assessed.get(indicator.number),
            carried.get(indicator.number),
            here.get(indicator.number),
        )
        for indicator in period.definition.indicators
    ]
