"""The form that makes a new API token."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NEVER = ""
LIFETIMES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
    (NEVER, _("No expiry")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Say where the token is used, e.g. “rekap dashboard Bappeda”."),
    )
    lifetime = forms.ChoiceField(label=_("Valid for"), choices=LIFETIMES, initial="90")

    def expires_at(self) -> datetime | None:
        days = self.cleaned_data["lifetime"]
        return None if days == NEVER else timezone.now() + timedelta(days=int(days))
