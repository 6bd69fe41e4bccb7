"""The rows of the period page's indicator table, drawn in Python and kept in the cache.

The table has a row per indicator (47 for SPBE 2020) and is the period page's largest part: the
template language spent more time resolving its variables than the rest of the page together,
so the rows are formatted here, as the same HTML the template drew. The HTML is cached under a
digest of everything it shows, so an answer, assignment or evidence count that changes makes a
new key: a cached table can be old, never wrong.
"""

from __future__ import annotations

import hashlib

from django import template
from django.core.cache import cache
from django.urls import get_script_prefix, reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from tera.assessments.models import Period
from tera.assessments.pages import Row
from tera.assessments.templatetags.labels import status_badge

register = template.Library()

ROW = (
    '<tr>\n      <td class="num">{}</td>\n      <td><a href="{}">{}</a>{}</td>\n'
    "      <td>{}</td>\n"
    '      <td class="num">{}</td>\n      <td class="num">{}</td>\n'
    '      <td>{}</td>\n      <td class="num">{}</td>\n    </tr>\n'
)


CACHE_SECONDS = 24 * 60 * 60


@register.simple_tag
def indicator_rows(period: Period, rows: list[Row]) -> SafeString:
    key = _cache_key(period, rows)
    html = cache.get(key)
    if html is None:
        html = _draw(period, rows)
        cache.set(key, html, CACHE_SECONDS)
    return SafeString(html)


def _cache_key(period: Period, rows: list[Row]) -> str:
    shown = [
        (
            row.answer.indicator,
            row.name,
            row.answer.carried_over,
            row.answer.level,
            row.answer.reviewer_level,
            row.answer.status,
            row.answer.evidence_count,  # type: ignore[attr-defined]
            [(str(c.opd), c.is_lead) for c in row.contributions],
        )
        for row in rows
    ]
    content = repr((get_language(), get_script_prefix(), period.pk, shown))
    return "period-rows:" + hashlib.sha256(content.encode()).hexdigest()


def _draw(period: Period, rows: list[Row]) -> SafeString:
    carried = format_html(' <span class="badge badge-warn">{}</span>', gettext("carried over"))
    unassigned = format_html('<span class="muted">{}</span>', gettext("not assigned"))
    return format_html_join(
        "    ",
        ROW,
        (
            (
                row.answer.indicator,
                reverse("assessments:indicator", args=[period.pk, row.answer.indicator]),
                row.name,
                carried if row.answer.carried_over else "",
                _opds(row) or unassigned,
                _value(row.answer.level),
                _value(row.answer.reviewer_level),
                status_badge(row.answer.status, row.answer.get_status_display()),
                row.answer.evidence_count,  # type: ignore[attr-defined]
            )
            for row in rows
        ),
    )


def _opds(row: Row) -> SafeString:
    """The OPD of the indicator, the lead in bold."""
    return format_html_join(
        ", ",
        "{}",
        (
            (format_html("<strong>{}</strong>", c.opd) if c.is_lead else c.opd,)
            for c in row.contributions
        ),
    )


def _value(level: object) -> str:
    return "–" if level is None else localize(level)
