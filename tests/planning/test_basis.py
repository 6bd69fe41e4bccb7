"""Plans start from the official levels once the external assessors scored, else the answers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tera.assessments.models import StageScore
from tera.planning.basis import basis_levels
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
    assert response.context["comparison"].before.levels == {1: 4}
