"""The indicator page: inline saving, conflicts between two people, and the scores it shows."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from tera.assessments import actions
from tera.assessments.models import Answer, Contribution
from tera.core.numbers import format_id
from tera.core.scoring import score
from tera.errors import Conflict

pytestmark = pytest.mark.django_db


def indicator_url(period, number):
    return reverse("assessments:indicator", args=[period.pk, number])


def save_url(period, number):
    return reverse("assessments:answer_save", args=[period.pk, number])


def answer_post(version, level, fakta, analisis="Memenuhi kriteria"):
    return {
        "answer-version": version,
        "answer-level": level,
        "answer-fakta": fakta,
        "answer-analisis": analisis,
        "answer-level_source": "",
    }


def test_the_level_choice_shows_each_levels_criterion(client, koordinator, period):
    client.force_login(koordinator)
    response = client.get(indicator_url(period, 1))
    criterion = period.definition.indicator_by_number[1].criteria[3]
    assert response.status_code == 200
    assert criterion in response.text
    assert 'name="answer-level"' in response.text


def test_saving_with_htmx_returns_only_the_indicator_body_and_signals_new_scores(
    client, koordinator, period
):
    client.force_login(koordinator)
    response = client.post(
        save_url(period, 1), answer_post(1, 3, "Perwali 12/2023"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="indicator-body">')
    assert "<html" not in response.text
    assert response["HX-Trigger"] == "scores-changed"
    assert Answer.objects.get(period=period, indicator=1).level == 3


def test_a_plain_form_post_redirects_back_to_the_indicator(client, koordinator, period):
    client.force_login(koordinator)
    response = client.post(save_url(period, 1), answer_post(1, 3, "Perwali 12/2023"))
    assert response.status_code == 302
    assert response["Location"] == indicator_url(period, 1)


def test_the_second_of_two_saves_from_the_same_version_gets_a_conflict_with_the_other_text(
    client, koordinator, asesor, period
):
    client.force_login(koordinator)
    client.post(save_url(period, 1), answer_post(1, 3, "Versi koordinator"))
    client.force_login(asesor)
    response = client.post(save_url(period, 1), answer_post(1, 4, "Versi asesor"))
    assert response.status_code == 409
    assert "Versi koordinator" in response.text  # the other person's version is shown
    assert "Versi asesor" in response.text  # and the second person's text is kept in the form
    answer = Answer.objects.get(period=period, indicator=1)
    assert (answer.level, answer.fakta, answer.version) == (3, "Versi koordinator", 2)


def test_after_a_conflict_saving_again_deliberately_replaces_the_other_version(
    client, koordinator, asesor, period
):
    client.force_login(koordinator)
    client.post(save_url(period, 1), answer_post(1, 3, "Versi koordinator"))
    client.force_login(asesor)
    client.post(save_url(period, 1), answer_post(1, 4, "Versi asesor"))
    response = client.post(save_url(period, 1), answer_post(2, 4, "Versi asesor"))
    assert response.status_code == 302
    assert Answer.objects.get(period=period, indicator=1).fakta == "Versi asesor"


def test_two_opd_members_saving_one_contribution_conflict_too(
    client, koordinator, opd_member, period, kominfo
):
    contribution = Contribution.objects.get(period=period, indicator=1, opd=kominfo)
    url = reverse("assessments:contribution_save", args=[contribution.pk])
    prefix = f"c{contribution.pk}"
    data = {
        f"{prefix}-version": 1,
        f"{prefix}-level": 2,
        f"{prefix}-fakta": "A",
        f"{prefix}-analisis": "",
    }
    client.force_login(opd_member)
    assert client.post(url, data).status_code == 302
    client.force_login(koordinator)
    response = client.post(url, {**data, f"{prefix}-fakta": "B"})
    assert response.status_code == 409
    assert Contribution.objects.get(pk=contribution.pk).fakta == "A"


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_two_threads_never_both_win(koordinator, asesor, period):
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, text):
        answer = Answer.objects.select_related("period__instansi", "period__instrument").get(
            period=period, indicator=1
        )
        barrier.wait()
        try:
            actions.save_answer(
                answer, version=1, level=3, fakta=text, analisis="", level_source=None, user=user
            )
            outcomes.append(("saved", text))
        except Conflict:
            outcomes.append(("conflict", text))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(koordinator, "satu")),
        threading.Thread(target=save, args=(asesor, "dua")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _text in outcomes) == ["conflict", "saved"]
    winner = next(text for kind, text in outcomes if kind == "saved")
    answer = Answer.objects.get(period=period, indicator=1)
    assert (answer.fakta, answer.version) == (winner, 2)


def test_the_period_page_shows_the_engines_provisional_index(client, pimpinan, koordinator, period):
    for number, level in ((1, 3), (2, 4), (11, 2)):
        answer = Answer.objects.select_related("period__instansi", "period__instrument").get(
            period=period, indicator=number
        )
        actions.save_answer(
            answer,
            version=1,
            level=level,
            fakta="",
            analisis="",
            level_source=None,
            user=koordinator,
        )
    expected = score(period.definition, {1: 3, 2: 4, 11: 2}, period.year)
    client.force_login(pimpinan)
    response = client.get(reverse("assessments:period", args=[period.pk]))
    assert f'data-testid="period-index">{format_id(expected.index)}<' in response.text
    assert expected.predikat in response.text


def test_the_period_summary_counts_every_answer_whatever_the_table_shows(
    client, settings, koordinator, period
):
    answer = Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=1
    )
    actions.save_answer(
        answer, version=1, level=3, fakta="", analisis="", level_source=None, user=koordinator
    )
    expected = score(period.definition, {1: 3}, period.year)
    client.force_login(koordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("assessments:period", args=[period.pk])
    for status in ("", "accepted"):
        text = client.get(url, {"status": status}).text
        assert "1 of 47 indicators answered" in text
        assert f'data-testid="period-index">{format_id(expected.index)}<' in text


def test_an_opd_member_sees_only_the_indicators_of_the_opd_on_the_period_page(
    client, other_opd_member, period
):
    client.force_login(other_opd_member)
    response = client.get(reverse("assessments:period", args=[period.pk]))
    assert indicator_url(period, 1) in response.text
    assert indicator_url(period, 2) in response.text
    assert indicator_url(period, 3) not in response.text
    assert 'data-testid="period-index"' not in response.text


def evidence_forms(client, period, number, **headers):
    return client.get(indicator_url(period, number), {"part": "evidence"}, **headers)


def test_the_evidence_forms_are_drawn_only_when_asked_for(client, koordinator, period):
    client.force_login(koordinator)
    page = client.get(indicator_url(period, 1)).text
    assert 'data-testid="open-evidence-forms"' in page
    assert 'name="upload-title"' not in page and 'name="cite-document"' not in page
    opened = evidence_forms(client, period, 1).text
    assert 'name="upload-title"' in opened and 'name="cite-document"' in opened
    assert 'data-testid="open-evidence-forms"' not in opened


def test_htmx_gets_only_the_evidence_section_with_its_forms(client, koordinator, period):
    client.force_login(koordinator)
    response = evidence_forms(client, period, 1, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<section class="card" id="add-evidence"')
    assert 'name="upload-title"' in response.text and 'name="cite-document"' in response.text
    assert 'id="indicator-body"' not in response.text


def test_who_may_not_add_evidence_gets_no_forms_by_asking(client, pimpinan, period):
    client.force_login(pimpinan)
    assert 'data-testid="open-evidence-forms"' not in client.get(indicator_url(period, 1)).text
    page = evidence_forms(client, period, 1)
    assert page.status_code == 200
    assert 'id="add-evidence"' not in page.text and 'name="upload-title"' not in page.text
    fragment = evidence_forms(client, period, 1, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and fragment.text.strip() == ""


def test_a_refused_upload_shows_the_forms_again_with_the_reason(client, koordinator, period):
    client.force_login(koordinator)
    url = reverse("evidence:upload_for_answer", args=[period.pk, 1])
    response = client.post(url, {"upload-title": "", "upload-category": "reviu"})
    assert response.status_code == 400
    assert 'name="upload-title"' in response.text and 'class="errorlist' in response.text


def test_the_reviewers_note_sits_beside_the_revision_badge(client, koordinator, asesor, period):
    answer = Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=1
    )
    answer = actions.save_answer(
        answer, version=answer.version, level=2, fakta="SK", analisis="Tingkat 2",
        level_source=None, user=koordinator,
    )  # fmt: skip
    answer = actions.submit_answer(answer, version=answer.version, user=koordinator)
    actions.request_revision(
        answer, version=answer.version, comment="Lampirkan SK yang ditandatangani.", user=asesor
    )
    client.force_login(koordinator)
    page = client.get(indicator_url(period, 1)).text
    heading = page.index('id="answer-heading"')
    note = page.index("Lampirkan SK yang ditandatangani.")
    assert heading < note < page.index('class="facts"')
