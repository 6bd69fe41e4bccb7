"""Two scores side by side: index, predikat, coverage, domains and aspects, and how each moved."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from tera.core.scoring import NodeScore, Score


@dataclass(frozen=True)
class Movement:
    number: int
    name: str
    before: Fraction | None
    after: Fraction | None

    @property
    def change(self) -> Fraction | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def _movements(before: tuple[NodeScore, ...], after: tuple[NodeScore, ...]) -> list[Movement]:
    return [
        Movement(old.number, old.name, old.value, new.value)
        for old, new in zip(before, after, strict=True)
    ]


@dataclass(frozen=True)
class Comparison:
    before: Score
    after: Score

    @property
    def index(self) -> Movement:
        return Movement(0, "", self.before.index, self.after.index)

    @property
    def coverage(self) -> Movement:
        return Movement(0, "", self.before.coverage, self.after.coverage)

    @property
    def predikat_changed(self) -> bool:
        return self.before.predikat != self.after.predikat

    @property
    def domains(self) -> list[Movement]:
        return _movements(self.before.domains, self.after.domains)

    @property
    def aspects(self) -> list[Movement]:
        return _movements(self.before.aspects, self.after.aspects)
