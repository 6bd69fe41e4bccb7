"""Four eyes: whoever submitted an answer does not accept it too, unless nobody else reviews."""

import pytest
from django.urls import reverse
from django.utils import translation

from tera.assessments import actions
from tera.assessments.models import Answer
from tera.errors import ActionRefused
from tera.organizations.models import Membership
from tests.conftest import member

pytestmark = pytest.mark.django_db


def submitted(period, user, number=1):
    answer = Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=number
    )
    answer = actions.save_answer(
        answer, version=answer.version, level=2, fakta="SK", analisis="Tingkat 2",
        level_source=None, user=user,
    )  # fmt: skip
    return actions.submit_answer(answer, version=answer.version, user=user)


def accept(answer, user):
    return actions.accept_answer(
        answer, version=answer.version, reviewer_level=None, comment="", user=user
    )


def test_the_submitter_cannot_accept_when_another_reviewer_exists(koordinator, asesor, period):
    answer = submitted(period, koordinator)
    with pytest.raises(ActionRefused) as refused, translation.override("en"):
        accept(answer, koordinator)
    assert "another reviewer" in refused.value.message
    assert Answer.objects.get(pk=answer.pk).status == Answer.Status.SUBMITTED


def test_another_reviewer_accepts_what_the_koordinator_submitted(koordinator, asesor, period):
    answer = submitted(period, koordinator)
    assert accept(answer, asesor).status == Answer.Status.ACCEPTED


def test_the_submitter_may_still_send_their_answer_back(koordinator, asesor, period):
    answer = submitted(period, koordinator)
    answer = actions.request_revision(
        answer, version=answer.version, comment="Salah lampiran", user=koordinator
    )
    assert answer.status == Answer.Status.REVISION


def test_the_only_reviewer_of_the_instansi_may_accept_their_own_answer(koordinator, period):
    answer = submitted(period, koordinator)
    assert accept(answer, koordinator).status == Answer.Status.ACCEPTED


def test_a_reviewer_in_another_instansi_does_not_count(koordinator, outsider, period):
    answer = submitted(period, koordinator)
    assert accept(answer, koordinator).status == Answer.Status.ACCEPTED


def test_a_deactivated_reviewer_does_not_count(koordinator, asesor, period):
    asesor.is_active = False
    asesor.save()
    answer = submitted(period, koordinator)
    assert accept(answer, koordinator).status == Answer.Status.ACCEPTED


def test_the_review_form_of_the_submitter_offers_only_a_revision_and_says_why(
    client, koordinator, asesor, period
):
    submitted(period, koordinator)
    client.force_login(koordinator)
    text = client.get(reverse("assessments:indicator", args=[period.pk, 1])).text
    assert 'data-testid="self-review"' in text
    assert 'value="revision"' in text
    assert 'value="accept"' not in text


def test_the_review_form_of_another_reviewer_offers_acceptance(client, koordinator, asesor, period):
    submitted(period, koordinator)
    client.force_login(asesor)
    text = client.get(reverse("assessments:indicator", args=[period.pk, 1])).text
    assert 'value="accept"' in text
    assert 'data-testid="self-review"' not in text


def test_the_only_reviewer_is_told_they_may_accept_their_own_answer(client, koordinator, period):
    submitted(period, koordinator)
    client.force_login(koordinator)
    text = client.get(reverse("assessments:indicator", args=[period.pk, 1])).text
    assert 'data-testid="self-review"' in text
    assert 'value="accept"' in text


def test_posting_an_acceptance_of_ones_own_answer_is_refused(client, koordinator, period, kota):
    member("asesor-dua", kota, Membership.Role.ASESOR)
    answer = submitted(period, koordinator)
    client.force_login(koordinator)
    url = reverse("assessments:answer_review", args=[period.pk, 1])
    response = client.post(url, {"review-version": answer.version, "review-decision": "accept"})
    assert response.status_code == 400
    assert Answer.objects.get(pk=answer.pk).status == Answer.Status.SUBMITTED
