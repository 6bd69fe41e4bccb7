"""The task list and the dashboard name each indicator, and the task list filters and sorts."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tera.assessments import actions
from tera.assessments.actions import assign_opd
from tera.assessments.models import Answer, Contribution
from tera.assessments.periods import start_period
from tera.registry.models import Instansi

pytestmark = pytest.mark.django_db

ARSITEKTUR = "Tingkat Kematangan Kebijakan Internal Arsitektur SPBE"
PETA_RENCANA = "Tingkat Kematangan Kebijakan Internal Peta Rencana SPBE"


def indicator_link(period, number):
    return reverse("assessments:indicator", args=[period.pk, number])


def task_rows(client, **params):
    """The indicator links of the task list, in the order shown."""
    response = client.get(reverse("assessments:tasks"), params)
    assert response.status_code == 200
    return re.findall(r'href="(/periode/\d+/indikator/\d+/)"', response.text)


def test_a_task_row_names_its_indicator_and_links_to_it(client, other_opd_member, period):
    client.force_login(other_opd_member)
    response = client.get(reverse("assessments:tasks"))
    text = response.content.decode()
    assert f'href="{indicator_link(period, 2)}">2. {PETA_RENCANA}' in text


def test_the_task_list_shows_only_the_chosen_status(client, other_opd_member, asesor, period):
    Answer.objects.filter(period=period, indicator=2).update(status=Answer.Status.REVISION)
    client.force_login(other_opd_member)
    assert task_rows(client, status="revision") == [indicator_link(period, 2)]
    assert task_rows(client, status="todo") == [indicator_link(period, 1)]
    assert task_rows(client, status="accepted") == []


def test_a_submitted_contribution_is_listed_under_submitted(
    client, other_opd_member, bappeda, period
):
    contribution = Contribution.objects.get(period=period, indicator=1, opd=bappeda)
    actions.save_contribution(
        contribution, version=1, level=2, fakta="SK", analisis="", user=other_opd_member
    )
    actions.submit_contribution(contribution, version=2, user=other_opd_member)
    client.force_login(other_opd_member)
    assert task_rows(client, status="submitted") == [indicator_link(period, 1)]


def test_an_unknown_status_shows_every_task(client, other_opd_member, period):
    client.force_login(other_opd_member)
    assert len(task_rows(client, status="nonsense")) == 2


def test_the_task_list_sorts_by_due_date_either_way_undated_last(
    client, koordinator, other_opd_member, bappeda, period, spbe_2020_version
):
    soon, later = (
        start_period(instansi=period.instansi, instrument=spbe_2020_version, year=year,
                     dates={"answers_due": due}, user=koordinator)
        for year, due in ((2026, date(2026, 3, 1)), (2027, date(2027, 3, 1)))
    )  # fmt: skip
    for other in (later, soon):
        assign_opd(other, 5, bappeda, lead=True, user=koordinator)
    client.force_login(other_opd_member)
    undated = [indicator_link(period, 1), indicator_link(period, 2)]
    assert task_rows(client) == [indicator_link(soon, 5), indicator_link(later, 5), *undated]
    assert task_rows(client, sort="-due") == [
        indicator_link(later, 5),
        indicator_link(soon, 5),
        *undated,
    ]


def test_the_dashboard_names_the_opd_proposals_waiting_for_an_answer(
    client, koordinator, opd_member, kominfo, period
):
    contribution = Contribution.objects.get(period=period, indicator=1, opd=kominfo)
    actions.save_contribution(
        contribution, version=1, level=2, fakta="SK", analisis="", user=opd_member
    )
    actions.submit_contribution(contribution, version=2, user=opd_member)
    client.force_login(koordinator)
    text = client.get(reverse("dashboard")).content.decode()
    assert f'<a href="{indicator_link(period, 1)}">1. {ARSITEKTUR}' in text


def test_the_dashboard_names_the_answers_waiting_for_review(client, koordinator, period):
    Answer.objects.filter(period=period, indicator=2).update(status=Answer.Status.SUBMITTED)
    client.force_login(koordinator)
    text = client.get(reverse("dashboard")).content.decode()
    assert f'<a href="{indicator_link(period, 2)}">2. {PETA_RENCANA}' in text


def test_the_provincial_coordinator_gets_a_link_to_each_kab_kota_they_may_read(
    client, provincial, kota
):
    kabupaten = Instansi.objects.create(
        name="Pemerintah Kabupaten Bone Bolango", slug="kab-bone-bolango",
        kind=Instansi.Kind.KABUPATEN, province="Gorontalo",
    )  # fmt: skip
    client.force_login(provincial)
    text = client.get(reverse("dashboard")).text
    page = reverse("organizations:instansi", args=[kabupaten.pk])
    assert f'<a href="{page}">Pemerintah Kabupaten Bone Bolango</a>' in text
    assert f'<a href="{reverse("organizations:instansi", args=[kota.pk])}">' in text
    assert client.get(page).status_code == 200
