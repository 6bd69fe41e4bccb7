"""Plans start from the official levels once the external assessors scored, else the answers;
the target, plan, monitoring, dashboard and PDF all count from that one basis."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from tera.assessments.models import StageScore
from tera.core.numbers import format_id
from tera.planning.actions import accept_plan, set_target
from tera.planning.basis import basis_levels
from tera.reports.dashboard import build_dashboard
from tera.reports.pdf.leadership import leadership_report
from tests.planning.factories import set_levels

pytestmark = pytest.mark.django_db


def score_at(period, stage, levels):
    StageScore.objects.bulk_create(
        StageScore(
            period=period, indicator=number, stage=stage, level=level, entered_at=timezone.now()
        )
        for number, level in levels.items()
    )


def test_before_any_external_stage_the_basis_is_the_self_assessed_levels(period):
    set_levels(period, {1: 3, 2: 4})
    basis = basis_levels(period)
    assert (basis.levels, basis.official) == ({1: 3, 2: 4}, False)


def test_once_the_assessors_scored_the_basis_is_the_official_levels(period):
    set_levels(period, {1: 3, 2: 4})
    score_at(period, StageScore.Stage.DOKUMEN, {1: 2})
    basis = basis_levels(period)
    assert (basis.levels, basis.official) == ({1: 2, 2: 4}, True)


def test_the_final_result_comes_before_the_earlier_stages(period):
    set_levels(period, {1: 3})
    score_at(period, StageScore.Stage.DOKUMEN, {1: 2})
    score_at(period, StageScore.Stage.FINAL, {1: 4})
    assert basis_levels(period).levels == {1: 4}


def test_the_what_if_page_says_when_it_starts_from_the_official_levels(client, period, pimpinan):
    set_levels(period, {1: 3})
    score_at(period, StageScore.Stage.FINAL, {1: 4})
    client.force_login(pimpinan)
    response = client.get(reverse("planning:whatif", args=[period.pk]))
    assert response.context["basis"].official
    assert response.context["comparison"].before.levels[1] == 4
    assert "Dihitung dari tingkat resmi asesor eksternal" in response.text


def test_target_plan_monitoring_dashboard_and_pdf_count_from_one_index(client, period, koordinator):
    set_levels(period, {number: 3 for number in range(1, 41)})  # 7 indicators unanswered
    set_target(period, index=Decimal("3.00"), predikat="", user=koordinator)
    basis = basis_levels(period)
    current = basis.score(period).index
    client.force_login(koordinator)

    planner = client.get(reverse("planning:planner", args=[period.pk])).context
    assert planner["plan"].index_before == planner["distance"].current == current
    accept_plan(period, planner["plan"], due_on=date(2026, 6, 30), user=koordinator)
    summary = client.get(reverse("planning:monitoring", args=[period.pk])).context["summary"]
    assert summary.if_promised.before.index == current
    assert summary.if_promised.after.index == planner["plan"].index_after >= 3

    page = client.get(reverse("assessments:period", args=[period.pk])).text
    gap = format_id(Fraction(3) - current)
    assert f'data-testid="target-gap">{gap}<' in page
    assert "7 indikator yang belum bertingkat dihitung pada nilai terendah" in page
    assert build_dashboard(period.instansi).target.current == current
    report = leadership_report(period, date(2026, 12, 6), lambda percent, message: None)
    assert report.target.current == current
