"""Answering a Pemdi 2026 indicator: decimal values, values converted from another index, and
the data dukung items of each level (berjenjang)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tera.assessments.models import Answer
from tera.evidence.actions import add_document
from tera.evidence.models import EvidenceLink

pytestmark = pytest.mark.django_db


def indicator_url(period, number):
    return reverse("assessments:indicator", args=[period.pk, number])


def save(client, period, number, **fields):
    data = {"answer-version": 1, "answer-fakta": "Perbup 7/2026", "answer-analisis": "Tingkat 1"}
    data.update({f"answer-{name}": value for name, value in fields.items()})
    return client.post(reverse("assessments:answer_save", args=[period.pk, number]), data)


def stored(period, number):
    answer = Answer.objects.get(period=period, indicator=number)
    return answer.level, answer.source_value, answer.version


def test_a_decimal_value_is_stored_exactly_and_shown_with_a_comma(
    client, koordinator, pemdi_2026_period
):
    client.force_login(koordinator)
    save(client, pemdi_2026_period, 1, level="1,26")
    assert stored(pemdi_2026_period, 1) == (Decimal("1.26"), None, 2)
    page = client.get(indicator_url(pemdi_2026_period, 1)).text
    assert 'value="1,26"' in page


def test_a_decimal_typed_with_a_point_is_taken_too(client, koordinator, pemdi_2026_period):
    client.force_login(koordinator)
    save(client, pemdi_2026_period, 1, level="2.5")
    assert stored(pemdi_2026_period, 1)[0] == Decimal("2.5")


@pytest.mark.parametrize("typed", ["5,5", "0,99", "1,234", "dua"])
def test_a_value_outside_the_scale_is_refused_in_indonesian_and_nothing_is_stored(
    client, koordinator, pemdi_2026_period, typed
):
    client.force_login(koordinator)
    response = save(client, pemdi_2026_period, 1, level=typed)
    assert response.status_code == 400
    assert f"Nilai “{typed}” tidak diizinkan" in response.text
    assert "1,00 sampai 5,00" in response.text
    assert stored(pemdi_2026_period, 1) == (None, None, 1)


def test_the_sdi_value_is_converted_and_the_page_shows_how(client, koordinator, pemdi_2026_period):
    client.force_login(koordinator)
    save(client, pemdi_2026_period, 5, source_value="68,75", level="5")
    assert stored(pemdi_2026_period, 5) == (Decimal("3.75"), Decimal("68.75"), 2)
    page = client.get(indicator_url(pemdi_2026_period, 5)).text
    assert "1 + 68,75 / 25 = 3,75" in page
    assert 'data-testid="conversion-assumed"' not in page


def test_without_an_sdi_value_the_page_says_the_indicator_counts_as_1(
    client, koordinator, pemdi_2026_period
):
    client.force_login(koordinator)
    page = client.get(indicator_url(pemdi_2026_period, 5)).text
    assert 'data-testid="conversion-assumed"' in page
    assert "dihitung 1,00" in page
    assert 'name="answer-source_value"' in page
    assert 'name="answer-level"' not in page  # the value comes from the index, not a choice


def test_an_sdi_value_above_100_is_refused_and_nothing_is_stored(
    client, koordinator, pemdi_2026_period
):
    client.force_login(koordinator)
    response = save(client, pemdi_2026_period, 5, source_value="120")
    assert response.status_code == 400
    assert "0 sampai 100" in response.text
    assert stored(pemdi_2026_period, 5) == (None, None, 1)


def test_a_bands_conversion_not_verified_is_marked_so(client, koordinator, pemdi_2026_period):
    client.force_login(koordinator)
    save(client, pemdi_2026_period, 7, source_value="2,7")
    assert stored(pemdi_2026_period, 7)[0] == 3
    page = client.get(indicator_url(pemdi_2026_period, 7)).text
    assert "konversi belum diverifikasi" in page


def test_each_level_shows_its_criterion_condition_and_evidence_items(
    client, koordinator, pemdi_2026_period
):
    client.force_login(koordinator)
    page = client.get(indicator_url(pemdi_2026_period, 8)).text
    indicator = pemdi_2026_period.definition.indicator_by_number[8]
    for level in range(1, 6):
        assert f'data-level="{level}"' in page
        assert f'data-item="{level}.1"' in page
    assert indicator.details[2].items[0] in page


def test_the_items_a_citation_meets_are_shown_met_and_the_rest_missing(
    client, koordinator, pemdi_2026_period
):
    document = add_document(
        pemdi_2026_period.instansi, user=koordinator, title="SK PPDP", category="kebijakan",
        url="https://jdih.example.go.id/sk-ppdp",
    )  # fmt: skip
    client.force_login(koordinator)
    response = client.post(
        reverse("evidence:cite_for_answer", args=[pemdi_2026_period.pk, 8]),
        {"cite-document": document.pk, "cite-note": "", "cite-items": ["1.1", "1.3"]},
    )
    assert response.status_code == 302
    assert EvidenceLink.objects.get().items == ["1.1", "1.3"]
    page = client.get(indicator_url(pemdi_2026_period, 8)).text
    assert 'data-item="1.1" class="item-cited"' in page
    assert 'data-item="1.2" class="item-missing"' in page
    assert 'data-testid="level-met"' not in page


def test_an_unknown_item_code_is_refused(client, koordinator, pemdi_2026_period):
    document = add_document(
        pemdi_2026_period.instansi, user=koordinator, title="SK", category="kebijakan",
        url="https://jdih.example.go.id/sk",
    )  # fmt: skip
    client.force_login(koordinator)
    response = client.post(
        reverse("evidence:cite_for_answer", args=[pemdi_2026_period.pk, 8]),
        {"cite-document": document.pk, "cite-items": ["9.9"]},
    )
    assert response.status_code == 400
    assert not EvidenceLink.objects.exists()


def test_the_period_page_says_the_2026_rounding_is_not_known(
    client, koordinator, pemdi_2026_period, period
):
    client.force_login(koordinator)
    page = client.get(reverse("assessments:period", args=[pemdi_2026_period.pk])).text
    assert "Aturan pembulatan 2026 belum diketahui" in page
    spbe = client.get(reverse("assessments:period", args=[period.pk])).text
    assert "Aturan pembulatan 2026" not in spbe
