"""The API's answers, score and official results come from the cache until what they show
changes, and a token's owner never gets what was computed for other rights or other pages."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tera.assessments import actions
from tera.registry.models import OfficialResult
from tests.api.conftest import token_for
from tests.assessments.test_self_review import submitted

pytestmark = pytest.mark.django_db

ANSWERS = "/periods/{period_id}/answers"
SCORE = "/periods/{period_id}/score"


def answers(api, user, period, **query):
    response = api.call("GET", ANSWERS, token=token_for(user), query=query, period_id=period.pk)
    assert response.status_code == 200
    return response.json()


def save_level(period, number, level, user, fakta=""):
    answer = period.answers.select_related("period__instansi", "period__instrument").get(
        indicator=number
    )
    actions.save_answer(
        answer, version=answer.version, level=level, fakta=fakta, analisis="",
        level_source=None, user=user,
    )  # fmt: skip


def test_a_repeated_call_answers_the_same_with_fewer_queries(api, period, koordinator):
    token = token_for(koordinator)
    with CaptureQueriesContext(connection) as first_queries:
        first = api.get(ANSWERS, token, period_id=period.pk)
    with CaptureQueriesContext(connection) as second_queries:
        second = api.get(ANSWERS, token, period_id=period.pk)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "application/json; charset=utf-8"
    assert len(second_queries) < len(first_queries)


def test_a_listed_answer_is_the_one_the_single_answer_call_sends(api, period, koordinator):
    save_level(period, 1, 3, koordinator, fakta="Perwali 12/2025 terbit")
    token = token_for(koordinator)
    answers(api, koordinator, period)
    listed = answers(api, koordinator, period)["items"][0]
    single = api.get(ANSWERS + "/{indicator}", token, indicator=1, period_id=period.pk).json()
    assert listed == single


def test_a_saved_answer_shows_in_the_next_list_and_score(api, period, koordinator):
    token = token_for(koordinator)
    answers(api, koordinator, period)
    before = api.get(SCORE, token, period_id=period.pk).json()
    save_level(period, 1, 4, koordinator, fakta="Perwali 12/2025 terbit")
    first = answers(api, koordinator, period)["items"][0]
    after = api.get(SCORE, token, period_id=period.pk).json()
    assert first["fakta"] == "Perwali 12/2025 terbit"
    assert before["self_assessed"]["index"] is None
    assert after["self_assessed"]["coverage"] != before["self_assessed"]["coverage"]


def test_an_opd_member_never_gets_the_list_made_for_the_koordinator(
    api, period, koordinator, opd_member
):
    assert answers(api, koordinator, period)["count"] == 47
    mine = answers(api, opd_member, period)
    assert [item["indicator"] for item in mine["items"]] == [1]


def test_pages_and_filters_are_not_shared(api, period, koordinator):
    submitted(period, koordinator, number=2)
    first_page = answers(api, koordinator, period, limit=2)
    second_page = answers(api, koordinator, period, limit=2, offset=2)
    only_submitted = answers(api, koordinator, period, status="submitted")
    assert [item["indicator"] for item in first_page["items"]] == [1, 2]
    assert [item["indicator"] for item in second_page["items"]] == [3, 4]
    assert [item["indicator"] for item in only_submitted["items"]] == [2]


@pytest.fixture
def result_2024(kota):
    return OfficialResult.objects.create(
        instansi=kota, year=2024, published_name=kota.name, index=Decimal("2.63"), predikat="Baik"
    )


def test_official_results_follow_a_corrected_result_at_once(api, result_2024, pimpinan):
    token = token_for(pimpinan)
    query = {"year": 2024}
    first = api.call("GET", "/results", token=token, query=query).json()
    result_2024.index = Decimal("2.71")
    result_2024.save()
    second = api.call("GET", "/results", token=token, query=query).json()
    other_year = api.call("GET", "/results", token=token, query={"year": 2023}).json()
    assert [row["index"] for row in first["items"]] == ["2.63"]
    assert [row["index"] for row in second["items"]] == ["2.71"]
    assert other_year["count"] == 0
