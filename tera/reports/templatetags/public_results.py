"""Template filters of the public result pages: changes and gaps with their sign."""

from __future__ import annotations

from django import template

from tera.core.numbers import Exact, format_id, round_half_up

register = template.Library()


@register.filter
def signed_id(value: Exact | None) -> str:
    """A change the Indonesian way with its sign: '+0,38', '-1,73', '0,00'; none -> '–'."""
    if value is None:
        return "–"
    text = format_id(value)
    return f"+{text}" if round_half_up(value) > 0 else text
