"""The filter form of the official results table, and the name search the public pages share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tera.registry.models import Instansi, OfficialResult

SEARCH_LENGTH = 100
SORTS = {
    "year": ("-year", "-index", "instansi__name"),
    "index": ("-index", "-year", "instansi__name"),
}


def instansi_search_field() -> forms.CharField:
    """A name to find, matched by tera.registry.search."""
    return forms.CharField(
        label=_("Instansi name"),
        required=False,
        max_length=SEARCH_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class ResultFilterForm(forms.Form):
    q = instansi_search_field()
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    province = forms.ChoiceField(label=_("Province"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("year", _("Year, then index")), ("index", _("Index, highest first"))],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        years = OfficialResult.objects.order_by("-year").values_list("year", flat=True).distinct()
        provinces = (
            Instansi.objects.exclude(province="")
            .order_by("province")
            .values_list("province", flat=True)
            .distinct()
        )
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        self.fields["province"].choices = [("", _("All provinces")), *((p, p) for p in provinces)]
        self.fields["kind"].choices = [("", _("All types")), *Instansi.Kind.choices]

    def ordering(self) -> tuple[str, ...]:
        return SORTS[self.cleaned_data.get("sort") or "year"]
