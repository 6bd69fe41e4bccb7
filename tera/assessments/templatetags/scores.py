"""Template filters that show exact scores the Indonesian way, without recomputing them."""

from __future__ import annotations

from fractions import Fraction

from django import template

from tera.core.numbers import Exact, format_id

register = template.Library()


@register.filter
def index_id(value: Exact | None, places: int = 2) -> str:
    """3.282 -> '3,28' (half-up); an empty value -> '–'."""
    return "–" if value is None else format_id(value, places)


@register.filter
def percent(value: Exact | None) -> str:
    """A share between 0 and 1 as a whole percentage, e.g. Fraction(47, 94) -> '50%'."""
    if value is None:
        return "–"
    return f"{format_id(Fraction(value) * 100, 0)}%"
