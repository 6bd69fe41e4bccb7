"""Charts drawn on other apps' pages from the numbers those pages already have."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.safestring import SafeString

from tera.assessments.calibration import TrendPoint
from tera.assessments.models import Period
from tera.reports.dashboard import trend_figure

register = template.Library()


@register.simple_tag
def trend_chart(points: Sequence[TrendPoint], period: Period) -> SafeString | str:
    """The trend across years as the instansi dashboard draws it, against the period's predikat."""
    figure = trend_figure(points, period.definition, None)
    return "" if figure is None else figure.svg
