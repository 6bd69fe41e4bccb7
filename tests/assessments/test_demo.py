"""The demo of `make run`: its last SPBE period and this year's Pemdi 2026 period."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from tera.assessments.demo import build_demo
from tera.assessments.models import Answer, Contribution, Period
from tera.assessments.pages import self_assessed_score
from tera.evidence.models import EvidenceLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("instruments", "load", verbosity=0)
    return build_demo()


def test_the_demo_has_the_last_spbe_period_and_this_years_pemdi_period(demo):
    periods = {p.instrument.code: p for p in Period.objects.select_related("instrument")}
    assert (periods["spbe-2020"].year, periods["pemdi-2026"].year) == (2025, 2026)
    assert periods["pemdi-2026"].previous == periods["spbe-2020"]


def test_the_pemdi_period_carries_the_spbe_assignments_and_evidence(demo):
    period = Period.objects.get(instrument__code="pemdi-2026")
    assert Contribution.objects.filter(period=period, is_lead=True).count() >= 10
    assert EvidenceLink.objects.filter(answer__period=period, carried_over=True).exists()


def test_the_pemdi_period_has_decimal_answers_and_an_sdi_value(demo):
    period = Period.objects.get(instrument__code="pemdi-2026")
    answers = {a.indicator: a for a in Answer.objects.filter(period=period)}
    assert answers[3].level == Decimal("1.26")
    assert (answers[5].source_value, answers[5].level) == (Decimal("62.5"), Decimal("3.5"))
    assert EvidenceLink.objects.filter(answer=answers[5], carried_over=False).exists()
    result = self_assessed_score(period)
    assert result.index > 1 and not result.complete
