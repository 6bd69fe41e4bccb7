"""The public pages show only official and explicitly published results, and publishing them."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tera.assessments.models import Period
from tera.assessments.stages import Entry, record_stage_scores
from tera.audit.models import AuditEntry
from tera.core.numbers import exact_string
from tera.core.scoring import score
from tera.errors import ActionRefused
from tera.organizations.models import Membership
from tera.registry.models import Instansi, OfficialResult
from tera.reports.actions import publish_period, withdraw_publication
from tera.reports.models import Publication
from tests.conftest import member
from tests.reports.publication_helpers import (
    crawl,
    index_text,
    levels_with,
    official_period,
    self_assessed_period,
)

pytestmark = pytest.mark.django_db

# Indices no other number on the public pages of this world equals: 4,76 and 1,32.
OFFICIAL_LEVELS = levels_with(5, 4, every=4)
SELF_LEVELS = levels_with(1, 2, every=3)


@pytest.fixture(autouse=True)
def english(client, settings):
    """Labels are checked as written in the code; the Indonesian catalogue may change."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def registry(province):
    """The province of Gorontalo as the registry publishes it, in 2023 and 2024."""
    for year, index, predikat in ((2023, "3.22", "Baik"), (2024, "4.13", "Sangat Baik")):
        OfficialResult.objects.create(
            instansi=province, year=year, published_name=province.name, index=Decimal(index),
            predikat=predikat, kebijakan=Decimal("4.40"), tata_kelola=Decimal("3.00"),
            manajemen=Decimal("2.36"), layanan=Decimal("3.31"),
        )  # fmt: skip
    return province


@pytest.fixture
def unpublished(registry, kota, koordinator, spbe_2020_version):
    """Kota Satu's locked 2025 period with its official result, not published."""
    return official_period(kota, koordinator, spbe_2020_version, OFFICIAL_LEVELS)


@pytest.fixture
def kota_tiga(db):
    return Instansi.objects.create(
        name="Pemerintah Kota Tiga", slug="kota-tiga", kind="kota", province="Gorontalo"
    )


@pytest.fixture
def self_assessed(registry, kota_tiga, spbe_2020_version):
    """Kota Tiga's 2025 self-assessment, still open."""
    koordinator = member("koordinator-tiga", kota_tiga, Membership.Role.KOORDINATOR)
    return self_assessed_period(kota_tiga, koordinator, spbe_2020_version, SELF_LEVELS)


def pages_naming(client, *texts):
    """The public pages, found by following links from the home page, that show any text."""
    return sorted(
        url for url, text in crawl(client).items() if any(needle in text for needle in texts)
    )


def test_anonymous_home_is_the_public_landing_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:landing")


def test_signed_in_home_is_the_dashboard(client, koordinator):
    client.force_login(koordinator)
    assert client.get(reverse("home"))["Location"] == reverse("dashboard")


def test_the_crawl_reaches_the_province_and_its_official_figure(client, registry):
    pages = crawl(client)
    province = reverse("public:province", args=["gorontalo"])
    assert province in pages
    assert "4,13" in pages[province] and "Sangat Baik" in pages[province]


def test_public_pages_show_no_unpublished_or_self_assessed_result(
    client, unpublished, self_assessed
):
    hidden = (
        "Pemerintah Kota Satu",
        "Pemerintah Kota Tiga",
        index_text(unpublished, OFFICIAL_LEVELS),
        index_text(self_assessed, SELF_LEVELS),
    )
    assert pages_naming(client, *hidden) == []


def test_an_unpublished_instansi_has_no_public_page(client, unpublished):
    url = reverse("public:instansi", args=[unpublished.instansi.slug])
    assert client.get(url).status_code == 404


def test_a_year_with_only_unpublished_periods_is_not_offered(client, unpublished):
    url = reverse("public:province", args=["gorontalo"])
    assert client.get(url, {"year": 2025}).status_code == 404
    national = client.get(reverse("public:national"), {"year": 2025})
    assert 'role="alert"' in national.text and "Pemerintah Kota Satu" not in national.text


