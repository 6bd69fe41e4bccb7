"""Showing a period's target and how far the index stands from it, and signed changes."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import template

from tera.assessments.models import Answer, Period
from tera.assessments.stages import official_levels
from tera.core.numbers import Exact, exact_string, format_id
from tera.organizations.access import Access
from tera.planning.basis import Basis, basis_from
from tera.planning.models import Target
from tera.planning.targets import distance

register = template.Library()


@register.filter
def signed_index(value: Exact | None, places: int = 2) -> str:
    """A change with its sign: '+0,12', '−0,05', '0,00'; none -> '–'."""
    if value is None:
        return "–"
    text = format_id(abs(value), places)
    if text.strip("0,") == "":
        return text
    return ("+" if value > 0 else "−") + text


@register.filter
def amount(value: Decimal | None) -> str:
    """A cost as it was typed, without trailing zeros and with a decimal comma: '2,5'."""
    return "–" if value is None else exact_string(value).replace(".", ",")


@register.inclusion_tag("planning/target_tile.html")
def target_tile(period: Period, answers: Iterable[Answer], access: Access) -> dict[str, Any]:
    """The period page's tile: the target and the gap from the planning basis (basis_note)."""
    target = Target.objects.filter(period=period).first()
    if target is None:
        return {"period": period, "access": access, "distance": None}
    basis = basis_from(official_levels(period), answers)
    found = distance(target.goal, period.definition, period.year, basis.score(period).index)
    return {"period": period, "access": access, "distance": found, "basis": basis}


@register.inclusion_tag("planning/basis_note.html")
def basis_note(basis: Basis, period: Period) -> dict[str, Any]:
    """What a target, plan, what-if or monitoring figure counts from, in one sentence."""
    return {"official": basis.official, "unanswered": len(basis.unanswered(period))}
