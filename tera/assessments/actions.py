"""Every change to periods, contributions and answers: permission, state rule, audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tera.assessments.models import Answer, Contribution, Period, ReviewNote
from tera.assessments.values import check_source_value, check_value
from tera.audit.log import record, snapshot
from tera.core.instrument import Value
from tera.errors import ActionRefused, Conflict
from tera.notifications import workflow
from tera.organizations.access import access_for
from tera.organizations.models import Membership, Opd

ANSWER_FIELDS = (
    "level",
    "source_value",
    "fakta",
    "analisis",
    "level_source",
    "status",
    "reviewer_level",
)
CONTRIBUTION_FIELDS = ("opd", "is_lead", "level", "fakta", "analisis", "status")
REVIEWER_ROLES = (Membership.Role.KOORDINATOR, Membership.Role.ASESOR)


def log_change(
    user: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    fields: tuple[str, ...],
    **extra: Any,
) -> None:
    """Record the change with the object's state after it (None once it is deleted)."""
    period = obj if isinstance(obj, Period) else obj.period  # type: ignore[attr-defined]
    after = None if obj.pk is None else {**snapshot(obj, fields), **extra}
    record(
        actor=user,
        action=action,
        obj=obj,
        instansi_id=period.instansi_id,
        period_id=period.pk,
        indicator=getattr(obj, "indicator", None),
        before=before,
        after=after,
    )


def require(user: Any, period: Period, permission: str) -> None:
    """Raise PermissionDenied unless the user has `permission` (an Access property) here."""
    access = access_for(user, period.instansi)
    access.require(getattr(access, permission))


def _save_versioned(obj: Answer | Contribution, version: int, user: Any, **changes: Any) -> None:
    """Write only if nobody saved since `version`; otherwise raise Conflict with their copy."""
    model = type(obj)
    changes.update(updated_by=user, updated_at=timezone.now())
    updated = model.objects.filter(pk=obj.pk, version=version).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        raise Conflict(model.objects.select_related("updated_by").get(pk=obj.pk))
    obj.refresh_from_db()


def check_level(period: Period, indicator: int, level: Value | None) -> None:
    check_value(period.definition, indicator, level)


def _check_open(period: Period) -> None:
    if period.is_locked:
        raise ActionRefused(_("This period is locked; nothing in it can change."))


# Assignments


@transaction.atomic
def assign_opd(period: Period, indicator: int, opd: Opd, *, lead: bool, user: Any) -> Contribution:
    require(user, period, "manages")
    _check_open(period)
    if opd.instansi_id != period.instansi_id:
        raise ActionRefused(_("This OPD belongs to another instansi."))
    if indicator not in period.definition.indicator_by_number:
        raise ActionRefused(
            _("Indicator %(number)s is not in this instrument.") % {"number": indicator}
        )
    contribution, created = Contribution.objects.get_or_create(
        period=period, indicator=indicator, opd=opd
    )
    before = None if created else snapshot(contribution, CONTRIBUTION_FIELDS)
    if lead and not contribution.is_lead:
        Contribution.objects.filter(period=period, indicator=indicator, is_lead=True).update(
            is_lead=False
        )
        contribution.is_lead = True
        contribution.save(update_fields=["is_lead"])
    action = "assignment.add" if created else "assignment.lead"
    log_change(user, action, contribution, before, CONTRIBUTION_FIELDS)
    return contribution


@transaction.atomic
def assign_indicators(period: Period, numbers: Iterable[int], opd: Opd, *, user: Any) -> list[int]:
    """Assign `opd` to each indicator; it leads those that have no lead yet. Returns the
    indicators it was not assigned to before."""
    led = set(
        Contribution.objects.filter(period=period, is_lead=True).values_list("indicator", flat=True)
    )
    had = set(period.contributions.filter(opd=opd).values_list("indicator", flat=True))
    added = []
    for number in sorted(set(numbers)):
        assign_opd(period, number, opd, lead=number not in led, user=user)
        if number not in had:
            added.append(number)
    return added