def test_publishing_shows_the_result_on_the_public_pages(client, unpublished, koordinator):
    publish_period(unpublished, user=koordinator)
    official = index_text(unpublished, OFFICIAL_LEVELS)
    found = pages_naming(client, official)
    assert reverse("public:landing") in found
    assert reverse("public:instansi", args=["kota-satu"]) in found
    page = client.get(reverse("public:province", args=["gorontalo"]), {"year": 2025}).text
    assert "Pemerintah Kota Satu" in page and official in page


def test_publishing_one_period_keeps_the_other_hidden(
    client, unpublished, self_assessed, koordinator
):
    publish_period(unpublished, user=koordinator)
    hidden = ("Pemerintah Kota Tiga", index_text(self_assessed, SELF_LEVELS))
    assert pages_naming(client, *hidden) == []


def test_withdrawing_removes_the_result_again(client, unpublished, koordinator):
    publish_period(unpublished, user=koordinator)
    withdraw_publication(unpublished, user=koordinator)
    official = index_text(unpublished, OFFICIAL_LEVELS)
    assert pages_naming(client, "Pemerintah Kota Satu", official) == []


def test_the_public_pages_keep_the_levels_as_published(client, unpublished, koordinator):
    """A stage score corrected after publication reaches the public only when published again."""
    publish_period(unpublished, user=koordinator)
    published = index_text(unpublished, OFFICIAL_LEVELS)
    record_stage_scores(unpublished, "final", {1: Entry(1), 2: Entry(1)}, user=koordinator)
    corrected = index_text(unpublished, {**OFFICIAL_LEVELS, 1: 1, 2: 1})
    page = client.get(reverse("public:instansi", args=["kota-satu"])).text
    assert published in page and corrected not in page


def test_publishing_and_withdrawing_are_audited(unpublished, koordinator):
    publish_period(unpublished, user=koordinator)
    withdraw_publication(unpublished, user=koordinator)
    actions = list(
        AuditEntry.objects.filter(period_id=unpublished.pk, action__startswith="publication.")
        .order_by("position")
        .values_list("action", flat=True)
    )
    assert actions == ["publication.publish", "publication.withdraw"]


def test_the_audit_entry_keeps_the_published_index(unpublished, koordinator):
    publish_period(unpublished, user=koordinator)
    entry = AuditEntry.objects.get(action="publication.publish")
    result = score(unpublished.definition, OFFICIAL_LEVELS, unpublished.year)
    assert entry.after["levels"]["1"] == OFFICIAL_LEVELS[1]
    assert entry.after["index"] == exact_string(result.index)


def test_publishing_the_same_levels_again_changes_nothing(unpublished, koordinator):
    publish_period(unpublished, user=koordinator)
    publish_period(unpublished, user=koordinator)
    assert AuditEntry.objects.filter(action="publication.publish").count() == 1


def test_only_the_koordinator_publishes(unpublished, pimpinan):
    with pytest.raises(PermissionDenied):
        publish_period(unpublished, user=pimpinan)
    assert not Publication.objects.exists()


def test_an_open_period_cannot_be_published(period, koordinator):
    with pytest.raises(ActionRefused, match="locked"):
        publish_period(period, user=koordinator)


def test_a_period_without_external_scores_cannot_be_published(period, koordinator):
    Period.objects.filter(pk=period.pk).update(status=Period.Status.LOCKED)
    period.refresh_from_db()
    with pytest.raises(ActionRefused, match="no official result"):
        publish_period(period, user=koordinator)


def test_a_result_missing_indicators_cannot_be_published(kota, koordinator, spbe_2020_version):
    partial = {number: 3 for number in range(1, 40)}
    locked = official_period(kota, koordinator, spbe_2020_version, partial)
    with pytest.raises(ActionRefused, match="40, 41"):
        publish_period(locked, user=koordinator)


def test_withdrawing_what_is_not_published_is_refused(unpublished, koordinator):
    with pytest.raises(ActionRefused):
        withdraw_publication(unpublished, user=koordinator)


