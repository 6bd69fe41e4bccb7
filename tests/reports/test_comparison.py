"""The provincial comparison: Gorontalo against the official registry, and a small Tera world
for the heatmap, the weak indicators and who sees which levels."""

import io
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tera.organizations.models import Membership
from tera.registry.importer import import_results
from tera.registry.models import Instansi, NationalAverage, OfficialResult
from tera.reports.actions import publish_period
from tera.reports.comparison import comparison_context
from tests.conftest import member
from tests.reports.publication_helpers import levels_with, official_period, self_assessed_period

pytestmark = pytest.mark.django_db
Role = Membership.Role

# The official 2024 figures of Gorontalo: index, predikat, and the four domains.
GORONTALO_2024 = {
    "pemerintah-provinsi-gorontalo": ("4,13", "Sangat Baik", ("5,00", "4,00", "3,09", "4,33")),
    "pemerintah-kab-boalemo": ("2,40", "Cukup", ("2,00", "1,60", "1,27", "3,37")),
    "pemerintah-kab-bone-bolango": ("3,00", "Baik", ("3,70", "2,00", "1,36", "3,95")),
    "pemerintah-kab-gorontalo": ("2,68", "Baik", ("2,60", "2,40", "1,27", "3,37")),
    "pemerintah-kab-gorontalo-utara": ("2,89", "Baik", ("3,10", "2,60", "1,55", "3,48")),
    "pemerintah-kab-pohuwato": ("2,52", "Cukup", ("1,60", "1,40", "1,00", "3,94")),
    "pemerintah-kota-gorontalo": ("2,82", "Baik", ("3,10", "2,40", "1,00", "3,63")),
}


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    # Importing once per module keeps the suite fast; everything is removed afterwards.
    with django_db_blocker.unblock():
        import_results()
        yield
        Instansi.objects.all().delete()
        NationalAverage.objects.all().delete()


@pytest.fixture(autouse=True)
def english(client, settings):
    """Labels are checked as written in the code; the Indonesian catalogue may change."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def gorontalo(client, year=2024, **extra):
    return client.get(reverse("public:province", args=["gorontalo"]), {"year": year}, **extra)


def row_of(text, slug):
    """The HTML of one instansi's row in the results table."""
    start = text.index(f'data-instansi="{slug}"')
    return text[start : text.index("</tr>", start)]


def context(year=2024, user=None):
    return comparison_context("Gorontalo", year, user or AnonymousUser())


def row_named(rows, slug):
    return next(row for row in rows if row.instansi.slug == slug)


def test_gorontalo_2024_shows_every_kab_kota_and_the_province(client, imported):
    text = gorontalo(client).text
    assert sorted(re.findall(r'data-instansi="([^"]+)"', text)) == sorted(GORONTALO_2024)


@pytest.mark.parametrize("slug", sorted(GORONTALO_2024))
def test_gorontalo_2024_rows_equal_the_official_registry_figures(client, imported, slug):
    index, predikat, domains = GORONTALO_2024[slug]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row_of(gorontalo(client).text, slug))
    assert cells[:5] == [index, *domains]
    assert f"<td>{predikat}" in row_of(gorontalo(client).text, slug)


def test_the_context_keeps_the_registry_index_exactly_as_published(imported):
    rows = context()["rows"]
    figures = row_named(rows, "pemerintah-provinsi-gorontalo").figures
    assert figures.index == Decimal("4.13") and figures.from_registry
    assert figures.domains == (Decimal("5.00"), Decimal("4.00"), Decimal("3.09"), Decimal("4.33"))


def test_the_province_row_comes_first(imported):
    assert context()["rows"][0].instansi.slug == "pemerintah-provinsi-gorontalo"


def test_change_since_2023(imported):
    rows = context()["rows"]
    changes = {row.instansi.slug: row.change for row in rows}
    assert changes["pemerintah-provinsi-gorontalo"] == Fraction("0.91")
    assert changes["pemerintah-kab-boalemo"] == Fraction("0.38")
    assert changes["pemerintah-kab-gorontalo"] == 0
    assert changes["pemerintah-kota-gorontalo"] == Fraction("0.23")


