"""Small helpers of the planning tests: levels on a period's answers, and action items."""

from datetime import date

from tera.assessments.models import Answer
from tera.planning.models import ActionItem


def set_levels(period, levels=None, *, others=None):
    """Give answers these levels, and every other answer `others`, as if saved by a reviewer."""
    if others is not None:
        Answer.objects.filter(period=period).update(level=others)
    for number, level in (levels or {}).items():
        Answer.objects.filter(period=period, indicator=number).update(level=level)


def make_item(period, owner, *, indicator=1, target_level=3, due_on=date(2026, 6, 30), **extra):
    defaults = {
        "title": f"Naikkan indikator {indicator}",
        "from_level": 1,
        "source": ActionItem.Source.MANUAL,
    }
    return ActionItem.objects.create(
        period=period,
        owner=owner,
        indicator=indicator,
        target_level=target_level,
        due_on=due_on,
        **{**defaults, **extra},
    )
