"""Edits made in the Django admin go into the audit chain, like every change Tera itself makes.

Each add, change and delete is written to the chain of every instansi the object belongs to, or
to the platform's: the instansi's history shows it, `tera audit verify` covers it, and the caches
keyed by the chain's head (tera.assessments.page_cache) follow it at the next request.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from tera.audit.log import record, snapshot
from tera.organizations.models import Membership
from tera.registry.models import Instansi

# Never copied into the log, which every reader of the instansi's history sees.
SECRET_FIELDS = {"password", "secret"}


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        fields = _logged_fields(obj, form.changed_data)
        with transaction.atomic():
            before = _stored(obj, fields) if change else None
            super().save_model(request, obj, form, change)
            action = "admin.change" if change else "admin.add"
            _record(request.user, action, obj, before=before, after=_stored(obj, fields))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            _record(request.user, "admin.delete", obj, before=None, after=None)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                _record(request.user, "admin.delete", obj, before=None, after=None)
            super().delete_queryset(request, queryset)


def _stored(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The fields as the database holds them (a decimal with all its places, for one)."""
    return snapshot(type(obj)._default_manager.get(pk=obj.pk), fields)


def _logged_fields(obj: models.Model, names: list[str]) -> list[str]:
    """The model's own columns among the form's changed fields (not its many-to-many ones, not
    form-only ones such as a new password's two entries)."""
    columns = {field.name for field in obj._meta.concrete_fields} - SECRET_FIELDS
    return [name for name in names if name in columns]


def _record(user: Any, action: str, obj: models.Model, **values: Any) -> None:
    period_id = getattr(obj, "period_id", None)
    for instansi_id in instansi_ids(obj):
        record(
            actor=user, action=action, obj=obj, instansi_id=instansi_id, period_id=period_id,
            **values,
        )  # fmt: skip


def instansi_ids(obj: models.Model) -> list[int | None]:
    """The instansi whose data the object is part of; [None] for the platform's own."""
    if isinstance(obj, Instansi):
        return [obj.pk]
    if getattr(obj, "instansi_id", None):
        return [obj.instansi_id]  # type: ignore[attr-defined]
    period = getattr(obj, "period", None)
    if period is not None:
        return [period.instansi_id]
    if isinstance(obj, AbstractBaseUser):
        # A user's name is shown wherever they saved something.
        member_of = Membership.objects.filter(user=obj).values_list("instansi_id", flat=True)
        return sorted(set(member_of)) or [None]
    return [None]