def test_the_page_shows_the_change_with_its_sign(client, imported):
    text = gorontalo(client).text
    assert '<td class="num">+0,38</td>' in row_of(text, "pemerintah-kab-boalemo")
    assert '<td class="num">0,00</td>' in row_of(text, "pemerintah-kab-gorontalo")


def test_2023_has_no_change_without_a_2022_result(imported):
    assert all(row.change is None for row in context(2023)["rows"])


def test_the_gap_of_each_kab_kota_to_the_province(client, imported):
    rows = context()["rows"]
    assert row_named(rows, "pemerintah-kab-boalemo").gap == Fraction("-1.73")
    assert row_named(rows, "pemerintah-kab-bone-bolango").gap == Fraction("-1.13")
    assert row_named(rows, "pemerintah-provinsi-gorontalo").gap is None
    assert '<td class="num">-1,73</td>' in row_of(gorontalo(client).text, "pemerintah-kab-boalemo")


def test_the_spread_of_the_kab_kota(imported):
    spread = context()["spread"]
    assert spread.count == 6
    assert spread.lowest.instansi.slug == "pemerintah-kab-boalemo"
    assert spread.highest.instansi.slug == "pemerintah-kab-bone-bolango"
    assert spread.width == Fraction("0.60")
    assert spread.mean == Fraction("16.31") / 6
    assert spread.province_index == Fraction("4.13")


def test_the_page_shows_the_spread(client, imported):
    text = gorontalo(client).text
    spread = text[text.index('data-testid="comparison-spread"') :]
    assert "<dd>2,72</dd>" in spread and "<dd>0,60</dd>" in spread


def test_the_ranking_of_the_kab_kota(imported):
    ranking = [(row.rank, row.instansi.slug) for row in context()["ranking"]]
    assert ranking == [
        (1, "pemerintah-kab-bone-bolango"),
        (2, "pemerintah-kab-gorontalo-utara"),
        (3, "pemerintah-kota-gorontalo"),
        (4, "pemerintah-kab-gorontalo"),
        (5, "pemerintah-kab-pohuwato"),
        (6, "pemerintah-kab-boalemo"),
    ]


def test_equal_indices_share_a_rank(imported):
    OfficialResult.objects.filter(instansi__slug="pemerintah-kab-gorontalo", year=2024).update(
        index=Decimal("2.89")
    )
    ranks = {row.instansi.slug: row.rank for row in context()["ranking"]}
    assert ranks["pemerintah-kab-gorontalo-utara"] == ranks["pemerintah-kab-gorontalo"] == 2
    assert ranks["pemerintah-kota-gorontalo"] == 4


def test_a_flagged_registry_row_is_shown_flagged(client, imported):
    OfficialResult.objects.filter(instansi__slug="pemerintah-kab-pohuwato", year=2024).update(
        problems=["indeks tidak sesuai dengan domain"]
    )
    row = row_of(gorontalo(client).text, "pemerintah-kab-pohuwato")
    assert 'class="badge badge-warn"' in row and "indeks tidak sesuai dengan domain" in row


def test_the_years_are_those_of_the_registry_latest_first(imported):
    assert context()["years"] == [2024, 2023]


def test_without_a_year_the_page_shows_the_latest(client, imported):
    response = client.get(reverse("public:province", args=["gorontalo"]))
    assert "Results 2024" in response.text and "Change since 2023" in response.text


def test_the_province_name_redirects_to_its_slug(client, imported):
    response = client.get("/provinsi/Gorontalo/", {"year": 2023})
    assert response.status_code == 302
    assert response["Location"] == "/provinsi/gorontalo/?year=2023"


def test_an_unknown_province_is_404(client, imported):
    assert client.get(reverse("public:province", args=["atlantis"])).status_code == 404


