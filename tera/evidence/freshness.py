"""Freshness rules of the evaluation guidance (Pedoman MenPANRB 3/2024) for cited evidence.

Plain Python, so that the rules can be read and tested on their own:
- level 4 or 5 of a process indicator needs a review or evaluation report under 2 years old;
- level 5 of a policy indicator needs a policy set within 1 year after that review;
- an audit report older than 2 years does not count;
- a document past its validity does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tera.core.instrument import Indicator, Instrument

PROCESS_SCALE = "kapabilitas_proses"
POLICY_DOMAIN = 1
REVIEW_MAX_YEARS = 2
AUDIT_MAX_YEARS = 2
POLICY_AFTER_REVIEW_YEARS = 1


@dataclass(frozen=True)
class Cited:
    title: str
    category: str
    issued_on: date | None
    valid_until: date | None


def shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def freshness_flags(
    instrument: Instrument,
    indicator: Indicator,
    level: int | None,
    documents: list[Cited],
    reference: date,
) -> list[str]:
    """One sentence per rule the cited evidence does not meet at this level."""
    flags = [_expired(d) for d in documents if d.valid_until and d.valid_until < reference]
    audit_limit = shift_years(reference, -AUDIT_MAX_YEARS)
    flags += [
        _("Audit report “%(title)s” is older than 2 years.") % {"title": d.title}
        for d in documents
        if d.category == "audit" and d.issued_on and d.issued_on < audit_limit
    ]
    if level is not None and level >= 4 and indicator.scale == PROCESS_SCALE:
        flags += _review_flags(instrument, indicator, level, documents, reference)
    return flags


def _expired(document: Cited) -> str:
    assert document.valid_until is not None
    return _("“%(title)s” is no longer valid (until %(date)s).") % {
        "title": document.title,
        "date": date_format(document.valid_until),
    }


def _review_flags(
    instrument: Instrument,
    indicator: Indicator,
    level: int,
    documents: list[Cited],
    reference: date,
) -> list[str]:
    limit = shift_years(reference, -REVIEW_MAX_YEARS)
    dated = [d for d in documents if d.category == "reviu" and d.issued_on]
    reviews = [d for d in dated if not (d.valid_until and d.valid_until < reference)]
    recent = [d for d in reviews if d.issued_on and d.issued_on >= limit]
    if not recent:
        if dated and not reviews:
            return [
                _(
                    "Level %(level)s needs a review report that is still valid; "
                    "every cited one has expired."
                )
                % {"level": level}
            ]
        if reviews:
            return [
                _(
                    "Level %(level)s needs a review report under 2 years old; "
                    "the newest cited is of %(date)s."
                )
                % {
                    "level": level,
                    "date": date_format(max(d.issued_on for d in reviews if d.issued_on)),
                }
            ]
        return [
            _(
                "Level %(level)s needs a dated review or evaluation report under 2 years old; "
                "none is cited."
            )
            % {"level": level}
        ]
    if level == 5 and _is_policy(instrument, indicator):
        latest = max(d.issued_on for d in recent if d.issued_on)
        deadline = shift_years(latest, POLICY_AFTER_REVIEW_YEARS)
        policies = [
            d
            for d in documents
            if d.category == "kebijakan" and d.issued_on and latest <= d.issued_on <= deadline
        ]
        if not policies:
            return [
                _(
                    "Level 5 needs a new or revised policy set within 1 year after "
                    "the review of %(date)s; none is cited."
                )
                % {"date": date_format(latest)}
            ]
    return []


def _is_policy(instrument: Instrument, indicator: Indicator) -> bool:
    aspect = next(a for a in instrument.aspects if a.number == indicator.aspect_number)
    return aspect.domain_number == POLICY_DOMAIN
