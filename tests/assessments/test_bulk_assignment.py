"""Assigning many indicators to one OPD at once, the unassigned filter, and OPD without members."""

import pytest
from django.urls import reverse

from tera.assessments.models import Contribution
from tera.organizations.models import Opd

pytestmark = pytest.mark.django_db


def assign_many(client, period, **data):
    return client.post(reverse("assessments:assign_many", args=[period.pk]), data)


def led_by(period, opd):
    rows = Contribution.objects.filter(period=period, opd=opd)
    return {c.indicator: c.is_lead for c in rows}


def test_every_indicator_of_an_aspect_goes_to_one_opd_leading_where_none_leads(
    client, period, kominfo, bappeda, koordinator
):
    client.force_login(koordinator)
    response = assign_many(client, period, opd=bappeda.pk, aspect=1)
    assert response.status_code == 302
    aspect = period.definition.aspects[0]
    numbers = [i.number for i in aspect.indicators]
    assert led_by(period, bappeda) == {n: n != 1 for n in numbers} | {2: True}
    assert led_by(period, kominfo) == {1: True}  # the lead of indicator 1 stays


def test_the_ticked_indicators_go_to_one_opd(client, period, kominfo, koordinator):
    client.force_login(koordinator)
    assign_many(client, period, opd=kominfo.pk, indicators=[11, 30, 47])
    assert led_by(period, kominfo) == {1: True, 11: True, 30: True, 47: True}


def test_nothing_chosen_is_refused_in_indonesian_and_nothing_changes(
    client, period, kominfo, koordinator
):
    client.force_login(koordinator)
    before = Contribution.objects.count()
    response = client.post(
        reverse("assessments:assign_many", args=[period.pk]), {"opd": kominfo.pk},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 400
    assert "Pilih aspek atau centang sedikitnya satu indikator." in response.text
    assert Contribution.objects.count() == before


def test_only_the_koordinator_assigns(client, period, kominfo, pimpinan):
    client.force_login(pimpinan)
    response = assign_many(client, period, opd=kominfo.pk, aspect=1)
    assert response.status_code == 403
    assert led_by(period, kominfo) == {1: True}


def test_the_filter_shows_only_indicators_without_an_opd(client, period, koordinator):
    client.force_login(koordinator)
    url = reverse("assessments:assignments", args=[period.pk])
    rows = client.get(url + "?belum=1").context["rows"]
    assert [indicator.number for indicator, _ in rows] == list(range(3, 48))


def test_an_opd_without_members_is_named_as_a_warning(
    client, period, koordinator, opd_member, kota
):
    Opd.objects.create(instansi=kota, name="Dinas Tanpa Anggota")
    client.force_login(koordinator)
    page = client.get(reverse("assessments:assignments", args=[period.pk])).text
    warning = page.split('data-testid="opd-without-members"')[1].split("</p>")[0]
    assert "Dinas Tanpa Anggota" in warning
    assert "Diskominfo" not in warning  # it has a member
