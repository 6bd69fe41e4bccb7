"""The review of an answer tells the people it concerns, in Tera and by e-mail, once each."""

import pytest
from django.urls import reverse

from tera.assessments import actions
from tera.errors import ActionRefused
from tera.notifications.models import Notification
from tests.assessments.test_flow import answer_of, contribution_of, propose, submitted_answer
from tests.notifications.conftest import give_email

pytestmark = pytest.mark.django_db


def texts(user):
    return [n.text for n in Notification.objects.filter(user=user)]


def test_an_opd_proposal_tells_the_reviewers_once_each_and_not_the_opd(
    period, kominfo, opd_member, koordinator, asesor, smtp, django_capture_on_commit_callbacks
):
    give_email(koordinator, asesor, opd_member)
    with django_capture_on_commit_callbacks(execute=True):
        propose(contribution_of(period, 1, kominfo), opd_member)
    name = period.definition.indicator_by_number[1].name
    expected = f"Dinas Komunikasi dan Informatika mengirim usulan untuk 1. {name}"
    assert [t.startswith(expected) for t in texts(koordinator)] == [True]
    assert len(texts(asesor)) == 1
    assert texts(opd_member) == []
    assert smtp.recipients == ["asesor@kota-satu.go.id", "koordinator@kota-satu.go.id"]
    link = Notification.objects.get(user=koordinator).url
    assert link == reverse("assessments:indicator", args=[period.pk, 1])


def test_the_opd_is_told_its_answer_came_back_and_then_was_accepted(
    period, kominfo, opd_member, other_opd_member, koordinator, asesor
):
    answer = submitted_answer(period, kominfo, opd_member, koordinator)
    assert len(texts(asesor)) == 2  # the proposal, then the submitted answer
    actions.request_revision(answer, version=answer.version, comment="Lampirkan SK.", user=asesor)
    assert texts(opd_member)[0].endswith("dikembalikan untuk direvisi: Lampirkan SK.")
    assert texts(other_opd_member)[0].endswith("Lampirkan SK.")  # Bappeda shares indicator 1
    answer = answer_of(period, 1)
    answer = actions.submit_answer(answer, version=answer.version, user=koordinator)
    actions.accept_answer(
        answer, version=answer.version, reviewer_level=None, comment="", user=asesor
    )
    assert texts(opd_member)[0].endswith("sudah diterima.")
    kinds = set(Notification.objects.filter(user=opd_member).values_list("kind", flat=True))
    assert kinds == {Notification.Kind.ANSWER_RETURNED, Notification.Kind.ANSWER_ACCEPTED}


def test_a_refused_action_tells_nobody(period, kominfo, opd_member, koordinator):
    contribution = contribution_of(period, 1, kominfo)
    with pytest.raises(ActionRefused):
        actions.submit_contribution(contribution, version=contribution.version, user=opd_member)
    assert not Notification.objects.exists()
