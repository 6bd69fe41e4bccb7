"""Fetching periods, answers and contributions for a user: outside their reach is a 404."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tera.assessments.models import Answer, Contribution, Period
from tera.organizations.access import Access, User, access_for, visible_instansi


def visible_periods(user: User) -> QuerySet[Period]:
    return Period.objects.filter(instansi__in=visible_instansi(user))


def get_period_for_user(user: User, pk: int) -> tuple[Period, Access]:
    period = get_object_or_404(Period.objects.select_related("instansi", "instrument"), pk=pk)
    access = access_for(user, period.instansi)
    if not access.can_read:
        raise Http404
    return period, access


def assigned_to(access: Access) -> Exists:
    """True for an answer whose indicator is assigned to one of the user's OPD."""
    return Exists(
        Contribution.objects.filter(
            period=OuterRef("period"),
            indicator=OuterRef("indicator"),
            opd_id__in=access.opd_ids,
        )
    )


def visible_answers(period: Period, access: Access) -> QuerySet[Answer]:
    """All answers for those who read everything; an OPD member only those assigned to the OPD."""
    answers = period.answers.all()
    if access.reads_everything:
        return answers
    return answers.filter(assigned_to(access))


def get_answer_for_user(user: User, period_pk: int, indicator: int) -> tuple[Answer, Access]:
    """The answer with its period in one query; an OPD member's assignment is checked after."""
    answer = get_object_or_404(
        Answer.objects.select_related("period__instansi", "period__instrument"),
        period__pk=period_pk,
        indicator=indicator,
    )
    access = access_for(user, answer.period.instansi)
    if not access.can_read:
        raise Http404
    if not access.reads_everything and not (
        visible_answers(answer.period, access).filter(pk=answer.pk).exists()
    ):
        raise Http404
    return answer, access


def get_contribution_for_user(user: User, pk: int) -> tuple[Contribution, Access]:
    contribution = get_object_or_404(
        Contribution.objects.select_related("period__instansi", "period__instrument", "opd"), pk=pk
    )
    access = access_for(user, contribution.period.instansi)
    if (
        not access.reads_everything
        and not Contribution.objects.filter(
            period=contribution.period_id,
            indicator=contribution.indicator,
            opd_id__in=access.opd_ids,
        ).exists()
    ):
        raise Http404
    return contribution, access
