"""What each role must do next, gathered per instansi in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from tera.assessments.models import Answer, Contribution, Period
from tera.assessments.pages import self_assessed_score
from tera.core.scoring import Score
from tera.organizations.access import Access, User, access_for
from tera.organizations.models import Membership
from tera.registry.models import Instansi, OfficialResult


def open_contributions(user: User) -> QuerySet[Contribution]:
    """Contributions of the user's OPD in unlocked periods, revision requests first."""
    opd_ids = Membership.objects.filter(user=user, role=Membership.Role.OPD).values("opd_id")
    answer_status = Answer.objects.filter(
        period=OuterRef("period"), indicator=OuterRef("indicator")
    ).values("status")[:1]
    return (
        Contribution.objects.filter(opd_id__in=opd_ids)
        .exclude(period__status=Period.Status.LOCKED)
        .select_related("period__instansi", "opd")
        .annotate(answer_status=Subquery(answer_status))
        .order_by("period__answers_due", "period", "indicator")
    )


@dataclass
class InstansiBoard:
    instansi: Instansi
    access: Access
    period: Period | None
    score: Score | None = None
    counts: dict[str, int] = field(default_factory=dict)
    unassigned: int = 0
    to_decide: list[int] = field(default_factory=list)
    to_review: list[Answer] = field(default_factory=list)


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
    board.to_decide = sorted(
        a.indicator for a in answers if a.status == Answer.Status.DRAFT and a.indicator in submitted
    )
    board.to_review = [a for a in answers if a.status == Answer.Status.SUBMITTED]
    return board


@dataclass(frozen=True)
class ProvinceRow:
    instansi: Instansi
    latest: OfficialResult | None
    periods: int


def province_rows(province: str) -> list[ProvinceRow]:
    """The province and its kab/kota with their latest official result and Tera periods."""
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
    return [ProvinceRow(m, results.get(m.latest_pk), m.period_count) for m in members]
