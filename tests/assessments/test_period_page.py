"""The period page: its links grouped under headings, and the one next step as primary button."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from tera.assessments import actions, periods
from tera.assessments.models import Answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def page_of(client, user, period):
    client.force_login(user)
    return client.get(reverse("assessments:period", args=[period.pk])).text


def primary(text):
    """The labels of the primary buttons and button-styled links of the page."""
    found = re.findall(r'class="(?:button )?primary"[^>]*>([^<]+)<', text)
    return [label.strip() for label in found]


def answered(period, user, number=1):
    answer = Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=number
    )
    return actions.save_answer(
        answer, version=answer.version, level=2, fakta="SK", analisis="Tingkat 2",
        level_source=None, user=user,
    )  # fmt: skip


def test_the_links_sit_under_short_headings(client, english, koordinator, period):
    text = page_of(client, koordinator, period)
    links = text[text.index('data-testid="period-links"') :]
    for heading in ("Assessment", "Evidence (data dukung)", "Planning", "Downloads"):
        assert f'<h2 class="label">{heading}</h2>' in links
    assert links.index("After the submission") < links.index("External stages")
    assert links.index("Planning") < links.index("Target and plan") < links.index("Downloads")


def test_a_new_period_leads_to_the_assignments(client, english, koordinator, period):
    assert primary(page_of(client, koordinator, period)) == ["Assign the indicators to OPD"]


def test_with_answered_drafts_the_next_step_is_to_submit_them_not_to_lock(
    client, english, koordinator, period
):
    answered(period, koordinator)
    text = page_of(client, koordinator, period)
    assert primary(text) == ["Finish and submit the answered drafts"]
    assert '<button type="submit">Lock for submission</button>' in text


def test_a_submitted_answer_makes_reviewing_the_next_step(
    client, english, koordinator, asesor, period
):
    answer = answered(period, koordinator)
    actions.submit_answer(answer, version=answer.version, user=koordinator)
    assert primary(page_of(client, asesor, period)) == ["Review the submitted answers"]


def test_when_every_answer_is_accepted_locking_is_the_next_step(
    client, english, koordinator, asesor, period
):
    answer = answered(period, koordinator)
    answer = actions.submit_answer(answer, version=answer.version, user=koordinator)
    actions.accept_answer(
        answer, version=answer.version, reviewer_level=None, comment="", user=asesor
    )
    assert primary(page_of(client, koordinator, period)) == ["Lock for submission"]


def test_the_page_says_the_berita_acara_comes_after_the_lock(client, english, koordinator, period):
    text = page_of(client, koordinator, period)
    assert "Berita Acara: appears once the period is locked" in text
    assert 'data-testid="berita-acara-pdf"' not in text


def test_a_locked_period_offers_the_berita_acara_as_the_next_step(
    client, english, koordinator, asesor, period
):
    answer = answered(period, koordinator)
    answer = actions.submit_answer(answer, version=answer.version, user=koordinator)
    actions.accept_answer(
        answer, version=answer.version, reviewer_level=None, comment="", user=asesor
    )
    periods.lock_period(period, user=koordinator)
    text = page_of(client, koordinator, period)
    assert primary(text) == ["Berita Acara, ready to sign (PDF)"]
    assert "Lock for submission" not in text


def test_an_opd_member_gets_no_next_step(client, english, opd_member, period):
    text = page_of(client, opd_member, period)
    assert 'data-testid="next-step"' not in text
    assert "Action plan" in text


def indicator_row(text, number):
    """The table row of one indicator."""
    start = text.index(f'<td class="num">{number}</td>')
    return text[start : text.index("</tr>", start)]


def test_the_cached_table_follows_a_changed_answer_assignment_and_language(
    client, koordinator, kominfo, period
):
    before = indicator_row(page_of(client, koordinator, period), 3)
    assert '<td class="num">–</td>' in before and "belum ditugaskan" in before
    answered(period, koordinator, number=3)
    actions.assign_opd(period, 3, kominfo, lead=True, user=koordinator)
    after = indicator_row(page_of(client, koordinator, period), 3)
    assert '<td class="num">2</td>' in after
    assert "<strong>Diskominfo</strong>" in after and "belum ditugaskan" not in after
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Draft" in indicator_row(page_of(client, koordinator, period), 3)


def table_of(text):
    start = text.index('<div id="indicator-table"')
    return text[start : text.index("</table>", start)]


def test_the_table_from_the_cache_is_the_table_drawn_afresh(client, koordinator, period):
    drawn = table_of(page_of(client, koordinator, period))
    cache.clear()
    assert table_of(page_of(client, koordinator, period)) == drawn
    assert drawn.count("<tr>") == len(period.definition.indicators) + 1
