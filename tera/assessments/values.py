"""Indicator values in forms and actions: whole levels as choices, decimals (1,26) as text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tera.core.instrument import Instrument, Scale, Value
from tera.core.values import as_value, example_value, parse_value
from tera.errors import ActionRefused


def value_refusal(scale: Scale, value: object) -> str:
    """Why a value is refused on this scale, and what to type instead."""
    if not scale.is_decimal:
        return _("Level %(level)s is not allowed; choose %(low)s to %(high)s.") % {
            "level": value,
            "low": int(scale.lowest),
            "high": scale.highest,
        }
    return _(
        "The value “%(value)s” is not allowed: give a number from %(low)s to %(high)s with at "
        "most %(places)s decimals, for example %(example)s."
    ) % {
        "value": value,
        "low": scale.display(scale.lowest),
        "high": scale.display(scale.highest),
        "places": scale.places,
        "example": scale.display(example_value(scale)),
    }


def check_value(instrument: Instrument, indicator: int, value: Value | None) -> None:
    """Refuse a value the indicator's scale does not take; None (not chosen) passes."""
    if value is None:
        return
    scale = instrument.scale_for(indicator)
    if as_value(scale, value) is None:
        raise ActionRefused(value_refusal(scale, value))


class DecimalValueField(forms.CharField):
    """A value of a decimal scale, typed with a comma or a point: '1,26' or '1.26'."""

    def __init__(self, *args: Any, scale: Scale, **kwargs: Any) -> None:
        self.scale = scale
        kwargs.setdefault(
            "help_text",
            gettext_lazy("A number from %(low)s to %(high)s, e.g. %(example)s.")
            % {
                "low": scale.display(scale.lowest),
                "high": scale.display(scale.highest),
                "example": scale.display(example_value(scale)),
            },
        )
        super().__init__(*args, max_length=12, **kwargs)
        self.widget.attrs.update(inputmode="decimal", autocomplete="off", size=6)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | float) or hasattr(value, "quantize"):
            return self.scale.display(value)
        return value

    def to_python(self, value: Any) -> Value | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        parsed = parse_value(self.scale, text)
        if parsed is None:
            raise forms.ValidationError(value_refusal(self.scale, text), code="invalid")
        return parsed


def value_field(
    scale: Scale,
    *,
    label: Any,
    empty_label: Any = "–",
    labels: Sequence[tuple[int, str]] | None = None,
    radio: bool = False,
    initial: Value | None = None,
) -> forms.Field:
    """The field in which a value of this scale is chosen: choices of whole levels (labelled
    with `labels` where given), or a text field for a decimal scale."""
    if scale.is_decimal:
        return DecimalValueField(label=label, scale=scale, required=False, initial=initial)
    choices = labels or [(level, str(level)) for level in scale.whole_values()]
    return forms.TypedChoiceField(
        label=label,
        choices=[("", empty_label), *choices],
        coerce=int,
        required=False,
        empty_value=None,
        initial=initial,
        widget=forms.RadioSelect if radio else forms.Select,
    )
