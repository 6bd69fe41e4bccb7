"""Generated bodies for the API's write operations, sent to a real answer and contribution of
the caller with the version they hold, so that every body reaches the save itself (the generic
test in tests/api meets mostly 404s and 409s there): never a server error, always the schema.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from tera.assessments.models import Answer, Contribution
from tests.api.conftest import OPENAPI_URL, token_for
from tests.api.test_openapi import CHECKS, in_process  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
writes = schemathesis.openapi.from_wsgi(OPENAPI_URL, get_wsgi_application()).include(method="PUT")


def aimed(case, period):
    """Point the case at indicator 1 of the period and its lead contribution, as read now."""
    answer = Answer.objects.get(period=period, indicator=1)
    contribution = Contribution.objects.get(period=period, indicator=1, is_lead=True)
    target = contribution if "contribution_id" in case.path_parameters else answer
    case.path_parameters = {
        **case.path_parameters,
        "period_id": period.pk,
        "indicator": 1,
        "contribution_id": contribution.pk,
    }
    if isinstance(case.body, dict):
        case.body = {**case.body, "version": target.version}
    return case


@writes.parametrize()
@pytest.mark.usefixtures("in_process")
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_bodies_on_real_objects_never_meet_a_server_error(case, period, koordinator):
    aimed(case, period).call_and_validate(
        headers={"Authorization": f"Bearer {token_for(koordinator)}"}, checks=CHECKS
    )


def test_a_nul_character_in_an_answer_is_refused_as_invalid_input(client, period, koordinator):
    """PostgreSQL cannot store it: refused as bad input everywhere, not a database error there."""
    answer = Answer.objects.get(period=period, indicator=1)
    response = client.put(
        f"/api/periods/{period.pk}/answers/1",
        {"version": answer.version, "level": 2, "fakta": "SK\x00Tim", "analisis": ""},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(koordinator)}"},
    )
    assert response.status_code == 422
    answer.refresh_from_db()
    assert answer.fakta == ""


def test_a_nul_character_in_a_results_filter_is_refused_as_invalid_input(client, koordinator):
    response = client.get(
        "/api/results",
        {"province": "Goron\x00talo"},
        headers={"Authorization": f"Bearer {token_for(koordinator)}"},
    )
    assert response.status_code == 422
