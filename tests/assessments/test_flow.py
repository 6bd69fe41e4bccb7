"""The answer's life: OPD contributions, the instansi's answer, review, and the locked period."""

import pytest
from django.core.exceptions import PermissionDenied

from tera.assessments import actions, periods
from tera.assessments.models import Answer, Contribution, Period, ReviewNote
from tera.audit.models import AuditEntry
from tera.errors import ActionRefused

pytestmark = pytest.mark.django_db


def answer_of(period, number):
    return Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=number
    )


def contribution_of(period, number, opd):
    return Contribution.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=number, opd=opd
    )


def propose(contribution, user, level=3, fakta="Perwali 12/2023 hal. 4", analisis="Tingkat 3"):
    contribution = actions.save_contribution(
        contribution,
        version=contribution.version,
        level=level,
        fakta=fakta,
        analisis=analisis,
        user=user,
    )
    return actions.submit_contribution(contribution, version=contribution.version, user=user)


def adopt(answer, contribution, user):
    return actions.save_answer(
        answer,
        version=answer.version,
        level=contribution.level,
        fakta=contribution.fakta,
        analisis=contribution.analisis,
        level_source=contribution,
        user=user,
    )


def submitted_answer(period, kominfo, opd_member, koordinator, level=3):
    contribution = propose(contribution_of(period, 1, kominfo), opd_member, level=level)
    answer = adopt(answer_of(period, 1), contribution, koordinator)
    return actions.submit_answer(answer, version=answer.version, user=koordinator)


def test_a_new_period_has_one_empty_draft_answer_per_indicator(period):
    answers = period.answers.all()
    assert answers.count() == 47
    assert {a.status for a in answers} == {Answer.Status.DRAFT}
    assert all(a.level is None for a in answers)


def test_one_instansi_cannot_have_two_periods_for_the_same_year(period, koordinator):
    with pytest.raises(ActionRefused):
        periods.start_period(
            instansi=period.instansi, instrument=period.instrument, year=2025, user=koordinator
        )


def test_opd_member_saves_and_submits_the_opd_contribution(period, kominfo, opd_member):
    contribution = propose(contribution_of(period, 1, kominfo), opd_member, level=4)
    assert contribution.status == Contribution.Status.SUBMITTED
    assert contribution.level == 4
    assert contribution.updated_by == opd_member


def test_opd_member_cannot_write_another_opds_contribution(period, bappeda, opd_member):
    with pytest.raises(PermissionDenied):
        propose(contribution_of(period, 1, bappeda), opd_member)


def test_a_contribution_needs_a_level_and_facts_before_it_is_submitted(period, kominfo, opd_member):
    contribution = contribution_of(period, 1, kominfo)
    with pytest.raises(ActionRefused):
        actions.submit_contribution(contribution, version=contribution.version, user=opd_member)


def test_koordinator_adopts_an_opd_proposal_as_the_answer(period, kominfo, opd_member, koordinator):
    contribution = propose(contribution_of(period, 1, kominfo), opd_member, level=4)
    answer = adopt(answer_of(period, 1), contribution, koordinator)
    assert (answer.level, answer.level_source, answer.fakta) == (
        4,
        contribution,
        contribution.fakta,
    )


def test_opd_member_cannot_set_the_instansi_answer(period, opd_member):
    answer = answer_of(period, 1)
    with pytest.raises(PermissionDenied):
        actions.save_answer(
            answer,
            version=answer.version,
            level=5,
            fakta="x",
            analisis="y",
            level_source=None,
            user=opd_member,
        )


def test_a_level_outside_the_instrument_is_refused(period, koordinator):
    answer = answer_of(period, 1)
    with pytest.raises(ActionRefused):
        actions.save_answer(
            answer,
            version=answer.version,
            level=6,
            fakta="",
            analisis="",
            level_source=None,
            user=koordinator,
        )


def test_an_answer_without_analysis_cannot_be_submitted(period, koordinator):
    answer = actions.save_answer(
        answer_of(period, 1),
        version=1,
        level=3,
        fakta="Perwali",
        analisis="",
        level_source=None,
        user=koordinator,
    )
    with pytest.raises(ActionRefused):
        actions.submit_answer(answer, version=answer.version, user=koordinator)


def test_asesor_requests_a_revision_with_a_comment(
    period, kominfo, opd_member, koordinator, asesor
):
    answer = submitted_answer(period, kominfo, opd_member, koordinator)
    answer = actions.request_revision(
        answer, version=answer.version, comment="Lampirkan SK", user=asesor
    )
    assert answer.status == Answer.Status.REVISION
    note = ReviewNote.objects.get(answer=answer)
    assert (note.decision, note.body, note.author) == ("revision", "Lampirkan SK", asesor)


def test_a_revision_request_needs_a_comment(period, kominfo, opd_member, koordinator, asesor):
    answer = submitted_answer(period, kominfo, opd_member, koordinator)
    with pytest.raises(ActionRefused):
        actions.request_revision(answer, version=answer.version, comment="  ", user=asesor)


def test_opd_can_revise_its_contribution_while_the_period_is_under_review_only_on_request(
    period, kominfo, opd_member, koordinator, asesor
):
    answer = submitted_answer(period, kominfo, opd_member, koordinator)
    periods.start_review(period, user=koordinator)
    contribution = contribution_of(period, 1, kominfo)
    with pytest.raises(ActionRefused):
        propose(contribution, opd_member, level=2)
    actions.request_revision(answer, version=answer.version, comment="Revisi", user=asesor)
    assert propose(contribution_of(period, 1, kominfo), opd_member, level=2).level == 2


