"""The countdown to a period's deadline windows, shown on every page about the period."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template

from tera.assessments.models import Period
from tera.assessments.windows import countdowns, in_wib

register = template.Library()


@register.inclusion_tag("assessments/countdowns.html")
def deadline_countdowns(period: Period) -> dict[str, Any]:
    return {"countdowns": countdowns(period)}


@register.filter
def wib(moment: datetime | None) -> str:
    """A stored time as the assessors' schedule writes it, e.g. '16 Juni 2025, 23:59 WIB'."""
    return "–" if moment is None else in_wib(moment)
