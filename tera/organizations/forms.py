"""Forms for adding OPD and people to an instansi."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tera.fields import ModelChoiceField
from tera.organizations.actions import IMPORTABLE_ROLES
from tera.organizations.models import Membership


class OpdForm(forms.Form):
    name = forms.CharField(label=_("OPD name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=50, required=False)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=300, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[c for c in Membership.Role.choices if c[0] in set(IMPORTABLE_ROLES.values())],
    )
    opd = ModelChoiceField(label=_("OPD"), queryset=None, required=False)  # type: ignore[arg-type]

    def __init__(self, *args: Any, opds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds


class PeopleImportForm(forms.Form):
    sheet = forms.FileField(
        label=_("Sheet (.xlsx or .csv)"),
        help_text=_(
            "Columns: opd, singkatan, username, nama, email, peran "
            "(koordinator, asesor, opd, pimpinan). A row with only an OPD adds the OPD."
        ),
    )