def test_accepting_keeps_the_reviewer_level_beside_the_proposed_level(
    period, kominfo, opd_member, koordinator, asesor
):
    answer = submitted_answer(period, kominfo, opd_member, koordinator, level=4)
    answer = actions.accept_answer(
        answer, version=answer.version, reviewer_level=3, comment="Reviu belum ada", user=asesor
    )
    assert (answer.status, answer.level, answer.reviewer_level) == ("accepted", 4, 3)


def test_accepting_without_a_reviewer_level_takes_the_answer_level(
    period, kominfo, opd_member, koordinator, asesor
):
    answer = submitted_answer(period, kominfo, opd_member, koordinator, level=4)
    answer = actions.accept_answer(
        answer, version=answer.version, reviewer_level=None, comment="", user=asesor
    )
    assert answer.reviewer_level == 4


def test_pimpinan_cannot_review(period, kominfo, opd_member, koordinator, pimpinan):
    answer = submitted_answer(period, kominfo, opd_member, koordinator)
    with pytest.raises(PermissionDenied):
        actions.accept_answer(
            answer, version=answer.version, reviewer_level=None, comment="", user=pimpinan
        )


def test_an_accepted_answer_cannot_be_edited_until_a_revision_is_requested(
    period, kominfo, opd_member, koordinator, asesor
):
    answer = submitted_answer(period, kominfo, opd_member, koordinator)
    answer = actions.accept_answer(
        answer, version=answer.version, reviewer_level=None, comment="", user=asesor
    )
    with pytest.raises(ActionRefused):
        adopt(answer, contribution_of(period, 1, kominfo), koordinator)


def test_lock_is_refused_while_an_answered_indicator_is_not_accepted(
    period, kominfo, opd_member, koordinator
):
    submitted_answer(period, kominfo, opd_member, koordinator)
    with pytest.raises(ActionRefused) as refused:
        periods.lock_period(period, user=koordinator)
    assert "1" in refused.value.message
    assert Period.objects.get(pk=period.pk).status == Period.Status.OPEN


def test_lock_freezes_every_accepted_answer_and_the_period(
    period, kominfo, opd_member, koordinator, asesor
):
    answer = submitted_answer(period, kominfo, opd_member, koordinator)
    actions.accept_answer(
        answer, version=answer.version, reviewer_level=None, comment="", user=asesor
    )
    periods.lock_period(period, user=koordinator)
    period.refresh_from_db()
    assert period.status == Period.Status.LOCKED
    assert answer_of(period, 1).status == Answer.Status.LOCKED


def test_nothing_changes_in_a_locked_period(period, kominfo, opd_member, koordinator, asesor):
    answer = submitted_answer(period, kominfo, opd_member, koordinator)
    actions.accept_answer(
        answer, version=answer.version, reviewer_level=None, comment="", user=asesor
    )
    periods.lock_period(period, user=koordinator)
    period.refresh_from_db()
    with pytest.raises(ActionRefused):
        actions.assign_opd(period, 3, kominfo, lead=True, user=koordinator)
    with pytest.raises(ActionRefused):
        propose(
            contribution_of(period, 2, period.instansi.opds.get(short_name="Bappeda")), koordinator
        )


def test_asesor_cannot_lock_the_period(period, asesor):
    with pytest.raises(PermissionDenied):
        periods.lock_period(period, user=asesor)


def test_assigning_a_new_lead_replaces_the_old_lead(period, bappeda, koordinator):
    actions.assign_opd(period, 1, bappeda, lead=True, user=koordinator)
    leads = Contribution.objects.filter(period=period, indicator=1, is_lead=True)
    assert [c.opd for c in leads] == [bappeda]


def test_an_opd_of_another_instansi_cannot_be_assigned(period, other_kota, koordinator):
    stranger = other_kota.opds.create(name="Dinas Lain")
    with pytest.raises(ActionRefused):
        actions.assign_opd(period, 3, stranger, lead=True, user=koordinator)


def test_an_opd_that_has_written_cannot_be_unassigned(period, kominfo, opd_member, koordinator):
    propose(contribution_of(period, 1, kominfo), opd_member)
    with pytest.raises(ActionRefused):
        actions.unassign_opd(contribution_of(period, 1, kominfo), user=koordinator)


def test_every_change_is_written_to_the_audit_log(period, kominfo, opd_member, koordinator, asesor):
    answer = submitted_answer(period, kominfo, opd_member, koordinator)
    actions.accept_answer(answer, version=answer.version, reviewer_level=2, comment="", user=asesor)
    entries = AuditEntry.objects.filter(period_id=period.pk, indicator=1).order_by("position")
    assert [e.action for e in entries] == [
        "assignment.add",
        "assignment.add",
        "contribution.save",
        "contribution.submit",
        "answer.save",
        "answer.submit",
        "answer.accept",
    ]
    accept = entries.last()
    assert accept.actor_name == "asesor"
    assert (accept.before["status"], accept.after["status"]) == ("submitted", "accepted")
    assert (accept.before["reviewer_level"], accept.after["reviewer_level"]) == (None, 2)