@transaction.atomic
def unassign_opd(contribution: Contribution, *, user: Any) -> None:
    period = contribution.period
    require(user, period, "manages")
    _check_open(period)
    if contribution.has_content or contribution.evidence_links.exists():
        raise ActionRefused(
            _(
                "%(opd)s has already written a contribution for this indicator; "
                "it cannot be removed."
            )
            % {"opd": contribution.opd}
        )
    before = snapshot(contribution, CONTRIBUTION_FIELDS)
    log_change(user, "assignment.remove", contribution, before, CONTRIBUTION_FIELDS)
    contribution.delete()


# Contributions


def contribution_is_editable(contribution: Contribution, answer: Answer) -> bool:
    period = contribution.period
    if period.is_locked or not answer.is_editable:
        return False
    return period.status == Period.Status.OPEN or answer.status == Answer.Status.REVISION


@transaction.atomic
def save_contribution(
    contribution: Contribution,
    *,
    version: int,
    level: Value | None,
    fakta: str,
    analisis: str,
    user: Any,
) -> Contribution:
    period = contribution.period
    access = access_for(user, period.instansi)
    access.require(access.may_edit_opd(contribution.opd_id))
    answer = Answer.objects.get(period=period, indicator=contribution.indicator)
    if not contribution_is_editable(contribution, answer):
        raise ActionRefused(
            _("This contribution cannot be changed now: the answer is %(status)s.")
            % {"status": answer.get_status_display().lower()}
        )
    check_level(period, contribution.indicator, level)
    before = snapshot(contribution, CONTRIBUTION_FIELDS)
    _save_versioned(
        contribution,
        version,
        user,
        level=level,
        fakta=fakta.strip(),
        analisis=analisis.strip(),
        status=Contribution.Status.DRAFT,
        carried_over=False,
    )
    log_change(user, "contribution.save", contribution, before, CONTRIBUTION_FIELDS)
    return contribution


@transaction.atomic
def submit_contribution(contribution: Contribution, *, version: int, user: Any) -> Contribution:
    access = access_for(user, contribution.period.instansi)
    access.require(access.may_edit_opd(contribution.opd_id))
    answer = Answer.objects.get(period=contribution.period, indicator=contribution.indicator)
    if not contribution_is_editable(contribution, answer):
        raise ActionRefused(_("This contribution cannot be submitted now."))
    if contribution.level is None or not contribution.fakta.strip():
        raise ActionRefused(_("Fill in a proposed level and the facts before submitting."))
    before = snapshot(contribution, CONTRIBUTION_FIELDS)
    _save_versioned(contribution, version, user, status=Contribution.Status.SUBMITTED)
    log_change(user, "contribution.submit", contribution, before, CONTRIBUTION_FIELDS)
    workflow.contribution_submitted(contribution, user)
    return contribution


# Answers


def _require_reviewer(answer: Answer, user: Any) -> None:
    require(user, answer.period, "reviews")
    _check_open(answer.period)


@transaction.atomic
def save_answer(
    answer: Answer,
    *,
    version: int,
    level: Value | None,
    fakta: str,
    analisis: str,
    level_source: Contribution | None,
    user: Any,
    source_value: Decimal | None = None,
) -> Answer:
    """Save the answer. An indicator converted from another index takes that index's value
    (`source_value`) instead of a level; its level is the converted value."""
    _require_reviewer(answer, user)
    if not answer.is_editable:
        raise ActionRefused(
            _("The answer is %(status)s; request a revision before changing it.")
            % {"status": answer.get_status_display().lower()}
        )
    if level_source is not None and (
        level_source.period_id != answer.period_id or level_source.indicator != answer.indicator
    ):
        raise ActionRefused(_("That contribution belongs to another indicator."))
    source = answer.period.definition.indicator_by_number[answer.indicator].source_index
    if source is None:
        source_value = None
    else:
        check_source_value(source, source_value)
        scale = answer.period.definition.scale_for(answer.indicator)
        level = None if source_value is None else source.convert(source_value, scale.places)
    check_level(answer.period, answer.indicator, level)
    before = snapshot(answer, ANSWER_FIELDS)
    _save_versioned(
        answer,
        version,
        user,
        level=level,
        source_value=source_value,
        fakta=fakta.strip(),
        analisis=analisis.strip(),
        level_source=level_source,
        carried_over=False,
    )
    log_change(user, "answer.save", answer, before, ANSWER_FIELDS)
    return answer


