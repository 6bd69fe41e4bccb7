"""A target as people give it (an index or a predikat) and the exact index it stands for."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.utils.translation import gettext as _

from tera.core.instrument import Instrument
from tera.core.numbers import format_id
from tera.core.scoring import threshold_for
from tera.errors import ActionRefused

INDEX_PLACES = 4


@dataclass(frozen=True)
class Goal:
    """Exactly one of an index (as typed, exact) or a predikat name of the instrument."""

    index: Decimal | None = None
    predikat: str = ""

    def value(self, instrument: Instrument, year: int | None) -> Fraction:
        """The lowest exact index that meets the goal under that year's predikat rule."""
        if self.index is not None:
            return Fraction(self.index)
        return threshold_for(instrument, self.predikat, year)

    @property
    def label(self) -> str:
        if self.index is None:
            return self.predikat
        return format_id(self.index, max(2, decimals(self.index)))

    @property
    def text(self) -> str:
        """What to type to get this goal again, e.g. in a hidden field."""
        return self.predikat if self.index is None else str(self.index)


def check_goal(
    instrument: Instrument, index: Decimal | None, predikat: str, *, above_top: bool = False
) -> Goal:
    """The goal, or ActionRefused saying what is wrong with it.

    A target to try may lie above the highest level (`above_top`), so that the planner can say
    it cannot be reached; a period's own target may not.
    """
    predikat = predikat.strip()
    if (index is None) == (not predikat):
        raise ActionRefused(_("Give either a target index or a target predikat."))
    if index is None:
        return Goal(predikat=_predikat_name(instrument, predikat))
    if not index.is_finite() or index < 0 or (index > instrument.max_level and not above_top):
        raise ActionRefused(
            _("The target index must be between 0 and %(high)s.") % {"high": instrument.max_level}
        )
    if decimals(index) > INDEX_PLACES:
        raise ActionRefused(
            _("The target index has at most %(places)s decimals.") % {"places": INDEX_PLACES}
        )
    return Goal(index=index)


def parse_goal(text: str, instrument: Instrument) -> Goal:
    """A target typed to try: an index ('3,00' or '3.00') or a predikat name ('Baik')."""
    try:
        index = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return check_goal(instrument, None, text)
    return check_goal(instrument, index, "", above_top=True)


def decimals(value: Decimal) -> int:
    """How many decimals a number really has: 2.50 has 1, 300 has none."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _predikat_name(instrument: Instrument, name: str) -> str:
    names = [band.name for band in instrument.predikat_bands]
    for known in names:
        if known.casefold() == name.casefold():
            return known
    raise ActionRefused(
        _("“%(name)s” is not a predikat of this instrument; choose one of: %(names)s.")
        % {"name": name, "names": ", ".join(names)}
    )


@dataclass(frozen=True)
class Distance:
    """How far an index stands from a goal; gap is None while nothing is answered."""

    goal: Goal
    value: Fraction
    current: Fraction | None

    @property
    def gap(self) -> Fraction | None:
        return None if self.current is None else self.value - self.current

    @property
    def reached(self) -> bool:
        return self.current is not None and self.current >= self.value


def distance(
    goal: Goal, instrument: Instrument, year: int | None, current: Fraction | None
) -> Distance:
    return Distance(goal, goal.value(instrument, year), current)