def test_a_year_without_results_is_404(client, imported):
    assert gorontalo(client, year=2019).status_code == 404
    assert gorontalo(client, year="dua").status_code == 404


def test_htmx_gets_only_the_comparison(client, imported):
    response = gorontalo(client, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<div id="comparison"')
    assert "<html" not in response.text


@pytest.fixture
def boalemo_koordinator(imported):
    instansi = Instansi.objects.get(slug="pemerintah-kab-boalemo")
    return member("koordinator-boalemo", instansi, Role.KOORDINATOR)


def published_in_tera(koordinator, instrument, year, levels):
    instansi = Instansi.objects.get(slug="pemerintah-kab-boalemo")
    period = official_period(instansi, koordinator, instrument, levels, year=year)
    publish_period(period, user=koordinator)
    return period


def test_a_published_period_adds_its_year(imported, boalemo_koordinator, spbe_2020_version):
    published_in_tera(boalemo_koordinator, spbe_2020_version, 2025, levels_with(3, 2, every=5))
    assert context()["years"] == [2025, 2024, 2023]


def test_a_published_result_counts_from_the_registry_year_before(
    imported, boalemo_koordinator, spbe_2020_version
):
    published_in_tera(boalemo_koordinator, spbe_2020_version, 2025, levels_with(3, 2, every=5))
    row = row_named(context(2025)["rows"], "pemerintah-kab-boalemo")
    assert not row.figures.from_registry
    assert row.change == Fraction(row.figures.index) - Fraction("2.40")


def test_the_registry_figure_wins_over_a_published_one_of_the_same_year(
    client, imported, boalemo_koordinator, spbe_2020_version
):
    published_in_tera(boalemo_koordinator, spbe_2020_version, 2024, levels_with(3, 2, every=5))
    row = row_named(context()["rows"], "pemerintah-kab-boalemo")
    assert row.figures.index == Decimal("2.40") and row.result.tera is not None
    assert "Also published in Tera" in row_of(gorontalo(client).text, "pemerintah-kab-boalemo")


def test_the_workbook_holds_the_rows_as_numbers(client, imported):
    url = reverse("public:province_workbook", args=["gorontalo"])
    response = client.get(url, {"year": 2024})
    assert response["Content-Disposition"].endswith('"perbandingan-gorontalo-2024.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    boalemo = rows["Pemerintah Kab. Boalemo"]
    assert boalemo[2:8] == (2.4, "Cukup", 2, 1.6, 1.27, 3.37)
    assert boalemo[8] == pytest.approx(0.38) and boalemo[9] == pytest.approx(-1.73)
    assert boalemo[10] == 6
    assert rows["Pemerintah Provinsi Gorontalo"][2] == 4.13


def test_the_page_query_count_does_not_grow_with_the_province(client, imported):
    with CaptureQueriesContext(connection) as small:
        gorontalo(client)
    # East Java has 38 kab/kota against Gorontalo's 6.
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("public:province", args=["jawa-timur"]), {"year": 2024})
    assert len(large) <= len(small) <= 12


# A province of its own for the Tera levels: one kabupaten published, one kota with an official
# result not published, one kabupaten that has only self-assessed.

PUBLISHED_LEVELS = {**dict.fromkeys(range(1, 48), 3), 5: 1, 9: 2}
OFFICIAL_LEVELS = {**dict.fromkeys(range(1, 48), 3), 5: 1, 9: 1}
SELF_LEVELS = {**dict.fromkeys(range(1, 48), 4), 5: 2}


@pytest.fixture
def uji(db, spbe_2020_version):
    places = {
        "provinsi": "Pemerintah Provinsi Uji",
        "published": "Pemerintah Kab. Satu Uji",
        "official": "Pemerintah Kota Dua Uji",
        "self": "Pemerintah Kab. Tiga Uji",
    }
    kinds = {
        "provinsi": "provinsi",
        "published": "kabupaten",
        "official": "kota",
        "self": "kabupaten",
    }
    found = {
        key: Instansi.objects.create(name=name, slug=key + "-uji", kind=kinds[key], province="Uji")
        for key, name in places.items()
    }
    koordinators = {
        key: member(f"koordinator-{key}-uji", found[key], Role.KOORDINATOR) for key in places
    }
    published = official_period(
        found["published"], koordinators["published"], spbe_2020_version, PUBLISHED_LEVELS
    )
    publish_period(published, user=koordinators["published"])
    official_period(found["official"], koordinators["official"], spbe_2020_version, OFFICIAL_LEVELS)
    self_assessed_period(found["self"], koordinators["self"], spbe_2020_version, SELF_LEVELS)
    return found


@pytest.fixture
def uji_coordinator(uji):
    return member("pengampu-provinsi-uji", uji["provinsi"], Role.PROVINSI)


def heatmap_rows(user):
    (heatmap,) = comparison_context("Uji", 2025, user)["heatmaps"]
    return {row.instansi.slug: row for row in heatmap.rows}


def test_a_visitor_sees_only_the_published_levels(uji):
    rows = heatmap_rows(AnonymousUser())
    assert list(rows) == ["published-uji"]
    assert rows["published-uji"].source == "published"


def test_the_heatmap_row_holds_each_indicator_level(uji):
    cells = heatmap_rows(AnonymousUser())["published-uji"].cells
    assert cells[4] == 1 and cells[8] == 2 and cells[0] == 3 and len(cells) == 47


def test_the_provincial_coordinator_also_sees_unpublished_levels_marked(uji, uji_coordinator):
    rows = heatmap_rows(uji_coordinator)
    sources = {slug: row.source for slug, row in rows.items()}
    assert sources == {"published-uji": "published", "official-uji": "official", "self-uji": "self"}


def test_the_coordinator_page_marks_the_self_assessed_row(client, uji, uji_coordinator):
    client.force_login(uji_coordinator)
    text = client.get(reverse("public:province", args=["uji"])).text
    assert 'data-source="self"' in text and "self-assessed" in text
    assert "Pemerintah Kab. Tiga Uji" in text


def test_an_outsider_sees_none_of_the_unpublished_detail(client, uji, outsider):
    client.force_login(outsider)
    text = client.get(reverse("public:province", args=["uji"])).text
    assert "Pemerintah Kota Dua Uji" not in text and "Pemerintah Kab. Tiga Uji" not in text
    assert 'data-source="official"' not in text and 'data-source="self"' not in text


def test_the_weakest_indicators_across_the_province(uji, uji_coordinator):
    (heatmap,) = comparison_context("Uji", 2025, uji_coordinator)["heatmaps"]
    first, second = heatmap.weak[:2]
    assert (first.indicator.number, first.mean, first.count, first.self_assessed) == (
        5, Fraction(4, 3), 3, 1,
    )  # fmt: skip
    assert (second.indicator.number, second.mean, second.count) == (9, Fraction(7, 3), 3)


def test_a_visitor_sees_the_weakest_of_the_published_levels(uji):
    (heatmap,) = comparison_context("Uji", 2025, AnonymousUser())["heatmaps"]
    assert [(weak.indicator.number, weak.mean) for weak in heatmap.weak[:2]] == [(5, 1), (9, 2)]


def test_the_heatmap_query_count_does_not_grow_with_periods(
    client, uji, uji_coordinator, spbe_2020_version
):
    client.force_login(uji_coordinator)
    url = reverse("public:province", args=["uji"])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for number in range(3):
        kota = Instansi.objects.create(
            name=f"Pemerintah Kota Uji {number}", slug=f"kota-uji-{number}", kind="kota",
            province="Uji",
        )  # fmt: skip
        koordinator = member(f"koordinator-kota-uji-{number}", kota, Role.KOORDINATOR)
        period = official_period(kota, koordinator, spbe_2020_version, OFFICIAL_LEVELS)
        if number:
            publish_period(period, user=koordinator)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert "Pemerintah Kota Uji 0" in response.text
    assert len(large) <= len(small)


# The national view of every instansi by type.


def national(client, **params):
    return client.get(reverse("public:national"), params)


def listed(text):
    return re.findall(r'<th scope="row"><a href="/publik/instansi/([^/]+)/">', text)


def test_the_national_view_opens_on_the_latest_year_with_a_national_average(client, imported):
    text = national(client).text
    assert '<option value="2024" selected>' in text
    assert "615 instansi" in text


def test_the_type_filter_lists_every_kota_of_the_year(client, imported):
    text = national(client, year=2024, kind="kota").text
    assert "93 instansi" in text
    assert len(listed(text)) == 50  # the first page


def test_the_second_page_holds_the_rest(client, imported):
    text = national(client, year=2024, kind="kota", page=2).text
    assert len(listed(text)) == 43


def test_the_filters_combine(client, imported):
    text = national(client, year=2024, province="Gorontalo", predikat="Cukup").text
    assert sorted(listed(text)) == ["pemerintah-kab-boalemo", "pemerintah-kab-pohuwato"]


def test_the_search_finds_instansi_by_name(client, imported):
    text = national(client, year=2024, q="bone bolango").text
    assert listed(text) == ["pemerintah-kab-bone-bolango"]


def test_the_averages_per_type_stand_beside_the_published_ones(client, imported):
    text = national(client, year=2024).text
    table = text[text.index('data-testid="type-averages"') :]
    kota = table[table.index('<th scope="row">City</th>') :]
    kota = kota[: kota.index("</tr>")]
    assert '<td class="num">93</td>' in kota and '<td class="num">3,39</td>' in kota
    assert ">3,39</a>" in kota  # the report's own average for kota in 2024
    assert "National index" in table and ">3,12</a>" in table


def test_the_counts_per_predikat_follow_the_filter(client, imported):
    text = national(client, year=2024, province="Gorontalo").text
    counts = text[text.index('data-testid="predikat-counts"') :]
    counts = counts[: counts.index("</ul>")]
    assert re.findall(r"<li>([^<]+)</li>", counts) == ["Cukup: 2", "Baik: 4", "Sangat Baik: 1"]


def test_an_invalid_filter_shows_the_error_and_no_rows(client, imported):
    text = national(client, year=1999).text
    assert 'role="alert"' in text and listed(text) == []


def test_htmx_gets_only_the_national_results(client, imported):
    response = client.get(reverse("public:national"), {"year": 2023}, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<div id="national-results"')
    assert "<form" not in response.text


def test_the_national_view_query_count_does_not_grow_with_rows(client, imported):
    with CaptureQueriesContext(connection) as few:
        national(client, year=2024, province="Gorontalo")
    with CaptureQueriesContext(connection) as many:
        national(client, year=2024)
    assert len(many) <= len(few) <= 10  # when the cache has neither the choices nor the rows


@pytest.fixture
def sunyi(db, spbe_2020_version):
    """A province with nothing public: one kota has only self-assessed its 2025 period."""
    province = Instansi.objects.create(
        name="Pemerintah Provinsi Sunyi", slug="provinsi-sunyi", kind="provinsi", province="Sunyi"
    )
    kota = Instansi.objects.create(
        name="Pemerintah Kota Sunyi", slug="kota-sunyi", kind="kota", province="Sunyi"
    )
    koordinator = member("koordinator-kota-sunyi", kota, Role.KOORDINATOR)
    self_assessed_period(kota, koordinator, spbe_2020_version, SELF_LEVELS)
    return member("pengampu-provinsi-sunyi", province, Role.PROVINSI)


def test_a_province_with_nothing_public_is_404_for_a_visitor(client, sunyi):
    assert client.get(reverse("public:province", args=["sunyi"])).status_code == 404


def test_its_coordinator_sees_the_years_of_the_periods_they_read(client, sunyi):
    client.force_login(sunyi)
    response = client.get(reverse("public:province", args=["sunyi"]))
    assert response.status_code == 200
    assert "Results 2025" in response.text
    assert "Pemerintah Kota Sunyi (self-assessed)" in response.text