@transaction.atomic
def submit_answer(answer: Answer, *, version: int, user: Any) -> Answer:
    _require_reviewer(answer, user)
    if not answer.is_editable:
        raise ActionRefused(
            _("Only a draft answer or one sent back for revision can be submitted.")
        )
    if answer.level is None or not answer.fakta.strip() or not answer.analisis.strip():
        raise ActionRefused(_("Set the level and write both the facts and the analysis first."))
    before = snapshot(answer, ANSWER_FIELDS)
    _save_versioned(answer, version, user, status=Answer.Status.SUBMITTED)
    log_change(user, "answer.submit", answer, before, ANSWER_FIELDS)
    workflow.answer_submitted(answer, user)
    return answer


@transaction.atomic
def request_revision(answer: Answer, *, version: int, comment: str, user: Any) -> Answer:
    _require_reviewer(answer, user)
    if answer.status not in (Answer.Status.SUBMITTED, Answer.Status.ACCEPTED):
        raise ActionRefused(_("Only a submitted or accepted answer can be sent back."))
    if not comment.strip():
        raise ActionRefused(_("Say what must be revised."))
    before = snapshot(answer, ANSWER_FIELDS)
    _save_versioned(answer, version, user, status=Answer.Status.REVISION)
    ReviewNote.objects.create(
        answer=answer, author=user, decision=ReviewNote.Decision.REVISION, body=comment.strip()
    )
    log_change(user, "answer.revision", answer, before, ANSWER_FIELDS, comment=comment.strip())
    workflow.answer_returned(answer, comment.strip(), user)
    return answer


class SelfReview(StrEnum):
    """Whether the user is the one who submitted the answer they are about to review."""

    OTHER = "other"  # someone else submitted it: the user may accept it
    ALONE = "alone"  # the user did, and nobody else in the instansi reviews: they may accept
    REFUSED = "refused"  # the user did, and another reviewer exists: that one must accept


def self_review(answer: Answer, user: Any) -> SelfReview:
    """The four-eyes rule: whoever submitted an answer does not accept it too, unless they are
    the instansi's only reviewer (a Koordinator or internal assessor), as in a small instansi
    with one Koordinator and no assessor. Sending it back for revision is always allowed.

    While an answer is submitted nothing else writes it, so its last writer is its submitter.
    """
    if answer.status != Answer.Status.SUBMITTED or answer.updated_by_id != user.pk:
        return SelfReview.OTHER
    others = Membership.objects.filter(
        instansi_id=answer.period.instansi_id, role__in=REVIEWER_ROLES, user__is_active=True
    ).exclude(user_id=user.pk)
    return SelfReview.REFUSED if others.exists() else SelfReview.ALONE


@transaction.atomic
def accept_answer(
    answer: Answer, *, version: int, reviewer_level: Value | None, comment: str, user: Any
) -> Answer:
    _require_reviewer(answer, user)
    if answer.status != Answer.Status.SUBMITTED:
        raise ActionRefused(_("Only a submitted answer can be accepted."))
    if self_review(answer, user) == SelfReview.REFUSED:
        raise ActionRefused(
            _(
                "You submitted this answer, so another reviewer (a Koordinator or an internal "
                "assessor) must accept it. You may still request a revision."
            )
        )
    reviewer_level = answer.level if reviewer_level is None else reviewer_level
    check_level(answer.period, answer.indicator, reviewer_level)
    before = snapshot(answer, ANSWER_FIELDS)
    _save_versioned(
        answer, version, user, status=Answer.Status.ACCEPTED, reviewer_level=reviewer_level
    )
    ReviewNote.objects.create(
        answer=answer,
        author=user,
        decision=ReviewNote.Decision.ACCEPTED,
        reviewer_level=reviewer_level,
        body=comment.strip(),
    )
    log_change(user, "answer.accept", answer, before, ANSWER_FIELDS, comment=comment.strip())
    workflow.answer_accepted(answer, user)
    return answer
