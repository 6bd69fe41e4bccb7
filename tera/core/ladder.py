"""The berjenjang rule: a level counts only when its evidence items and those below are met."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tera.core.instrument import Indicator


@dataclass(frozen=True)
class Item:
    code: str
    """'2.1': the first data dukung item of level 2."""
    text: str
    cited: bool


@dataclass(frozen=True)
class Rung:
    level: int
    items: tuple[Item, ...]
    met: bool
    """Every item of this level and of each level below is cited."""

    @property
    def missing(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if not item.cited)


def item_codes(indicator: Indicator) -> list[tuple[str, str]]:
    """Each data dukung item of the indicator as (code, text), level by level."""
    return [
        (f"{level}.{position}", text)
        for level in sorted(indicator.details)
        for position, text in enumerate(indicator.items(level), start=1)
    ]


def ladder(indicator: Indicator, cited: Iterable[str]) -> tuple[Rung, ...]:
    """Per level its items, which are cited, and whether the level is met; nothing for an
    indicator whose module lists no items (one converted from another index)."""
    if not indicator.has_items:
        return ()
    cited, codes = set(cited), item_codes(indicator)
    rungs, below_met = [], True
    for level in sorted(indicator.details):
        items = tuple(
            Item(code, text, code in cited) for code, text in codes if code.startswith(f"{level}.")
        )
        below_met = below_met and all(item.cited for item in items)
        rungs.append(Rung(level, items, below_met))
    return tuple(rungs)


def level_met(rungs: tuple[Rung, ...]) -> int | None:
    """The highest level its evidence supports under the berjenjang rule, if any."""
    met = [rung.level for rung in rungs if rung.met]
    return max(met) if met else None
