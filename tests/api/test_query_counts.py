"""The API's lists and the token page run a fixed number of SQL queries, however much data.

The data added is that of tests/assessments/test_query_counts.py: OPD, contributions, answered
indicators, documents with revisions, evidence links, another period, kabupaten with results.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tera.api.actions import create_token
from tests.api.conftest import token_for
from tests.assessments.test_query_counts import LARGE, SMALL, add_data, uncached_get

pytestmark = pytest.mark.django_db


def instansi_documents(period):
    return f"/api/instansi/{period.instansi_id}/documents?limit=500"


# operation: (who calls it, its URL, the most queries on the small world)
OPERATIONS = {
    "periods": ("koordinator", lambda p: "/api/periods", 6),
    "answers": ("koordinator", lambda p: f"/api/periods/{p.pk}/answers?limit=500", 6),
    "answers-opd": ("opd_member", lambda p: f"/api/periods/{p.pk}/answers", 6),
    "contributions": ("koordinator", lambda p: f"/api/periods/{p.pk}/answers/1/contributions", 5),
    "evidence": ("koordinator", lambda p: f"/api/periods/{p.pk}/answers/1/evidence", 6),
    "documents": ("koordinator", instansi_documents, 7),
    "documents-opd": ("opd_member", instansi_documents, 7),
    "score": ("koordinator", lambda p: f"/api/periods/{p.pk}/score", 7),
    "results": ("koordinator", lambda p: "/api/results?limit=500", 4),
    "instruments": ("koordinator", lambda p: "/api/instruments", 4),
}

# Every indicator has its answer from the start, and the instruments and scores do not grow.
FIXED_SIZE = {"answers", "score", "instruments"}


def queries_of(client, url, token):
    """Counted with an empty cache: the most queries a call runs."""
    with CaptureQueriesContext(connection) as queries:
        response = uncached_get(client, url, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.content
    return len(queries), response.json()


def size_of(body):
    return body["count"] if isinstance(body, dict) and "count" in body else len(body)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_api_list_runs_the_same_number_of_queries_on_more_data(
    operation, request, client, period, koordinator, kominfo, django_assert_max_num_queries
):
    persona, url_of, ceiling = OPERATIONS[operation]
    token = token_for(request.getfixturevalue(persona))
    url = url_of(period)
    add_data(period, koordinator, kominfo, SMALL)
    queries_of(client, url, token)  # caches that fill once per process are filled
    with django_assert_max_num_queries(ceiling):
        small, small_body = queries_of(client, url, token)
    add_data(period, koordinator, kominfo, LARGE)
    with django_assert_max_num_queries(small):
        _count, large_body = queries_of(client, url, token)
    if operation not in FIXED_SIZE:
        assert size_of(large_body) > size_of(small_body)


def test_the_token_page_runs_the_same_number_of_queries_with_more_tokens(
    client, koordinator, django_assert_max_num_queries
):
    client.force_login(koordinator)
    create_token(koordinator, name="pertama")
    client.get(reverse("tokens:list"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("tokens:list"))
    for n in range(20):
        create_token(koordinator, name=f"token {n}")
    with django_assert_max_num_queries(len(small)):
        response = client.get(reverse("tokens:list"))
    assert "token 19" in response.text
