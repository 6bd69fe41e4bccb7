"""Forms of the self-assessment pages; each carries the version it was opened at."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tera.assessments.models import Answer, Contribution, Period
from tera.assessments.periods import check_crosswalk
from tera.assessments.values import SourceValueField, value_field
from tera.core.instrument import Indicator, Instrument
from tera.errors import ActionRefused
from tera.fields import ModelChoiceField
from tera.instruments.models import CrosswalkVersion, InstrumentVersion


def level_choices(instrument: Instrument, indicator: Indicator) -> list[tuple[int, str]]:
    """Each level with its scale name and the indicator's criterion, shown where one is chosen."""
    scale = instrument.scale_of(indicator)
    choices = []
    for level in scale.whole_values():
        criterion = indicator.criteria.get(level, "")
        name = scale.level_name(level) or (_("Nothing in place") if level == 0 else "")
        choices.append((level, f"{level} · {name}" + (f": {criterion}" if criterion else "")))
    return choices


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ExplanationForm(VersionedForm):
    """A level (or a decimal value, on a decimal scale) with the FAKTA and ANALISIS behind it.

    An indicator converted from another agency's index has no level to choose: its value comes
    from the source index the Koordinator enters.
    """

    fakta = forms.CharField(
        label=_("Facts (FAKTA)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which document, its number, article or page, and file name."),
    )
    analisis = forms.CharField(
        label=_("Analysis (ANALISIS)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which criterion of the chosen level the facts meet, and how."),
    )

    def __init__(
        self, *args: Any, instrument: Instrument, indicator: Indicator, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if indicator.source_index is None:
            self.fields["level"] = value_field(
                instrument.scale_of(indicator),
                label=_("Value") if instrument.scale_of(indicator).is_decimal else _("Level"),
                empty_label=_("Not chosen yet"),
                labels=level_choices(instrument, indicator),
                radio=True,
            )
            self.order_fields(["version", "level"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data.setdefault("level", self.initial.get("level"))
        return data


class ContributionForm(ExplanationForm):
    @classmethod
    def for_contribution(
        cls, contribution: Contribution, instrument: Instrument, data: Any = None
    ) -> ContributionForm:
        indicator = instrument.indicator_by_number[contribution.indicator]
        return cls(
            data,
            instrument=instrument,
            indicator=indicator,
            prefix=f"c{contribution.pk}",
            initial={
                "version": contribution.version,
                "level": contribution.level,
                "fakta": contribution.fakta,
                "analisis": contribution.analisis,
            },
        )


class AnswerForm(ExplanationForm):
    level_source = ModelChoiceField(
        label=_("Level taken from"),
        queryset=Contribution.objects.none(),
        required=False,
        empty_label=_("The Koordinator's own judgement"),
    )

    def __init__(
        self, *args: Any, instrument: Instrument, indicator: Indicator, **kwargs: Any
    ) -> None:
        super().__init__(*args, instrument=instrument, indicator=indicator, **kwargs)
        source = indicator.source_index
        if source is not None:
            self.fields["source_value"] = SourceValueField(
                label=_("Value of %(index)s") % {"index": source.name}, source=source
            )
            del self.fields["level_source"]
            self.order_fields(["version", "source_value"])

    @classmethod
    def for_answer(
        cls,
        answer: Answer,
        instrument: Instrument,
        contributions: Any,
        data: Any = None,
        loaded: list[Contribution] | None = None,
    ) -> AnswerForm:
        form = cls(
            data,
            instrument=instrument,
            indicator=instrument.indicator_by_number[answer.indicator],
            prefix="answer",
            initial={
                "version": answer.version,
                "level": answer.level,
                "fakta": answer.fakta,
                "analisis": answer.analisis,
                "level_source": answer.level_source_id,
                "source_value": answer.source_value,
            },
        )
        if "level_source" not in form.fields:
            return form
        # Each choice is labelled with its period and OPD: fetch them with the choices.
        field = form.fields["level_source"]
        field.queryset = contributions.select_related("period", "opd")
        if loaded is not None:
            # The page has read them already: drawn from these, checked against the queryset.
            field.choices = [("", field.empty_label), *((c.pk, str(c)) for c in loaded)]
        return form


class ReviewForm(VersionedForm):
    DECISIONS = [("accept", _("Accept")), ("revision", _("Request a revision"))]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, instrument: Instrument, indicator: Indicator, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", "review")
        super().__init__(*args, **kwargs)
        self.fields["reviewer_level"] = value_field(
            instrument.scale_of(indicator),
            label=_("Reviewer's level"),
            empty_label=_("Same as the answer"),
        )
        self.order_fields(["version", "decision", "reviewer_level", "comment"])

    def offer_revision_only(self) -> None:
        """For the one who submitted the answer while another reviewer exists: the decision
        left to them is sending it back (tera.assessments.actions.self_review)."""
        decision = self.fields["decision"]
        decision.choices = [choice for choice in self.DECISIONS if choice[0] == "revision"]
        decision.initial = "revision"
        del self.fields["reviewer_level"]


class PeriodForm(forms.ModelForm):
    previous = ModelChoiceField(
        label=_("Carry over from"),
        queryset=Period.objects.none(),
        required=False,
        empty_label=_("Start empty"),
        help_text=_("Levels, explanations and evidence are copied as drafts to be confirmed."),
    )
    instrument = ModelChoiceField(
        label=_("Instrument"), queryset=InstrumentVersion.objects.filter(is_current=True)
    )
    crosswalk = ModelChoiceField(
        label=_("Crosswalk"),
        queryset=CrosswalkVersion.objects.none(),
        required=False,
        empty_label=_("None: same instrument"),
        help_text=_(
            "Needed when the instrument changes. Explanations, evidence and OPD assignments then "
            "come back as suggestions through it; levels do not, because the scales differ."
        ),
    )

    class Meta:
        model = Period
        fields = [
            "instrument",
            "kind",
            "year",
            "semester",
            "name",
            "starts_on",
            "answers_due",
            "review_due",
            "submission_due",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"})
            for name in ("starts_on", "answers_due", "review_due", "submission_due")
        }

    def __init__(self, *args: Any, previous_periods: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = previous_periods
        # Only crosswalks from an instrument of an earlier period to a current instrument.
        self.fields["crosswalk"].queryset = CrosswalkVersion.objects.filter(
            is_current=True,
            from_code__in=previous_periods.values("instrument__code"),
            to_code__in=InstrumentVersion.objects.filter(is_current=True).values("code"),
        )
        self.fields["name"].required = False
        self.fields["year"].widget.attrs.update(min=2018, max=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Period.Kind.SEMESTER and data.get("semester") not in (1, 2):
            self.add_error("semester", _("Choose semester 1 or 2."))
        if data.get("instrument") is not None:
            try:
                check_crosswalk(data.get("previous"), data["instrument"], data.get("crosswalk"))
            except ActionRefused as refused:
                self.add_error("crosswalk", refused.message)
        return data

    def dates(self) -> dict[str, Any]:
        names = ("starts_on", "answers_due", "review_due", "submission_due")
        return {name: self.cleaned_data.get(name) for name in names}


class AssignManyForm(forms.Form):
    """One OPD to many indicators: those of an aspect, or those ticked in the table."""

    opd = ModelChoiceField(label=_("OPD"), queryset=None)  # type: ignore[arg-type]
    aspect = forms.TypedChoiceField(
        label=_("Every indicator of aspect"), coerce=int, required=False
    )
    indicators = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args: Any, opds: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.fields["opd"].queryset = opds
        self.fields["aspect"].choices = [("", _("– or the ticked indicators –"))] + [
            (a.number, f"{a.number}. {a.name}") for a in instrument.aspects
        ]
        self.fields["indicators"].choices = [(i.number, i.number) for i in instrument.indicators]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        aspect = data.get("aspect")
        if aspect:
            chosen = next(a for a in self.instrument.aspects if a.number == aspect)
            data["numbers"] = [i.number for i in chosen.indicators]
        else:
            data["numbers"] = data.get("indicators") or []
        if not data["numbers"]:
            raise forms.ValidationError(_("Choose an aspect or tick at least one indicator."))
        return data


class AssignForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput)
    opd = ModelChoiceField(label=_("OPD"), queryset=None)  # type: ignore[arg-type]
    lead = forms.BooleanField(label=_("Lead"), required=False)

    def __init__(self, *args: Any, opds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds
