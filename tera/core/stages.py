"""The external evaluation stages, and the levels in effect at each of them.

After the self-assessment (penilaian mandiri) the external assessors score the indicators at the
penilaian dokumen, then the interviu, sometimes a visitasi, and finally consolidate the result.
An indicator the assessors did not score at a stage keeps the previous stage's value (Pedoman
MenPANRB 3/2024, Bab III), so a stage's levels are the earlier stages' levels with its own scores
laid over them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    MANDIRI = "mandiri"
    DOKUMEN = "dokumen"
    INTERVIU = "interviu"
    VISITASI = "visitasi"
    FINAL = "final"


STAGES: tuple[Stage, ...] = tuple(Stage)
EXTERNAL_STAGES: tuple[Stage, ...] = STAGES[1:]

Recorded = Mapping[Stage, Mapping[int, int]]
"""stage -> {indicator: level} as the assessors recorded it at that stage, nothing carried."""


@dataclass(frozen=True)
class StageLevel:
    """A level in effect at some stage, and the stage at which it was set."""

    level: int
    source: Stage


def previous_stage(stage: Stage) -> Stage:
    """The stage whose values carry into `stage`; the self-assessment has none before it."""
    position = STAGES.index(stage)
    if position == 0:
        raise ValueError("the self-assessment has no previous stage")
    return STAGES[position - 1]


def effective(
    self_assessed: Mapping[int, int], recorded: Recorded, stage: Stage
) -> dict[int, StageLevel]:
    """Each indicator's level at `stage`: the latest score recorded up to it, else self-assessed."""
    levels = {number: StageLevel(level, Stage.MANDIRI) for number, level in self_assessed.items()}
    for earlier in STAGES[1 : STAGES.index(stage) + 1]:
        for number, level in recorded.get(earlier, {}).items():
            levels[number] = StageLevel(level, earlier)
    return levels


def effective_levels(
    self_assessed: Mapping[int, int], recorded: Recorded, stage: Stage
) -> dict[int, int]:
    return {
        number: value.level for number, value in effective(self_assessed, recorded, stage).items()
    }


def latest_recorded_stage(recorded: Recorded) -> Stage | None:
    """The last external stage at which any score was recorded."""
    found = [stage for stage in EXTERNAL_STAGES if recorded.get(stage)]
    return found[-1] if found else None


def official_levels(self_assessed: Mapping[int, int], recorded: Recorded) -> dict[int, int]:
    """The final result, or until it exists the latest recorded stage's; empty before any stage.

    Both are the levels in effect at the final stage: a stage with nothing recorded carries the
    one before it.
    """
    if latest_recorded_stage(recorded) is None:
        return {}
    return effective_levels(self_assessed, recorded, Stage.FINAL)
