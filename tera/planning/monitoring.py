"""The semester view for leadership: what was promised, what is done, what is late, by OPD."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tera.assessments.models import Period
from tera.organizations.models import Opd
from tera.planning.basis import Basis
from tera.planning.compare import Comparison
from tera.planning.models import ActionItem

Status = ActionItem.Status


def reached_levels(levels: Mapping[int, int], items: Iterable[ActionItem]) -> dict[int, int]:
    """The levels with each item's target level reached, where it is higher."""
    reached = dict(levels)
    for item in items:
        reached[item.indicator] = max(item.target_level, reached.get(item.indicator, 0))
    return reached


@dataclass(frozen=True)
class Row:
    item: ActionItem
    late: bool


@dataclass(frozen=True)
class Progress:
    """The items of one owner OPD (None: no owner yet) and their counts."""

    owner: Opd | None
    rows: list[Row]

    @property
    def promised(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.item.status == Status.DONE)

    @property
    def late(self) -> int:
        return sum(1 for row in self.rows if row.late)

    @property
    def dropped(self) -> int:
        return sum(1 for row in self.rows if row.item.status == Status.DROPPED)


@dataclass(frozen=True)
class Monitoring:
    total: Progress
    groups: list[Progress]
    if_done: Comparison
    if_promised: Comparison

    @property
    def late_rows(self) -> list[Row]:
        return [row for row in self.total.rows if row.late]


def rows_of(items: Iterable[ActionItem], today: date) -> list[Row]:
    return [Row(item, item.is_late(today)) for item in items]


def monitoring(period: Period, items: list[ActionItem], basis: Basis, today: date) -> Monitoring:
    """Promised means every item; the index 'if all promised' leaves out the dropped ones."""
    rows = rows_of(items, today)
    owners: dict[int | None, list[Row]] = {}
    for row in rows:
        owners.setdefault(row.item.owner_id, []).append(row)
    groups = [Progress(group[0].item.owner, group) for group in owners.values()]
    groups.sort(key=lambda group: (group.owner is None, str(group.owner or "")))
    done = [item for item in items if item.status == Status.DONE]
    kept = [item for item in items if item.status != Status.DROPPED]
    counted = basis.counted(period)
    before = basis.score(period)

    def reaching(chosen: list[ActionItem]) -> Comparison:
        return Comparison(before, basis.score(period, reached_levels(counted, chosen)))

    return Monitoring(Progress(None, rows), groups, reaching(done), reaching(kept))
