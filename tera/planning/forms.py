"""Forms of the planning pages: targets, what-if levels, costs, plans and action items."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tera.assessments.values import value_field
from tera.core.instrument import Instrument, Value
from tera.core.numbers import exact_string
from tera.core.planner import DEFAULT_STEP_COST
from tera.fields import ModelChoiceField
from tera.planning.models import COST_PLACES, ActionItem
from tera.planning.targets import INDEX_PLACES

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what the browser sends


class TargetForm(forms.Form):
    index = forms.DecimalField(
        label=_("Target index"),
        required=False,
        localize=True,
        min_value=0,
        max_digits=INDEX_PLACES + 1,
        decimal_places=INDEX_PLACES,
        help_text=_("For example 3,00."),
    )
    predikat = forms.ChoiceField(label=_("or a target predikat"), required=False)

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bands = [(band.name, band.name) for band in instrument.predikat_bands]
        self.fields["predikat"].choices = [("", "–"), *bands]


class TryTargetForm(forms.Form):
    target = forms.CharField(
        label=_("Try another target"),
        required=False,
        max_length=64,
        help_text=_("An index (3,00) or a predikat (Baik); nothing is stored."),
    )


class LevelsForm(forms.Form):
    """One level choice per indicator, starting from the basis levels; empty means unanswered."""

    def __init__(
        self, *args: Any, instrument: Instrument, basis: Mapping[int, Value], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for indicator in instrument.indicators:
            self.fields[f"i{indicator.number}"] = value_field(
                instrument.scale_of(indicator),
                label=f"{indicator.number}. {indicator.name}",
                initial=basis.get(indicator.number),
            )

    def levels(self) -> dict[int, Value]:
        return {
            int(name[1:]): level for name, level in self.cleaned_data.items() if level is not None
        }


class CostsForm(forms.Form):
    """The cost or effort of each level step, per indicator (1 when left empty)."""

    def __init__(
        self, *args: Any, instrument: Instrument, costs: Mapping[int, Decimal], **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", "cost")
        super().__init__(*args, **kwargs)
        for indicator in instrument.indicators:
            self.fields[str(indicator.number)] = forms.DecimalField(
                label=f"{indicator.number}. {indicator.name}",
                required=False,
                localize=True,
                min_value=0,
                max_digits=17,
                decimal_places=COST_PLACES,
                initial=Decimal(exact_string(costs.get(indicator.number, DEFAULT_STEP_COST))),
            )

    def costs(self) -> dict[int, Decimal | None]:
        return {int(name): cost for name, cost in self.cleaned_data.items()}


class CapsForm(forms.Form):
    """How many levels each indicator may rise in one plan (one level when left empty)."""

    def __init__(
        self, *args: Any, instrument: Instrument, caps: Mapping[int, int], **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", "cap")
        super().__init__(*args, **kwargs)
        for indicator in instrument.indicators:
            self.fields[str(indicator.number)] = forms.IntegerField(
                label=f"{indicator.number}. {indicator.name}",
                required=False,
                min_value=1,
                max_value=instrument.max_level - instrument.min_level,
                initial=caps.get(indicator.number),
            )

    def caps(self) -> dict[int, int | None]:
        return {int(name): levels for name, levels in self.cleaned_data.items()}


class CostSheetForm(forms.Form):
    sheet = forms.FileField(
        label=_("Costs per step (.xlsx or .csv)"),
        help_text=_(
            "Columns: indicator, cost and optionally to_level for the cost of one step. "
            "The sheet replaces the previous sheet."
        ),
    )


class AcceptPlanForm(forms.Form):
    due_on = forms.DateField(label=_("Due date of the items"), widget=DATE_INPUT)
    target = forms.CharField(widget=forms.HiddenInput, max_length=64)
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ItemForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("Indicator"), coerce=int)
    recommendation = forms.CharField(
        label=_("Assessors' recommendation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Copy the recommendation as written; leave it empty for an item of your own."),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=255,
        help_text=_("Taken from the recommendation when left empty."),
    )
    target_level = forms.TypedChoiceField(label=_("Target level"), coerce=int)
    owner = ModelChoiceField(
        label=_("Owner OPD"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        empty_label=_("No owner yet"),
    )
    due_on = forms.DateField(label=_("Due date"), widget=DATE_INPUT)

    def __init__(self, *args: Any, instrument: Instrument, opds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            (indicator.number, f"{indicator.number}. {indicator.name}")
            for indicator in instrument.indicators
        ]
        top = max(scale.highest for scale in instrument.scales)
        self.fields["target_level"].choices = [(level, str(level)) for level in range(1, top + 1)]
        self.fields["owner"].queryset = opds

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("recommendation", "").strip() or data.get("title", "").strip()):
            raise forms.ValidationError(_("Give the assessors' recommendation or a title."))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Progress note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class EvidenceForm(forms.Form):
    document = ModelChoiceField(label=_("Document from the evidence bank"), queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
