"""A visitor finds an instansi by the name they type, however it was written in the report."""

import pytest
from django.urls import reverse

from tera.registry.models import Instansi, InstansiAlias, OfficialResult
from tera.registry.search import instansi_matching, name_matches, search_key

PANGKAL_PINANG = "Pemerintah Kota Pangkal Pinang"


@pytest.mark.parametrize(
    "query",
    ["Pangkalpinang", "pangkal pinang", "PANGKAL-PINANG", "Kota Pangkalpinang", "Pemkot Pangkal"],
)
def test_spaces_case_and_leading_words_do_not_matter(query):
    assert name_matches(query, [PANGKAL_PINANG])


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("kab sampang", "Pemerintah Kab. Sampang"),
        ("Kabupaten Sampang", "Pemerintah Kab. Sampang"),
        ("Kotabaru", "Pemerintah Kabupaten Kotabaru"),
        ("Provinsi Bangka Belitung", "Pemerintah Provinsi Kepulauan Bangka Belitung"),
    ],
)
def test_the_usual_prefixes_and_their_abbreviations_are_left_out(query, name):
    assert name_matches(query, [name])


def test_another_name_does_not_match():
    assert not name_matches("Pangkalan Bun", [PANGKAL_PINANG])


def test_a_search_for_the_leading_words_alone_lists_every_name_with_them():
    assert search_key("Kota") == "kota"
    assert name_matches("Kota", [PANGKAL_PINANG])
    assert name_matches("provinsi", ["Pemerintah Provinsi Gorontalo"])
    assert not name_matches("provinsi", [PANGKAL_PINANG])


@pytest.fixture
def pangkal_pinang(db):
    instansi = Instansi.objects.create(
        name=PANGKAL_PINANG,
        slug="pemerintah-kota-pangkal-pinang",
        kind="kota",
        province="Kepulauan Bangka Belitung",
    )
    OfficialResult.objects.create(
        instansi=instansi, year=2024, published_name=PANGKAL_PINANG, index="3.81",
        predikat="Sangat Baik", kebijakan="4.70", tata_kelola="3.50", manajemen="1.27",
        layanan="4.64",
    )  # fmt: skip
    return instansi


@pytest.fixture
def ntt(db):
    instansi = Instansi.objects.create(
        name="Pemerintah Provinsi Nusa Tenggara Timur", slug="prov-ntt", kind="provinsi"
    )
    InstansiAlias.objects.create(instansi=instansi, name="Pemerintah Provinsi NTT")
    return instansi


def test_an_alias_finds_its_instansi(pangkal_pinang, ntt):
    assert instansi_matching("NTT") == {ntt.pk}
    assert instansi_matching("pangkalpinang") == {pangkal_pinang.pk}


def test_the_national_page_finds_pangkalpinang(client, pangkal_pinang):
    response = client.get(reverse("public:national"), {"year": 2024, "q": "Pangkalpinang"})
    assert response.status_code == 200
    link = 'href="/publik/instansi/pemerintah-kota-pangkal-pinang/"'
    assert "3,81" in response.text
    assert "tidak ditemukan" not in response.text
    # What was searched for comes first, above the averages of every type.
    assert response.text.index(link) < response.text.index('id="averages-heading"')


def test_the_national_page_says_when_nothing_is_found(client, pangkal_pinang):
    response = client.get(reverse("public:national"), {"year": 2024, "q": "Atlantis"})
    assert response.status_code == 200
    assert "Instansi “Atlantis” tidak ditemukan untuk tahun 2024" in response.text
    assert "pemerintah-kota-pangkal-pinang" not in response.text


def test_the_results_table_follows_the_query(client, pangkal_pinang, ntt):
    OfficialResult.objects.create(
        instansi=ntt, year=2024, published_name="Pemerintah Provinsi NTT", index="2.50",
        predikat="Baik", kebijakan="2.50", tata_kelola="2.50", manajemen="2.50", layanan="2.50",
    )  # fmt: skip
    found = client.get(reverse("registry:results"), {"q": "pangkal pinang"})
    assert 'href="/publik/instansi/pemerintah-kota-pangkal-pinang/"' in found.text
    assert "prov-ntt" not in found.text
    missing = client.get(reverse("registry:results"), {"q": "Atlantis"})
    assert "Instansi “Atlantis” tidak ditemukan dalam hasil resmi" in missing.text
