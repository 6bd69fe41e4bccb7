"""A NUL character in a query string is refused with 400: PostgreSQL cannot compare text with
it, so it would otherwise surface as a server error in any filter that reads the query."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(period):
    return [
        reverse("evidence:documents", args=[period.instansi_id]) + "?q=%00",
        reverse("assessments:period", args=[period.pk]) + "?status=a%00",
        reverse("public:national") + "?province=%00&year=2024",
        reverse("registry:results") + "?q=x%00y",
    ]


def test_a_nul_character_in_the_query_answers_400(client, koordinator, pages):
    client.force_login(koordinator)
    for page in pages:
        assert client.get(page).status_code == 400, page


def test_the_same_pages_answer_without_it(client, koordinator, pages):
    client.force_login(koordinator)
    for page in pages:
        assert client.get(page.replace("%00", "")).status_code == 200, page