def test_the_publication_page_offers_publishing_to_the_koordinator(
    client, unpublished, koordinator
):
    client.force_login(koordinator)
    response = client.get(reverse("public:publication", args=[unpublished.pk]))
    assert "Not published" in response.text
    assert reverse("public:publish", args=[unpublished.pk]) in response.text
    assert index_text(unpublished, OFFICIAL_LEVELS) in response.text


def test_publishing_needs_the_signed_statement(client, unpublished, koordinator):
    client.force_login(koordinator)
    response = client.post(reverse("public:publish", args=[unpublished.pk]), {})
    assert response.status_code == 400
    assert not Publication.objects.exists()


def test_publishing_from_the_page(client, unpublished, koordinator):
    client.force_login(koordinator)
    url = reverse("public:publish", args=[unpublished.pk])
    response = client.post(url, {"confirm": "on"}, follow=True)
    assert Publication.objects.filter(period=unpublished).exists()
    assert "Published on" in response.text


def test_the_page_says_when_the_official_levels_changed_since_publication(
    client, unpublished, koordinator
):
    publish_period(unpublished, user=koordinator)
    record_stage_scores(unpublished, "final", {1: Entry(1), 2: Entry(1)}, user=koordinator)
    client.force_login(koordinator)
    response = client.get(reverse("public:publication", args=[unpublished.pk]))
    assert "changed since the publication" in response.text


def test_a_refused_publication_shows_why(client, period, koordinator):
    client.force_login(koordinator)
    response = client.post(reverse("public:publish", args=[period.pk]), {"confirm": "on"})
    assert response.status_code == 400
    assert "lock it for submission first" in response.text


def add_registry_rows(count, start=0):
    """Kota of Gorontalo with an official result in 2023 and 2024 each."""
    for number in range(start, start + count):
        kota = Instansi.objects.create(
            name=f"Pemerintah Kota Tambahan {number}", slug=f"kota-tambahan-{number}",
            kind="kota", province="Gorontalo",
        )  # fmt: skip
        for year in (2023, 2024):
            OfficialResult.objects.create(
                instansi=kota, year=year, published_name=kota.name, index=Decimal("2.50"),
                predikat="Cukup",
            )  # fmt: skip


def publish_more(count, instrument):
    """Kota of Gorontalo, each with a published 2025 result."""
    for number in range(count):
        kota = Instansi.objects.create(
            name=f"Pemerintah Kota Terbit {number}", slug=f"kota-terbit-{number}", kind="kota",
            province="Gorontalo",
        )  # fmt: skip
        koordinator = member(f"koordinator-terbit-{number}", kota, Membership.Role.KOORDINATOR)
        period = official_period(kota, koordinator, instrument, OFFICIAL_LEVELS)
        publish_period(period, user=koordinator)


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


PUBLIC_PAGES = {
    "landing": (lambda: reverse("public:landing"), {}, 5),
    "national": (lambda: reverse("public:national"), {"year": 2024}, 10),
    "national-search": (lambda: reverse("public:national"), {"year": 2025, "q": "kota"}, 12),
    "instansi": (lambda: reverse("public:instansi", args=["prov-gorontalo"]), {}, 6),
}


@pytest.mark.parametrize("page", sorted(PUBLIC_PAGES))
def test_public_page_query_count_does_not_grow(
    client, unpublished, koordinator, spbe_2020_version, page
):
    url, params, most = PUBLIC_PAGES[page]
    publish_period(unpublished, user=koordinator)
    small = queries(client, url(), **params)
    add_registry_rows(5)
    publish_more(2, spbe_2020_version)
    assert queries(client, url(), **params) <= small <= most


def test_the_publication_page_query_count_is_bounded(
    client, unpublished, koordinator, django_assert_max_num_queries
):
    publish_period(unpublished, user=koordinator)
    client.force_login(koordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("public:publication", args=[unpublished.pk]))
    assert response.status_code == 200
