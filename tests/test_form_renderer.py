"""Form widgets are drawn by Jinja2, and the admin's own widgets, which exist only as Django
templates, still draw: every add form of the admin opens, and change forms with related fields."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tera.planning.actions import set_target

pytestmark = pytest.mark.django_db


def test_every_add_form_and_a_change_form_with_related_fields_open(admin_user, period, koordinator):
    target = set_target(period, index=Decimal("3.2"), predikat="", user=koordinator)
    client = Client()
    client.force_login(admin_user)
    statuses = {
        model._meta.label: client.get(
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        ).status_code
        for model in admin.site._registry
    }
    changed = client.get(reverse("admin:planning_target_change", args=[target.pk]))
    user_page = client.get(reverse("admin:auth_user_change", args=[admin_user.pk]))
    # Two-step log-in devices are made by their owners only.
    assert {label for label, status in statuses.items() if status != 200} == {"accounts.TotpDevice"}
    assert changed.status_code == user_page.status_code == 200
