"""Deadline windows after the submission: setting them, enforcing them, counting down to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from math import ceil
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tera.assessments.actions import log_change, require
from tera.assessments.models import DeadlineWindow, Objection, Period
from tera.audit.log import snapshot
from tera.errors import ActionRefused

WIB = ZoneInfo("Asia/Jakarta")
REUPLOAD_DAYS = 3
WINDOW_FIELDS = ("kind", "opens_at", "closes_at")
OBJECTION_FIELDS = ("indicator", "text", "window")
Kind = DeadlineWindow.Kind


def in_wib(moment: datetime) -> str:
    """'16 Juni 2025, 23:59 WIB': the time the assessors' schedule is written in."""
    return _("%(moment)s WIB") % {"moment": date_format(moment.astimezone(WIB), "j F Y, H:i")}


def windows_of(period: Period) -> list[DeadlineWindow]:
    """The period's windows, read once per request however many parts of a page ask."""
    cached: list[DeadlineWindow] | None = getattr(period, "_tera_windows", None)
    if cached is None:
        cached = list(DeadlineWindow.objects.filter(period=period))
        period._tera_windows = cached  # type: ignore[attr-defined]
    return cached


def window_of(period: Period, kind: str) -> DeadlineWindow | None:
    return next((window for window in windows_of(period) if window.kind == kind), None)


def is_open(window: DeadlineWindow, now: datetime) -> bool:
    return window.opens_at <= now <= window.closes_at


def require_open(period: Period, kind: str, now: datetime | None = None) -> DeadlineWindow:
    """The open window of that kind; otherwise refuse, saying when it opens or when it closed."""
    now = now or timezone.now()
    window = window_of(period, kind)
    label = Kind(kind).label
    if window is None:
        raise ActionRefused(
            _(
                "No %(window)s window is set for this period; the Koordinator sets it on the "
                "deadlines page."
            )
            % {"window": label.lower()}
        )
    if now < window.opens_at:
        raise ActionRefused(
            _("The %(window)s window opens on %(opens)s; it accepts nothing before then.")
            % {"window": label.lower(), "opens": in_wib(window.opens_at)}
        )
    if now > window.closes_at:
        raise ActionRefused(
            _("The %(window)s window closed on %(closes)s; it accepts nothing more.")
            % {"window": label.lower(), "closes": in_wib(window.closes_at)}
        )
    return window


def open_reupload_window(period: Period, now: datetime | None = None) -> DeadlineWindow | None:
    """The re-upload window through which a locked period takes new evidence right now."""
    if not period.is_locked:
        return None
    window = window_of(period, Kind.UNGGAH_ULANG)
    return window if window is not None and is_open(window, now or timezone.now()) else None


@transaction.atomic
def set_window(
    period: Period, kind: str, *, opens_at: datetime, closes_at: datetime, user: Any
) -> DeadlineWindow:
    require(user, period, "manages")
    if closes_at <= opens_at:
        raise ActionRefused(_("A window must close after it opens."))
    window, created = DeadlineWindow.objects.get_or_create(
        period=period,
        kind=kind,
        defaults={"opens_at": opens_at, "closes_at": closes_at, "set_by": user},
    )
    before = None
    if not created:
        before = snapshot(window, WINDOW_FIELDS)
        window.opens_at, window.closes_at, window.set_by = opens_at, closes_at, user
        window.save()
    period.__dict__.pop("_tera_windows", None)  # the next read sees the window as set now
    log_change(user, "window.set", window, before, WINDOW_FIELDS)
    return window


def reupload_span(interview: date) -> tuple[datetime, datetime]:
    """From the start of the interview day to the end of the third day after it, in WIB."""
    opens_at = datetime.combine(interview, time.min, WIB)
    closes_at = datetime.combine(interview + timedelta(days=REUPLOAD_DAYS), time(23, 59, 59), WIB)
    return opens_at, closes_at


def set_reupload_after_interview(period: Period, interview: date, *, user: Any) -> DeadlineWindow:
    opens_at, closes_at = reupload_span(interview)
    return set_window(period, Kind.UNGGAH_ULANG, opens_at=opens_at, closes_at=closes_at, user=user)


@transaction.atomic
def file_objection(
    period: Period,
    indicator: int,
    *,
    text: str,
    documents: Iterable[Any] = (),
    user: Any,
    now: datetime | None = None,
) -> Objection:
    """A sanggahan on one indicator, accepted only while the sanggahan window is open."""
    require(user, period, "manages")
    window = require_open(period, Kind.SANGGAHAN, now)
    if indicator not in period.definition.indicator_by_number:
        raise ActionRefused(
            _("Indicator %(number)s is not in this instrument.") % {"number": indicator}
        )
    if not text.strip():
        raise ActionRefused(_("Write what the objection is about."))
    documents = list(documents)
    if any(document.instansi_id != period.instansi_id for document in documents):
        raise ActionRefused(_("This document belongs to another instansi."))
    objection = Objection.objects.create(
        period=period,
        indicator=indicator,
        text=text.strip(),
        window=window,
        filed_by=user,
        filed_at=now or timezone.now(),
    )
    objection.documents.set(documents)
    log_change(
        user,
        "objection.file",
        objection,
        None,
        OBJECTION_FIELDS,
        documents=[document.pk for document in documents],
    )
    return objection


@dataclass(frozen=True)
class Countdown:
    """An open or coming window as everyone concerned sees it."""

    window: DeadlineWindow
    is_open: bool
    time_left: str
    moment: str


def countdowns(period: Period, now: datetime | None = None) -> list[Countdown]:
    """Open windows with the time until they close; coming ones with the time until they open."""
    now = now or timezone.now()
    shown = []
    for window in windows_of(period):
        if now > window.closes_at:
            continue
        opened = now >= window.opens_at
        moment = window.closes_at if opened else window.opens_at
        shown.append(Countdown(window, opened, duration(moment - now), in_wib(moment)))
    return shown


def duration(span: timedelta) -> str:
    """'2 days 5 hours' ('2 hari 5 jam'), rounded up to the minute; minutes only under a day."""
    minutes = max(1, ceil(span.total_seconds() / 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(ngettext("%(count)s day", "%(count)s days", days) % {"count": days})
    if hours:
        parts.append(ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours})
    if minutes and not days:
        parts.append(
            ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
        )
    return " ".join(parts)
