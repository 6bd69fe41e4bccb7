"""Lists come in pages: 50 items by default, at most 500, with the total count."""

import pytest

from tera.registry.models import Instansi, OfficialResult
from tests.api.conftest import token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_results(db):
    instansi = Instansi.objects.bulk_create(
        Instansi(name=f"Pemerintah Kabupaten {n:03}", slug=f"kab-{n:03}", kind="kabupaten")
        for n in range(120)
    )
    OfficialResult.objects.bulk_create(
        OfficialResult(instansi=i, year=2024, published_name=i.name, index="2.50") for i in instansi
    )


def test_a_list_gives_50_items_and_the_total_by_default(api, many_results, pimpinan):
    body = api.get("/results", token_for(pimpinan)).json()
    assert (len(body["items"]), body["count"]) == (50, 120)


def test_limit_and_offset_choose_the_page(api, many_results, pimpinan):
    body = api.get("/results", token_for(pimpinan), query={"limit": 30, "offset": 100}).json()
    names = [row["instansi"]["name"] for row in body["items"]]
    assert names == [f"Pemerintah Kabupaten {n:03}" for n in range(100, 120)]


def test_a_limit_of_500_is_allowed(api, many_results, pimpinan):
    body = api.get("/results", token_for(pimpinan), query={"limit": 500}).json()
    assert len(body["items"]) == 120


@pytest.mark.parametrize(
    "query", [{"limit": 501}, {"limit": 0}, {"offset": -1}, {"offset": 1309561990580306968576}]
)
def test_a_limit_or_offset_out_of_range_is_422_naming_it(api, many_results, pimpinan, query):
    response = api.get("/results", token_for(pimpinan), query=query)
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == list(query)
