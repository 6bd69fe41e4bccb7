"""Forms of the public pages and of publishing a period's result."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tera.registry.forms import instansi_search_field
from tera.registry.models import Instansi


class NationalFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    predikat = forms.ChoiceField(label=_("Predikat"), required=False)
    q = instansi_search_field()

    def __init__(
        self, data: object, *, years: list[int], predikats: list[str], provinces: list[str]
    ) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        self.fields["year"].choices = [(year, year) for year in years]
        self.fields["kind"].choices = [("", _("All types")), *Instansi.Kind.choices]
        self.fields["province"].choices = [("", _("All provinces")), *((p, p) for p in provinces)]
        self.fields["predikat"].choices = [("", _("Every predikat")), *((p, p) for p in predikats)]


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "The Pernyataan Persetujuan Publikasi is signed: this official result may be published."
        ),
    )
