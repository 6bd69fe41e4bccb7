"""A period on a new instrument, carried over from SPBE 2020 through the shipped crosswalk.

The SPBE 2020 period of Kota Satu answers indicators 1 and 2 (both map to Pemdi 1) and 18 (maps
to Pemdi 16 and 18, with Diskominfo's evidence). The Pemdi 2026 period starts from it.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tera.assessments import actions
from tera.assessments.comparison import compare
from tera.assessments.forms import PeriodForm
from tera.assessments.models import Answer, Contribution, Period
from tera.assessments.periods import start_period
from tera.audit.models import AuditEntry
from tera.errors import ActionRefused
from tera.evidence.actions import add_document, link_document
from tera.evidence.models import EvidenceLink
from tera.instruments.library import file_crosswalks, file_library, load_crosswalk_entry, load_entry
from tera.instruments.models import CrosswalkVersion
from tests.assessments.test_query_counts import LARGE, SMALL, add_data, queries_of, uncached_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def crosswalk(spbe_2020_version, pemdi_version):
    entry = next(e for e in file_crosswalks().entries if e.crosswalk.id == "spbe-2020--pemdi-2026")
    return load_crosswalk_entry(entry)[0]


def answer_in(period, number):
    return Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=number
    )


def answer(period, number, level, fakta, analisis, user):
    current = answer_in(period, number)
    return actions.save_answer(
        current,
        version=current.version,
        level=level,
        fakta=fakta,
        analisis=analisis,
        level_source=None,
        user=user,
    )


def contribute(period, number, opd, level, fakta, user):
    contribution = Contribution.objects.select_related(
        "period__instansi", "period__instrument"
    ).get(period=period, indicator=number, opd=opd)
    return actions.save_contribution(
        contribution, version=1, level=level, fakta=fakta, analisis="", user=user
    )


@pytest.fixture
def answered(period, koordinator, opd_member, kominfo):
    actions.assign_opd(period, 18, kominfo, lead=True, user=koordinator)
    contribute(period, 1, kominfo, 3, "Perwali 12/2023", opd_member)
    splp = contribute(period, 18, kominfo, 4, "SPLP daerah", opd_member)
    answer(period, 1, 3, "Perwali 12/2023", "Tingkat 3", koordinator)
    answer(period, 2, 2, "Perwali Peta Rencana", "Tingkat 2", koordinator)
    eighteen = answer(period, 18, 4, "SPLP terhubung", "Tingkat 4", koordinator)
    document = add_document(
        period.instansi,
        user=opd_member,
        title="Katalog layanan SPLP",
        category="layanan",
        opd=kominfo,
        url="https://splp.example.go.id/",
    )
    link_document(eighteen, document, contribution=splp, user=opd_member)
    return period


def start_pemdi(previous, version, user, crosswalk=None):
    with translation.override("en"):
        return start_period(
            instansi=previous.instansi,
            instrument=version,
            year=2026,
            previous=previous,
            crosswalk=crosswalk,
            user=user,
        )


@pytest.fixture
def pemdi_period(answered, pemdi_version, crosswalk, koordinator):
    period = start_pemdi(answered, pemdi_version, koordinator, crosswalk)
    return Period.objects.select_related("instansi", "instrument").get(pk=period.pk)


# Carry-over through the crosswalk


def test_explanations_of_several_old_indicators_are_joined_each_labelled(pemdi_period):
    first = Answer.objects.get(period=pemdi_period, indicator=1)
    assert first.fakta == (
        "Indicator 1 of spbe-2020:\nPerwali 12/2023\n\n"
        "Indicator 2 of spbe-2020:\nPerwali Peta Rencana"
    )
    assert first.analisis == (
        "Indicator 1 of spbe-2020:\nTingkat 3\n\nIndicator 2 of spbe-2020:\nTingkat 2"
    )


def test_one_old_explanation_goes_to_every_new_indicator_it_maps_to(pemdi_period):
    carried = Answer.objects.filter(period=pemdi_period, indicator__in=[16, 18])
    assert [a.fakta for a in carried] == ["Indicator 18 of spbe-2020:\nSPLP terhubung"] * 2


def test_levels_are_not_carried_across_instruments(pemdi_period):
    assert not Answer.objects.filter(period=pemdi_period).exclude(level=None).exists()
    assert not Contribution.objects.filter(period=pemdi_period).exclude(level=None).exists()


def test_carried_answers_are_drafts_marked_to_confirm(pemdi_period):
    carried = Answer.objects.filter(period=pemdi_period, carried_over=True)
    assert sorted(a.indicator for a in carried) == [1, 16, 18]
    assert {a.status for a in carried} == {Answer.Status.DRAFT}


def test_new_indicators_without_a_source_start_empty(pemdi_period):
    answer = Answer.objects.get(period=pemdi_period, indicator=6)
    assert (answer.fakta, answer.carried_over) == ("", False)
    assert not Contribution.objects.filter(period=pemdi_period, indicator=6).exists()


def test_assignments_follow_the_mapping_and_the_first_lead_stays_lead(
    pemdi_period, kominfo, bappeda
):
    assigned = Contribution.objects.filter(period=pemdi_period).order_by("indicator", "-is_lead")
    assert [(c.indicator, c.opd, c.is_lead) for c in assigned] == [
        (1, kominfo, True),
        (1, bappeda, False),
        (16, kominfo, True),
        (18, kominfo, True),
    ]


def test_contribution_explanations_come_back_labelled(pemdi_period, kominfo):
    contribution = Contribution.objects.get(period=pemdi_period, indicator=16, opd=kominfo)
    assert contribution.fakta == "Indicator 18 of spbe-2020:\nSPLP daerah"
    assert (contribution.carried_over, contribution.status) == (True, Contribution.Status.DRAFT)


def test_evidence_links_follow_every_mapping_under_the_same_opd(pemdi_period, kominfo):
    links = EvidenceLink.objects.filter(answer__period=pemdi_period).select_related(
        "answer", "contribution", "document"
    )
    assert sorted(link.answer.indicator for link in links) == [16, 18]
    assert {link.document.title for link in links} == {"Katalog layanan SPLP"}
    assert {(link.contribution.opd, link.carried_over) for link in links} == {(kominfo, True)}


def test_the_audit_entry_names_the_crosswalk_used(pemdi_period, crosswalk):
    entry = AuditEntry.objects.get(period_id=pemdi_period.pk, action="period.carry_over")
    assert entry.after["crosswalk"] == str(crosswalk)
    assert entry.after["evidence_links"] == 2


# Refusals


def test_a_change_of_instrument_without_any_crosswalk_is_refused(
    answered, pemdi_version, koordinator
):
    with pytest.raises(ActionRefused) as refused:
        start_pemdi(answered, pemdi_version, koordinator)
    assert "No crosswalk leads from spbe-2020 to pemdi-2026" in refused.value.message
    assert not Period.objects.filter(instrument=pemdi_version).exists()


def test_a_change_of_instrument_without_choosing_the_crosswalk_is_refused(
    answered, pemdi_version, crosswalk, koordinator
):
    with pytest.raises(ActionRefused) as refused:
        start_pemdi(answered, pemdi_version, koordinator)
    assert "choose the crosswalk" in refused.value.message
    assert not Period.objects.filter(instrument=pemdi_version).exists()


def test_a_crosswalk_between_other_instruments_is_refused(
    answered, pemdi_version, crosswalk, koordinator
):
    other = CrosswalkVersion.objects.create(
        code="lain",
        from_code="spbe-2018",
        to_code="pemdi-2026",
        status="unverified",
        source_text=crosswalk.source_text,
        sha256="0" * 64,
        source_file="lain.yaml",
    )
    with pytest.raises(ActionRefused) as refused:
        start_pemdi(answered, pemdi_version, koordinator, other)
    assert "does not lead from spbe-2020 to pemdi-2026" in refused.value.message


def test_a_crosswalk_without_a_previous_period_is_refused(
    kota, pemdi_version, crosswalk, koordinator
):
    with pytest.raises(ActionRefused):
        start_period(
            instansi=kota,
            instrument=pemdi_version,
            year=2026,
            crosswalk=crosswalk,
            user=koordinator,
        )


def test_the_same_instrument_still_carries_over_without_a_crosswalk(
    answered, spbe_2020_version, crosswalk, koordinator
):
    period = start_period(
        instansi=answered.instansi,
        instrument=spbe_2020_version,
        year=2026,
        previous=answered,
        user=koordinator,
    )
    assert Answer.objects.get(period=period, indicator=1).level == 3


# The period form


def period_post(previous, version, crosswalk=None):
    return {
        "instrument": version.pk,
        "kind": "mandiri",
        "year": 2026,
        "semester": 0,
        "previous": previous.pk,
        "crosswalk": crosswalk.pk if crosswalk else "",
    }


def test_the_form_offers_the_crosswalks_from_an_earlier_instrument(answered, crosswalk):
    CrosswalkVersion.objects.create(
        code="dari-2018",
        from_code="spbe-2018",
        to_code="pemdi-2026",
        status="unverified",
        source_text="",
        sha256="1" * 64,
        source_file="dari-2018.yaml",
    )
    form = PeriodForm(previous_periods=Period.objects.filter(instansi=answered.instansi))
    assert list(form.fields["crosswalk"].queryset) == [crosswalk]


def test_the_form_explains_a_missing_crosswalk_at_the_field(
    client, koordinator, answered, pemdi_version
):
    client.force_login(koordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("assessments:period_create", args=[answered.instansi_id])
    response = client.post(url, period_post(answered, pemdi_version))
    assert response.status_code == 400
    [message] = response.context["form"].errors["crosswalk"]
    assert "No crosswalk leads from spbe-2020 to pemdi-2026" in message
    assert not Period.objects.filter(instrument=pemdi_version).exists()


def test_the_form_starts_the_period_through_the_chosen_crosswalk(
    client, koordinator, answered, pemdi_version, crosswalk
):
    client.force_login(koordinator)
    url = reverse("assessments:period_create", args=[answered.instansi_id])
    response = client.post(url, period_post(answered, pemdi_version, crosswalk))
    assert response.status_code == 302
    period = Period.objects.get(instrument=pemdi_version)
    assert Answer.objects.get(period=period, indicator=18).carried_over


# The indicator page


def earlier_box(response):
    return re.search(r'data-testid="earlier-levels".*?</section>', response.text, re.S).group(0)


def test_the_indicator_page_shows_the_old_indicators_and_their_levels(
    client, koordinator, pemdi_period
):
    client.force_login(koordinator)
    response = client.get(reverse("assessments:indicator", args=[pemdi_period.pk, 1]))
    box = earlier_box(response)
    assert "1. Tingkat Kematangan Kebijakan Internal Arsitektur SPBE" in box
    assert re.search(
        r"2\. Tingkat Kematangan Kebijakan Internal Peta Rencana.*?<strong>2</strong>", box
    )
    assert box.count("<strong>–</strong>") == 8  # the other eight sources were not answered


def test_an_opd_member_sees_only_the_old_levels_of_their_own_old_indicators(
    client, opd_member, pemdi_period
):
    client.force_login(opd_member)
    response = client.get(reverse("assessments:indicator", args=[pemdi_period.pk, 1]))
    box = earlier_box(response)
    assert "1. Tingkat Kematangan Kebijakan Internal Arsitektur SPBE" in box
    assert "Peta Rencana" not in box


def test_the_indicator_page_of_a_period_on_the_same_instrument_shows_no_old_levels(
    client, koordinator, period
):
    client.force_login(koordinator)
    response = client.get(reverse("assessments:indicator", args=[period.pk, 1]))
    assert 'data-testid="earlier-levels"' not in response.text


def test_the_indicator_page_with_old_levels_runs_the_same_queries_on_more_data(
    client, koordinator, kominfo, pemdi_period, django_assert_max_num_queries
):
    client.force_login(koordinator)
    url = reverse("assessments:indicator", args=[pemdi_period.pk, 1])
    add_data(pemdi_period, koordinator, kominfo, SMALL)
    client.get(url)
    with django_assert_max_num_queries(18):
        small = queries_of(client, url)
    add_data(pemdi_period, koordinator, kominfo, LARGE)
    Answer.objects.filter(period=pemdi_period.previous).update(level=3)
    with django_assert_max_num_queries(small):
        response = uncached_get(client, url)
    assert "Dokumen b29" in response.text


# The compare page


def set_levels(period, level, **exceptions):
    Answer.objects.filter(period=period).update(level=level)
    for number, other in exceptions.items():
        Answer.objects.filter(period=period, indicator=int(number.lstrip("n"))).update(level=other)


def test_each_period_is_scored_by_its_own_instrument(answered, pemdi_period):
    set_levels(answered, 3, n2=1)  # 3 - 2 × 1.3% = 2.974
    set_levels(pemdi_period, 4)
    comparison = compare(pemdi_period, answered)
    assert comparison.earlier == answered and comparison.later == pemdi_period
    assert (str(comparison.earlier_score.index_display), comparison.earlier_score.predikat) == (
        "2.97",
        "Baik",
    )
    # 4.00 is "Sangat Baik" under SPBE 2020 but "Memuaskan" under Pemdi 2026.
    assert (str(comparison.later_score.index_display), comparison.later_score.predikat) == (
        "4.00",
        "Memuaskan",
    )


def test_each_new_indicator_is_shown_beside_its_old_indicators(answered, pemdi_period):
    comparison = compare(answered, pemdi_period)
    first = comparison.rows[0]
    assert (first.number, first.level) == (1, None)
    assert [(old.number, old.level) for old in first.earlier][:3] == [(1, 3), (2, 2), (10, None)]
    assert comparison.rows[5].earlier == []  # Pemdi 6 has no SPBE source
    assert comparison.unmatched == []


def tile(response, number):
    return re.search(rf'data-testid="compare-{number}".*?</div>', response.text, re.S).group(0)


def test_the_compare_page_shows_both_indices_and_the_levels_side_by_side(
    client, koordinator, answered, pemdi_period
):
    set_levels(answered, 3, n2=1)
    set_levels(pemdi_period, 4)
    client.force_login(koordinator)
    response = client.get(reverse("assessments:compare", args=[answered.instansi_id]))
    assert "2,97" in tile(response, 1) and "Baik" in tile(response, 1)
    assert "4,00" in tile(response, 2) and "Memuaskan" in tile(response, 2)
    earlier = re.search(r'data-testid="earlier-1">(.*?)</td>', response.text).group(1)
    assert earlier == "<br>".join(["3", "1", "3", "3", "3", "3", "3", "3", "3", "3"])
    assert re.search(r'data-testid="level-1">4</td>', response.text)


def test_without_a_crosswalk_only_the_indices_are_compared(
    client, koordinator, answered, pemdi_version
):
    spbe_2018 = load_entry(file_library().entry("spbe-2018"))[0]
    older = start_period(
        instansi=answered.instansi, instrument=spbe_2018, year=2024, user=koordinator
    )
    comparison = compare(older, answered)
    assert not comparison.connected and comparison.unmatched == []
    client.force_login(koordinator)
    url = reverse("assessments:compare", args=[answered.instansi_id])
    response = client.get(url, {"first": older.pk, "second": answered.pk})
    assert 'data-testid="earlier-1"' not in response.text
    assert 'class="notice"' in response.text


def test_the_compare_page_asks_for_two_periods(client, koordinator, period):
    client.force_login(koordinator)
    response = client.get(reverse("assessments:compare", args=[period.instansi_id]))
    assert response.status_code == 200
    assert response.context["comparison"] is None and response.context["problem"]


def test_the_compare_page_runs_the_same_queries_with_more_periods(
    client, koordinator, answered, pemdi_period, django_assert_max_num_queries
):
    client.force_login(koordinator)
    url = reverse("assessments:compare", args=[answered.instansi_id])
    client.get(url)
    with django_assert_max_num_queries(8):
        small = queries_of(client, url)
    added = [
        start_period(
            instansi=answered.instansi, instrument=answered.instrument, year=year, user=koordinator
        )
        for year in range(2018, 2025)
    ]
    set_levels(answered, 3)
    set_levels(pemdi_period, 2)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert f'<option value="{added[0].pk}"' in response.text
