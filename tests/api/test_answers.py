"""Answers and contributions through the API follow the indicator page's rules."""

from decimal import Decimal

import pytest

from tera.assessments import actions
from tera.assessments.models import Answer, Contribution
from tera.audit.models import AuditEntry
from tests.api.conftest import token_for

pytestmark = pytest.mark.django_db
ANSWERS = "/periods/{period_id}/answers"
ANSWER = "/periods/{period_id}/answers/{indicator}"
CONTRIBUTIONS = "/periods/{period_id}/answers/{indicator}/contributions"
CONTRIBUTION = "/contributions/{contribution_id}"


def change(version, level=3, fakta="SK Tim SPBE", analisis="Memenuhi tingkat 3", **extra):
    return {"version": version, "level": level, "fakta": fakta, "analisis": analisis, **extra}


def answer(period, number=1):
    return Answer.objects.get(period=period, indicator=number)


def kominfo_contribution(period, kominfo):
    return Contribution.objects.get(period=period, indicator=1, opd=kominfo)


def test_an_opd_member_lists_only_their_opds_indicators(api, period, opd_member):
    response = api.get(ANSWERS, token_for(opd_member), period_id=period.pk)
    assert [a["indicator"] for a in response.json()["items"]] == [1]
    assert response.json()["count"] == 1


def test_a_reader_of_everything_lists_every_indicator(api, period, pimpinan):
    response = api.get(ANSWERS, token_for(pimpinan), period_id=period.pk)
    assert response.json()["count"] == len(period.definition.indicators)


def test_answers_filter_by_status(api, period, koordinator):
    current = answer(period)
    actions.save_answer(
        current, version=current.version, level=2, fakta="F", analisis="A",
        level_source=None, user=koordinator,
    )  # fmt: skip
    actions.submit_answer(current, version=current.version, user=koordinator)
    response = api.get(
        ANSWERS, token_for(koordinator), period_id=period.pk, query={"status": "submitted"}
    )
    assert [a["indicator"] for a in response.json()["items"]] == [1]


def test_an_unknown_status_filter_is_422(api, period, koordinator):
    response = api.get(
        ANSWERS, token_for(koordinator), period_id=period.pk, query={"status": "selesai"}
    )
    assert response.status_code == 422


def test_the_asesor_updates_an_answer_and_it_is_audited(api, period, asesor):
    response = api.put(ANSWER, token_for(asesor), change(1), period_id=period.pk, indicator=1)
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["updated_by"] == "asesor"
    stored = answer(period)
    assert (stored.level, stored.fakta, stored.updated_by) == (3, "SK Tim SPBE", asesor)
    assert AuditEntry.objects.filter(action="answer.save", actor_id=asesor.pk).exists()


def test_a_stale_version_gets_409_with_the_current_answer(api, period, koordinator, asesor):
    api.put(ANSWER, token_for(koordinator), change(1, level=2), period_id=period.pk, indicator=1)
    response = api.put(
        ANSWER, token_for(asesor), change(1, fakta="Versi saya"), period_id=period.pk, indicator=1
    )
    assert response.status_code == 409
    current = response.json()["current"]
    assert (current["version"], current["level"], current["updated_by"]) == (2, 2, "koordinator")
    assert answer(period).fakta == "SK Tim SPBE"


def test_a_submitted_answer_cannot_be_changed_400(api, period, koordinator):
    token = token_for(koordinator)
    api.put(ANSWER, token, change(1), period_id=period.pk, indicator=1)
    actions.submit_answer(answer(period), version=2, user=koordinator)
    response = api.put(ANSWER, token, change(3, level=4), period_id=period.pk, indicator=1)
    assert response.status_code == 400
    assert "revisi" in response.json()["detail"]
    assert answer(period).level == 3


def test_a_level_outside_the_instrument_is_400_with_the_allowed_range(api, period, koordinator):
    response = api.put(
        ANSWER, token_for(koordinator), change(1, level=9), period_id=period.pk, indicator=1
    )
    assert response.status_code == 400
    assert "0" in response.json()["detail"] and "5" in response.json()["detail"]


def test_bad_input_is_422_naming_the_fields(api, period, koordinator):
    body = {"version": 1, "level": "tinggi", "fakta": "F"}
    response = api.put(ANSWER, token_for(koordinator), body, period_id=period.pk, indicator=1)
    assert response.status_code == 422
    fields = {error["loc"][-1] for error in response.json()["detail"]}
    assert fields == {"level", "analisis"}


def test_the_level_source_must_be_a_contribution_to_the_same_indicator(
    api, period, koordinator, bappeda
):
    elsewhere = Contribution.objects.get(period=period, indicator=2, opd=bappeda)
    response = api.put(
        ANSWER, token_for(koordinator), change(1, level_source=elsewhere.pk),
        period_id=period.pk, indicator=1,
    )  # fmt: skip
    assert response.status_code == 400
    assert answer(period).version == 1


