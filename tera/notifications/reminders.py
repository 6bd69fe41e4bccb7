"""Which reminders are due now, computed from action items, deadline windows and period dates.

Nothing here writes: tera.notifications.actions sends what this module finds, once per key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tera.assessments.models import Contribution, DeadlineWindow, Period
from tera.assessments.windows import WIB, duration, in_wib
from tera.notifications.models import Notification
from tera.organizations.models import Membership
from tera.planning.models import ActionItem

Kind = Notification.Kind
Role = Membership.Role
ITEM_LEADS = (1, 7)  # days before an action item's due date, the most urgent first
LATE = -1  # the lead of the reminder sent once an item is past its due date
WINDOW_LEAD = timedelta(days=1)
PERIOD_LEAD_DAYS = 3


@dataclass(frozen=True)
class Reminder:
    """One reminder for one user: its key, and the message in the language of the run."""

    kind: str
    period_id: int
    object_id: int
    due_at: datetime
    lead_days: int
    user: Any
    subject: str
    text: str
    path: str

    @property
    def key(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "object_id": self.object_id,
            "due_at": self.due_at,
            "lead_days": self.lead_days,
            "user": self.user,
        }

    @property
    def key_values(self) -> tuple[Any, ...]:
        return (self.kind, self.object_id, self.due_at, self.lead_days, self.user.pk)


def due_reminders(now: datetime) -> list[Reminder]:
    """Every reminder due at this moment, sent or not; the caller skips those already sent."""
    today = now.astimezone(WIB).date()
    items = list(_open_items(today))
    windows = list(_closing_windows(now))
    periods = list(_periods_due(today))
    instansi_ids = (
        {item.period.instansi_id for item in items}
        | {window.period.instansi_id for window in windows}
        | {period.instansi_id for period in periods}
    )
    people = People.of(instansi_ids)
    return [
        *(r for item in items for r in _item_reminders(item, today, people)),
        *(r for window in windows for r in _window_reminders(window, now, people)),
        *_period_reminders(periods, today, people),
    ]


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, WIB)


def day_text(day: date) -> str:
    return date_format(day, "j F Y")


class People:
    """The active Koordinator and OPD members of some instansi, read in one query."""

    def __init__(self, memberships: Iterable[Membership]) -> None:
        self.koordinators: dict[int, list[Any]] = defaultdict(list)
        self.opd_members: dict[int, list[Any]] = defaultdict(list)
        self.all_opd_members: dict[int, list[Any]] = defaultdict(list)
        for membership in memberships:
            if membership.role == Role.KOORDINATOR:
                self.koordinators[membership.instansi_id].append(membership.user)
            else:
                self.opd_members[membership.opd_id].append(membership.user)
                self.all_opd_members[membership.instansi_id].append(membership.user)

    @classmethod
    def of(cls, instansi_ids: set[int]) -> People:
        return cls(
            Membership.objects.filter(
                instansi__in=instansi_ids,
                role__in=(Role.KOORDINATOR, Role.OPD),
                user__is_active=True,
            ).select_related("user")
        )


def once_each(users: Iterable[Any]) -> list[Any]:
    """A Koordinator who is also an OPD member gets one reminder, not two."""
    return list({user.pk: user for user in users}.values())


# Action items


def _open_items(today: date) -> Iterable[ActionItem]:
    return (
        ActionItem.objects.exclude(status__in=(ActionItem.Status.DONE, ActionItem.Status.DROPPED))
        .filter(due_on__lte=today + timedelta(days=max(ITEM_LEADS)))
        .select_related("period__instansi", "owner")
    )


def item_lead(days_left: int) -> int | None:
    """The most urgent reminder an item is due for, so a missed run never loses the last one."""
    if days_left < 0:
        return LATE
    return next((lead for lead in ITEM_LEADS if days_left <= lead), None)


def _item_reminders(item: ActionItem, today: date, people: People) -> Iterator[Reminder]:
    days_left = (item.due_on - today).days
    lead = item_lead(days_left)
    if lead is None:
        return
    period = item.period
    users = [*people.koordinators[period.instansi_id]]
    if item.owner_id is not None:
        users += people.opd_members[item.owner_id]
    kind = Kind.ITEM_LATE if lead == LATE else Kind.ITEM_DUE
    subject, text = _item_message(item, days_left)
    path = reverse("planning:item", args=[item.pk])
    for user in once_each(users):
        yield Reminder(
            kind, period.pk, item.pk, start_of(item.due_on), lead, user, subject, text, path
        )


def _item_message(item: ActionItem, days_left: int) -> tuple[str, str]:
    values = {
        "title": item.title,
        "period": item.period.name,
        "indicator": item.indicator,
        "owner": item.owner.name if item.owner else _("no OPD yet"),
        "due": day_text(item.due_on),
        "count": days_left,
    }
    if days_left < 0:
        subject = _("Action item late: %(title)s") % values
        text = _(
            "The action item “%(title)s” of %(period)s (indicator %(indicator)s, owned by "
            "%(owner)s) was due on %(due)s and is not done yet."
        )
    else:
        subject = _("Action item due on %(due)s: %(title)s") % values
        text = (
            _(
                "The action item “%(title)s” of %(period)s (indicator %(indicator)s, owned by "
                "%(owner)s) is due today, %(due)s."
            )
            if days_left == 0
            else ngettext(
                "The action item “%(title)s” of %(period)s (indicator %(indicator)s, owned by "
                "%(owner)s) is due on %(due)s, in %(count)s day.",
                "The action item “%(title)s” of %(period)s (indicator %(indicator)s, owned by "
                "%(owner)s) is due on %(due)s, in %(count)s days.",
                days_left,
            )
        )
    return subject, text % values


# Deadline windows


def _closing_windows(now: datetime) -> Iterable[DeadlineWindow]:
    return DeadlineWindow.objects.filter(
        closes_at__gt=now, closes_at__lte=now + WINDOW_LEAD
    ).select_related("period__instansi")


def _window_reminders(window: DeadlineWindow, now: datetime, people: People) -> Iterator[Reminder]:
    """The Koordinator acts in both windows; every OPD member may re-upload evidence."""
    period = window.period
    values = {
        "window": DeadlineWindow.Kind(window.kind).label.lower(),
        "period": period.name,
        "closes": in_wib(window.closes_at),
        "left": duration(window.closes_at - now),
    }
    subject = _("The %(window)s window closes on %(closes)s") % values
    text = _("The %(window)s window of %(period)s closes on %(closes)s, in %(left)s.") % values
    recipients = [(user, "assessments:windows") for user in people.koordinators[period.instansi_id]]
    if window.kind == DeadlineWindow.Kind.UNGGAH_ULANG:
        opd_members = people.all_opd_members[period.instansi_id]
        recipients += [(user, "assessments:period") for user in opd_members]
    seen: set[int] = set()
    for user, page in recipients:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        path = reverse(page, args=[period.pk])
        yield Reminder(
            Kind.WINDOW_CLOSING, period.pk, window.pk, window.closes_at, WINDOW_LEAD.days, user,
            subject, text, path,
        )  # fmt: skip


# Period dates


def _periods_due(today: date) -> Iterable[Period]:
    """Answers are due while the period is open; the submission until it is locked."""
    soon = (today, today + timedelta(days=PERIOD_LEAD_DAYS))
    return Period.objects.filter(
        Q(status=Period.Status.OPEN, answers_due__range=soon)
        | Q(submission_due__range=soon, status__in=(Period.Status.OPEN, Period.Status.REVIEW))
    ).select_related("instansi")


def _period_reminders(periods: list[Period], today: date, people: People) -> Iterator[Reminder]:
    last = today + timedelta(days=PERIOD_LEAD_DAYS)
    answering = [
        period
        for period in periods
        if period.status == Period.Status.OPEN
        and period.answers_due
        and today <= period.answers_due <= last
    ]
    drafts = _draft_counts(answering)
    for period in answering:
        yield from _answers_reminders(period, drafts, people)
    for period in periods:
        if period.submission_due and today <= period.submission_due <= last:
            yield from _submission_reminders(period, people)


def _draft_counts(periods: list[Period]) -> dict[tuple[int, int], int]:
    """Per (period, OPD): how many of the OPD's contributions are still drafts."""
    rows = (
        Contribution.objects.filter(period__in=periods, status=Contribution.Status.DRAFT)
        .values("period_id", "opd_id")
        .annotate(count=Count("pk"))
    )
    return {(row["period_id"], row["opd_id"]): row["count"] for row in rows}


