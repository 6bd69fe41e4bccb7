"""What each role must do next, gathered per instansi in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from tera.assessments.models import Answer, Contribution, Period
from tera.assessments.pages import self_assessed_score
from tera.core.scoring import Score
from tera.instruments.models import InstrumentVersion
from tera.organizations.access import Access, User, access_for
from tera.organizations.models import Membership
from tera.registry.models import Instansi, OfficialResult

# The task list's status filter: the value in ?status= and the label of its option.
TASK_STATUSES = {
    "todo": _("Still to submit"),
    "submitted": _("Submitted to the Koordinator"),
    "revision": _("Revision requested"),
    "accepted": _("Answer accepted"),
}
TASK_SORTS = {"due": _("Due date, soonest first"), "-due": _("Due date, latest first")}


def open_contributions(user: User, status: str = "", sort: str = "due") -> QuerySet[Contribution]:
    """Contributions of the user's OPD in unlocked periods, by due date (undated last).

    `status` is a key of TASK_STATUSES: the contribution's own state (still to submit,
    submitted) or that of the instansi's answer (sent back for revision, accepted).
    """
    opd_ids = Membership.objects.filter(user=user, role=Membership.Role.OPD).values("opd_id")
    answer_status = Answer.objects.filter(
        period=OuterRef("period"), indicator=OuterRef("indicator")
    ).values("status")[:1]
    contributions = (
        Contribution.objects.filter(opd_id__in=opd_ids)
        .exclude(period__status=Period.Status.LOCKED)
        .select_related("period__instansi", "opd")
        .annotate(answer_status=Subquery(answer_status))
    )
    if status in ("revision", "accepted"):
        contributions = contributions.filter(answer_status=status)
    elif status == "todo":
        contributions = contributions.filter(status=Contribution.Status.DRAFT).exclude(
            answer_status__in=(Answer.Status.ACCEPTED, Answer.Status.REVISION)
        )
    elif status == "submitted":
        contributions = contributions.filter(status=Contribution.Status.SUBMITTED)
    due = F("period__answers_due")
    order = due.desc(nulls_last=True) if sort == "-due" else due.asc(nulls_last=True)
    return contributions.order_by(order, "period", "indicator", "opd__name")


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator named in a list: its number and its name in the period's instrument."""

    number: int
    name: str


def indicator_names(contributions: Iterable[Contribution]) -> list[Contribution]:
    """The contributions, each given `indicator_name` from its period's instrument; the
    instruments are read in one query, not one per row."""
    contributions = list(contributions)
    version_ids = {c.period.instrument_id for c in contributions}
    versions = InstrumentVersion.objects.in_bulk(version_ids) if version_ids else {}
    for contribution in contributions:
        definition = versions[contribution.period.instrument_id].instrument
        indicator = definition.indicator_by_number.get(contribution.indicator)
        contribution.indicator_name = indicator.name if indicator else ""  # type: ignore[attr-defined]
    return contributions


@dataclass
class InstansiBoard:
    instansi: Instansi
    access: Access
    period: Period | None
    score: Score | None = None
    counts: dict[str, int] = field(default_factory=dict)
    unassigned: int = 0
    to_decide: list[IndicatorRef] = field(default_factory=list)
    to_review: list[IndicatorRef] = field(default_factory=list)


def current_period(instansi: Instansi) -> Period | None:
    periods = Period.objects.filter(instansi=instansi).select_related("instrument", "instansi")
    return periods.exclude(status=Period.Status.LOCKED).first() or periods.first()


def instansi_board(user: User, instansi: Instansi) -> InstansiBoard:
    access = access_for(user, instansi)
    period = current_period(instansi)
    board = InstansiBoard(instansi, access, period)
    if period is None or not access.reads_everything:
        return board
    answers = list(period.answers.only("period", "indicator", "level", "status", "version"))
    board.score = self_assessed_score(period, answers)
    for answer in answers:
        board.counts[answer.status] = board.counts.get(answer.status, 0) + 1
    assigned = set(period.contributions.values_list("indicator", flat=True))
    board.unassigned = sum(1 for a in answers if a.indicator not in assigned)
    submitted = set(
        period.contributions.filter(status=Contribution.Status.SUBMITTED).values_list(
            "indicator", flat=True
        )
    )
    named = period.definition.indicator_by_number
    board.to_decide = [
        IndicatorRef(a.indicator, named[a.indicator].name)
        for a in sorted(answers, key=lambda a: a.indicator)
        if a.status == Answer.Status.DRAFT and a.indicator in submitted
    ]
    board.to_review = [
        IndicatorRef(a.indicator, named[a.indicator].name)
        for a in answers
        if a.status == Answer.Status.SUBMITTED
    ]
    return board


@dataclass(frozen=True)
class ProvinceRow:
    instansi: Instansi
    latest: OfficialResult | None
    periods: int
    readable: bool = False


def province_rows(province: str, user: User | None = None) -> list[ProvinceRow]:
    """The province and its kab/kota with their latest official result and Tera periods, each
    marked `readable` when `user` may open its instansi page (with or without periods)."""
    latest_year = OfficialResult.objects.filter(instansi=OuterRef("pk")).order_by("-year")
    members = (
        Instansi.objects.filter(province=province)
        .filter(Q(kind__in=[Instansi.Kind.KABUPATEN, Instansi.Kind.KOTA, Instansi.Kind.PROVINSI]))
        .annotate(
            latest_pk=Subquery(latest_year.values("pk")[:1]),
            period_count=Count("periods", distinct=True),
        )
        .order_by("-kind", "name")
    )
    members = list(members)
    results = OfficialResult.objects.in_bulk([m.latest_pk for m in members if m.latest_pk])
    return [
        ProvinceRow(
            m,
            results.get(m.latest_pk),
            m.period_count,
            user is not None and access_for(user, m).can_read,
        )
        for m in members
    ]
