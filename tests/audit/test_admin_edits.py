"""A platform administrator's edits in the Django admin are written to the audit chain of the
instansi they concern, and so reach the instansi's history and every page kept in the cache."""

import re
from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tera.assessments.history import readable
from tera.audit.admin import AuditedAdmin, instansi_ids
from tera.audit.log import history, verify
from tera.planning.actions import set_target
from tera.planning.models import Target
from tera.registry.models import NationalAverage

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_every_page_of_the_admin_writes_to_the_audit_chain():
    plain = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdmin)
    ]
    assert plain == []


@pytest.fixture
def target(period, koordinator):
    return set_target(period, index=Decimal("3.2"), predikat="", user=koordinator)


def change_target(client, target, index):
    url = reverse("admin:planning_target_change", args=[target.pk])
    form = {"period": target.period_id, "index": index, "predikat": "", "set_by": target.set_by_id}
    response = client.post(url, form)
    assert response.status_code == 302, re.findall(r"errorlist.*", response.content.decode())


def test_a_target_changed_in_the_admin_is_in_the_period_history(
    admin_user, koordinator, period, target
):
    change_target(logged_in(admin_user), target, "3.5")
    entry = history(period.pk).filter(action="admin.change").get()
    assert entry.instansi_id == period.instansi_id
    assert (entry.before, entry.after) == ({"index": "3.2000"}, {"index": "3.5000"})
    line = readable([entry], period, name_indicators=False)[0]
    assert line.sentence == "admin mengubah data lewat administrasi platform."
    assert verify() == []


def test_the_cached_period_page_shows_a_target_changed_in_the_admin(
    admin_user, koordinator, period, target
):
    page = logged_in(koordinator)
    url = reverse("assessments:period", args=[period.pk])
    assert "3,20" in page.get(url).text
    change_target(logged_in(admin_user), target, "3.5")
    assert "3,50" in page.get(url).text


def test_a_deletion_in_the_admin_is_logged_before_the_row_goes(admin_user, period, target):
    url = reverse("admin:planning_target_delete", args=[target.pk])
    logged_in(admin_user).post(url, {"post": "yes"})
    assert not Target.objects.exists()
    assert history(period.pk).filter(action="admin.delete", object_id=str(target.pk)).exists()


def test_each_object_goes_to_the_chain_of_the_instansi_it_belongs_to(
    kota, period, target, opd_member, admin_user
):
    average = NationalAverage.objects.create(year=2025, index=Decimal("2.79"), predikat="Baik")
    assert instansi_ids(kota) == [kota.pk]
    assert instansi_ids(target) == [kota.pk]
    assert instansi_ids(opd_member) == [kota.pk]
    assert instansi_ids(admin_user) == [None]
    assert instansi_ids(average) == [None]
