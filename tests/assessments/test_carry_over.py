"""Starting a period from the previous one: everything comes back as drafts to confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tera.assessments import actions
from tera.assessments.models import Answer, Contribution
from tera.assessments.periods import start_period
from tera.evidence.actions import add_document, link_document
from tera.evidence.models import EvidenceLink

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def answered_period(period, kominfo, opd_member, koordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contribution = Contribution.objects.select_related(
        "period__instansi", "period__instrument"
    ).get(period=period, indicator=1, opd=kominfo)
    contribution = actions.save_contribution(
        contribution,
        version=1,
        level=3,
        fakta="Perwali 12/2023",
        analisis="Tingkat 3",
        user=opd_member,
    )
    answer = Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=1
    )
    actions.save_answer(
        answer,
        version=1,
        level=3,
        fakta="Perwali 12/2023",
        analisis="Tingkat 3",
        level_source=contribution,
        user=koordinator,
    )
    document = add_document(
        period.instansi,
        user=opd_member,
        title="Perwali SPBE",
        category="kebijakan",
        opd=kominfo,
        upload=SimpleUploadedFile("perwali.pdf", PDF),
    )
    link_document(answer, document, contribution=contribution, user=opd_member)
    return period


@pytest.fixture
def next_period(answered_period, koordinator):
    return start_period(
        instansi=answered_period.instansi,
        instrument=answered_period.instrument,
        year=2026,
        previous=answered_period,
        user=koordinator,
    )


def test_levels_and_explanations_come_back_as_drafts_marked_to_confirm(next_period):
    answer = Answer.objects.get(period=next_period, indicator=1)
    assert (answer.level, answer.fakta, answer.analisis) == (3, "Perwali 12/2023", "Tingkat 3")
    assert answer.status == Answer.Status.DRAFT
    assert answer.carried_over


def test_unanswered_indicators_stay_empty(next_period):
    answer = Answer.objects.get(period=next_period, indicator=2)
    assert answer.level is None and not answer.carried_over


def test_assignments_and_contributions_come_back_with_the_same_lead(next_period, kominfo, bappeda):
    carried = Contribution.objects.filter(period=next_period, indicator=1).order_by("-is_lead")
    assert [(c.opd, c.is_lead) for c in carried] == [(kominfo, True), (bappeda, False)]
    lead = carried[0]
    assert (lead.level, lead.status, lead.carried_over) == (3, Contribution.Status.DRAFT, True)


def test_evidence_links_point_to_the_same_document_under_the_same_opd(
    answered_period, next_period, kominfo
):
    old = EvidenceLink.objects.get(answer__period=answered_period)
    new = EvidenceLink.objects.get(answer__period=next_period)
    assert new.document_id == old.document_id
    assert new.contribution.opd == kominfo and new.contribution.period == next_period
    assert new.carried_over


def test_saving_a_carried_over_answer_confirms_it(next_period, koordinator):
    answer = Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=next_period, indicator=1
    )
    answer = actions.save_answer(
        answer,
        version=answer.version,
        level=4,
        fakta=answer.fakta,
        analisis=answer.analisis,
        level_source=None,
        user=koordinator,
    )
    assert not answer.carried_over


def test_the_previous_period_is_left_untouched(answered_period, next_period):
    answer = Answer.objects.get(period=answered_period, indicator=1)
    assert (answer.level, answer.carried_over) == (3, False)