def _answers_reminders(
    period: Period, drafts: dict[tuple[int, int], int], people: People
) -> Iterator[Reminder]:
    """Only the members of an OPD with a draft left are reminded, each once for all their OPD."""
    assert period.answers_due is not None
    counts: dict[int, int] = defaultdict(int)
    users: dict[int, Any] = {}
    for (period_id, opd_id), count in drafts.items():
        if period_id != period.pk:
            continue
        for user in people.opd_members[opd_id]:
            counts[user.pk] += count
            users[user.pk] = user
    subject = _("OPD answers due on %(due)s") % {"due": day_text(period.answers_due)}
    path = reverse("assessments:tasks")
    for user_pk, count in counts.items():
        text = ngettext(
            "The answers of %(period)s are due on %(due)s; %(count)s indicator of your OPD is "
            "still a draft.",
            "The answers of %(period)s are due on %(due)s; %(count)s indicators of your OPD are "
            "still drafts.",
            count,
        ) % {"period": period.name, "due": day_text(period.answers_due), "count": count}
        yield Reminder(
            Kind.ANSWERS_DUE, period.pk, period.pk, start_of(period.answers_due),
            PERIOD_LEAD_DAYS, users[user_pk], subject, text, path,
        )  # fmt: skip


def _submission_reminders(period: Period, people: People) -> Iterator[Reminder]:
    assert period.submission_due is not None
    values = {"period": period.name, "due": day_text(period.submission_due)}
    subject = _("Submission due on %(due)s") % values
    text = (
        _(
            "%(period)s must be submitted by %(due)s: check that every answer is accepted, then "
            "lock the period."
        )
        % values
    )
    path = reverse("assessments:period", args=[period.pk])
    for user in people.koordinators[period.instansi_id]:
        yield Reminder(
            Kind.SUBMISSION_DUE, period.pk, period.pk, start_of(period.submission_due),
            PERIOD_LEAD_DAYS, user, subject, text, path,
        )  # fmt: skip
