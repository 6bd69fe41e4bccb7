"""Forms of the pages after the submission: stage scores, their sheet, deadlines and objections."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tera.assessments.models import DeadlineWindow, StageScore
from tera.assessments.stages import Entry, EntryRow
from tera.assessments.values import value_field
from tera.assessments.windows import WIB
from tera.core.instrument import Instrument
from tera.fields import ModelMultipleChoiceField


class StageEntryForm(forms.Form):
    """A level and a note per indicator, shown at the level in effect at this stage.

    Only the rows whose inputs differ from what was shown are passed on to be stored.
    """

    def __init__(
        self, *args: Any, instrument: Instrument, rows: list[EntryRow], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for row in rows:
            number = row.indicator.number
            shown = row.recorded or row.carried
            self.fields[f"level_{number}"] = value_field(
                instrument.scale_of(row.indicator),
                label=_("Level of indicator %(number)s") % {"number": number},
                initial=None if shown is None else shown.level,
            )
            self.fields[f"note_{number}"] = forms.CharField(
                label=_("Assessors' note on indicator %(number)s") % {"number": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
                initial=row.recorded.note if row.recorded else "",
            )
        self.rows = rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for number in self._changed_numbers():
            if data.get(f"level_{number}") is None:
                self.add_error(
                    f"level_{number}", _("Choose a level to record a score for this indicator.")
                )
        return data

    def _changed_numbers(self) -> list[int]:
        return sorted({int(name.split("_", 1)[1]) for name in self.changed_data})

    def entries(self) -> dict[int, Entry]:
        data = self.cleaned_data
        return {
            number: Entry(data[f"level_{number}"], data[f"note_{number}"])
            for number in self._changed_numbers()
        }


class StageImportForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=StageScore.Stage.choices)
    sheet = forms.FileField(
        label=_("Sheet (.xlsx or .csv)"),
        help_text=_(
            "Columns: indikator, tingkat, catatan. Rows for indicators the assessors did not "
            "change may be left out; they keep the previous stage's value."
        ),
    )


class WibDateTimeField(forms.DateTimeField):
    """Typed and shown in WIB, the zone of the assessors' schedule, whatever the server's zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            return value.astimezone(WIB).replace(tzinfo=None)
        return value

    def to_python(self, value: Any) -> datetime | None:
        moment = super().to_python(value)
        return None if moment is None else moment.replace(tzinfo=None).replace(tzinfo=WIB)


class WindowForm(forms.Form):
    kind = forms.ChoiceField(label=_("Window"), choices=DeadlineWindow.Kind.choices)
    opens_at = WibDateTimeField(label=_("Opens at (WIB)"))
    closes_at = WibDateTimeField(label=_("Closes at (WIB)"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("A window must close after it opens."))
        return data


class InterviewForm(forms.Form):
    interview_date = forms.DateField(
        label=_("Interview date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Sets the re-upload window from the start of the interview day to the end of the "
            "third day after it."
        ),
    )


class ObjectionForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("Indicator"), coerce=int)
    text = forms.CharField(label=_("Objection"), widget=forms.Textarea(attrs={"rows": 4}))
    documents = ModelMultipleChoiceField(
        label=_("Documents cited"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
    )

    def __init__(self, *args: Any, instrument: Instrument, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            (indicator.number, f"{indicator.number}. {indicator.name}")
            for indicator in instrument.indicators
        ]
        self.fields["documents"].queryset = documents