def test_the_level_source_is_kept_when_it_is_the_indicators_own(api, period, koordinator, kominfo):
    source = kominfo_contribution(period, kominfo)
    response = api.put(
        ANSWER, token_for(koordinator), change(1, level_source=source.pk),
        period_id=period.pk, indicator=1,
    )  # fmt: skip
    assert response.json()["level_source"] == source.pk


def test_the_pimpinan_cannot_change_an_answer_403(api, period, pimpinan):
    response = api.put(ANSWER, token_for(pimpinan), change(1), period_id=period.pk, indicator=1)
    assert response.status_code == 403
    assert answer(period).version == 1


def test_the_outsider_gets_404_on_another_instansis_answer(api, period, outsider):
    response = api.put(ANSWER, token_for(outsider), change(1), period_id=period.pk, indicator=1)
    assert response.status_code == 404


def test_an_opd_member_reads_every_contribution_of_their_indicator(api, period, opd_member):
    response = api.get(CONTRIBUTIONS, token_for(opd_member), period_id=period.pk, indicator=1)
    assert [(c["opd"]["short_name"], c["is_lead"]) for c in response.json()] == [
        ("Diskominfo", True),
        ("Bappeda", False),
    ]


def test_an_opd_member_updates_their_opds_contribution(api, period, opd_member, kominfo):
    contribution = kominfo_contribution(period, kominfo)
    response = api.put(
        CONTRIBUTION, token_for(opd_member), change(1), contribution_id=contribution.pk
    )
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert (contribution.level, contribution.version) == (3, 2)


def test_an_opd_member_cannot_update_another_opds_contribution_403(
    api, period, other_opd_member, kominfo
):
    contribution = kominfo_contribution(period, kominfo)
    response = api.put(
        CONTRIBUTION, token_for(other_opd_member), change(1), contribution_id=contribution.pk
    )
    assert response.status_code == 403


def test_a_stale_contribution_version_gets_409_with_the_current_one(
    api, period, opd_member, koordinator, kominfo
):
    contribution = kominfo_contribution(period, kominfo)
    api.put(CONTRIBUTION, token_for(koordinator), change(1), contribution_id=contribution.pk)
    response = api.put(
        CONTRIBUTION, token_for(opd_member), change(1, level=1), contribution_id=contribution.pk
    )
    assert response.status_code == 409
    assert response.json()["current"]["version"] == 2
    assert response.json()["current"]["updated_by"] == "koordinator"


def test_a_contribution_to_a_submitted_answer_cannot_change_400(
    api, period, opd_member, koordinator, kominfo
):
    api.put(ANSWER, token_for(koordinator), change(1), period_id=period.pk, indicator=1)
    actions.submit_answer(answer(period), version=2, user=koordinator)
    contribution = kominfo_contribution(period, kominfo)
    response = api.put(
        CONTRIBUTION, token_for(opd_member), change(1), contribution_id=contribution.pk
    )
    assert response.status_code == 400


def test_a_decimal_value_round_trips_as_a_json_number(api, pemdi_2026_period, koordinator):
    token = token_for(koordinator)
    response = api.put(
        ANSWER, token, change(1, level=1.26), period_id=pemdi_2026_period.pk, indicator=1
    )
    assert response.status_code == 200
    assert answer(pemdi_2026_period).level == Decimal("1.26")
    fetched = api.get(ANSWER, token, period_id=pemdi_2026_period.pk, indicator=1)
    assert fetched.json()["level"] == 1.26


def test_a_decimal_outside_the_scale_is_refused_in_indonesian(api, pemdi_2026_period, koordinator):
    response = api.put(
        ANSWER, token_for(koordinator), change(1, level=5.5),
        period_id=pemdi_2026_period.pk, indicator=1,
    )  # fmt: skip
    assert response.status_code == 400
    assert "tidak diizinkan" in response.json()["detail"]
    assert answer(pemdi_2026_period).version == 1


def test_an_sdi_value_through_the_api_is_converted(api, pemdi_2026_period, koordinator):
    response = api.put(
        ANSWER, token_for(koordinator), change(1, level=None, source_value=68.75),
        period_id=pemdi_2026_period.pk, indicator=5,
    )  # fmt: skip
    assert response.status_code == 200
    assert (response.json()["level"], response.json()["source_value"]) == (3.75, 68.75)


def test_spbe_levels_stay_whole_numbers(api, period, koordinator):
    api.put(ANSWER, token_for(koordinator), change(1), period_id=period.pk, indicator=1)
    level = api.get(ANSWER, token_for(koordinator), period_id=period.pk, indicator=1).json()[
        "level"
    ]
    assert level == 3 and isinstance(level, int)
    response = api.put(
        ANSWER, token_for(koordinator), change(2, level=2.5), period_id=period.pk, indicator=1
    )
    assert response.status_code == 400
