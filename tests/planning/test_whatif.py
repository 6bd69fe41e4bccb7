"""The what-if page recomputes on the server, with the scoring engine, and stores nothing."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tera.assessments.models import Answer
from tera.audit.models import AuditEntry
from tera.core.numbers import format_id
from tera.core.scoring import score
from tests.planning.factories import set_levels

pytestmark = pytest.mark.django_db


def whatif(client, period, levels=None, **headers):
    url = reverse("planning:whatif", args=[period.pk])
    if levels is not None:
        url += "?" + urlencode({f"i{number}": level for number, level in levels.items()})
    return client.get(url, **headers)


def test_the_page_starts_from_the_self_assessed_levels(client, period, asesor):
    set_levels(period, {1: 3, 2: 4})
    client.force_login(asesor)
    response = whatif(client, period)
    comparison = response.context["comparison"]
    assert comparison.after.levels == {**{number: 1 for number in range(1, 48)}, 1: 3, 2: 4}
    assert comparison.after == comparison.before
    assert "45 indikator yang belum bertingkat dihitung pada nilai terendah" in response.text


@pytest.mark.parametrize(
    "changes",
    [{11: 4}, {1: 5, 32: 1, 47: 3}, {number: 5 for number in range(1, 48)}],
    ids=["one", "up-and-down", "all-top"],
)
def test_a_change_recomputes_exactly_like_the_scoring_engine(client, period, pimpinan, changes):
    set_levels(period, others=2)
    client.force_login(pimpinan)
    levels = {number: 2 for number in range(1, 48)} | changes
    response = whatif(client, period, levels)
    expected = score(period.definition, levels, period.year)
    assert response.context["comparison"].after == expected
    assert f'data-testid="whatif-index">{format_id(expected.index)}<' in response.text
    assert f'data-testid="whatif-predikat">{expected.predikat}' in response.text


def test_the_change_from_the_basis_is_shown_with_its_sign(client, period, pimpinan):
    set_levels(period, others=1)
    client.force_login(pimpinan)
    levels = {number: 1 for number in range(1, 48)} | {11: 2}
    page = whatif(client, period, levels).text
    assert 'data-testid="whatif-change">+0,03<' in page  # 2.5 / 100 = 0.025, half up


def test_an_empty_choice_counts_the_indicator_at_the_lowest_level(client, period, pimpinan):
    set_levels(period, others=3)
    client.force_login(pimpinan)
    levels = {number: 3 for number in range(2, 48)} | {1: ""}
    comparison = whatif(client, period, levels).context["comparison"]
    assert comparison.after.levels[1] == 1
    assert comparison.after.index < comparison.before.index


def test_htmx_gets_only_the_result_region(client, period, pimpinan):
    client.force_login(pimpinan)
    response = whatif(client, period, {1: 4}, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<section id="whatif-result"')
    assert "<select" not in response.text


def test_the_page_works_without_javascript_through_its_submit_button(client, period, pimpinan):
    client.force_login(pimpinan)
    page = whatif(client, period).text
    assert f'action="{reverse("planning:whatif", args=[period.pk])}"' in page
    assert 'type="submit"' in page


def test_a_level_the_instrument_does_not_have_falls_back_to_the_basis(client, period, pimpinan):
    set_levels(period, {1: 2})
    client.force_login(pimpinan)
    response = whatif(client, period, {1: 9})
    assert response.context["comparison"].after.levels[1] == 2
    assert response.context["form"].errors


def test_trying_levels_stores_nothing(client, period, pimpinan):
    set_levels(period, others=2)
    client.force_login(pimpinan)
    entries = AuditEntry.objects.count()
    whatif(client, period, {number: 5 for number in range(1, 48)})
    assert set(Answer.objects.filter(period=period).values_list("level", flat=True)) == {2}
    assert AuditEntry.objects.count() == entries


def test_an_indicator_left_out_of_the_address_keeps_its_basis_level(client, period, pimpinan):
    set_levels(period, others=2)
    client.force_login(pimpinan)
    levels = whatif(client, period, {42: 5}).context["comparison"].after.levels
    assert levels == {number: 2 for number in range(1, 48)} | {42: 5}
