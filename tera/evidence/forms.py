"""Forms of the evidence bank: a new document (file or URL), a new revision, a citation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tera.core.instrument import Indicator
from tera.core.ladder import item_codes
from tera.evidence.models import Document
from tera.fields import ModelChoiceField


class DocumentForm(forms.ModelForm):
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("URL"), required=False, max_length=1000, assume_scheme="https")

    class Meta:
        model = Document
        fields = ["title", "number", "category", "issued_on", "valid_until", "url", "opd"]
        field_classes = {"opd": ModelChoiceField}
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, opds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds
        self.fields["opd"].label = _("Owner OPD")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Choose a file to upload or give a URL."))
        if data.get("file") and data.get("url"):
            raise forms.ValidationError(_("Give a file or a URL, not both."))
        issued, valid = data.get("issued_on"), data.get("valid_until")
        if issued and valid and valid < issued:
            self.add_error("valid_until", _("The document cannot expire before it was issued."))
        return data


class RevisionForm(forms.Form):
    file = forms.FileField(label=_("New version of the file"))


class CiteForm(forms.Form):
    document = ModelChoiceField(label=_("Document from the evidence bank"), queryset=None)  # type: ignore[arg-type]
    note = forms.CharField(label=_("Where in the document"), required=False, max_length=255)
    contribution = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, documents: Any, indicator: Indicator | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        codes = item_codes(indicator) if indicator is not None else []
        if codes:
            self.fields["items"] = forms.MultipleChoiceField(
                label=_("Data dukung items this document meets"),
                choices=[(code, f"{code} {text}") for code, text in codes],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "A level counts only when its items and those of the levels below are met."
                ),
            )
