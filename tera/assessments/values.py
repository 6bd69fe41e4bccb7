"""Indicator values in forms and actions: whole levels as choices, decimals (1,26) as text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tera.core.instrument import Indicator, Instrument, Scale, SourceIndex, Value
from tera.core.values import as_value, example_value, parse_value, read_number
from tera.errors import ActionRefused

# A source index is entered as its certificate prints it; the database keeps four places.
SOURCE_PLACES = 4


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


@dataclass(frozen=True)
class Conversion:
    """What the indicator page says of a value converted from another index."""

    source: SourceIndex
    entered: str
    """The source value as entered ('68,75'), or '' while there is none."""
    working: str
    rule: str
    default: str


def conversion_of(
    instrument: Instrument, indicator: Indicator, source_value: Decimal | None
) -> Conversion | None:
    source = indicator.source_index
    if source is None:
        return None
    places = instrument.scale_of(indicator).places
    return Conversion(
        source=source,
        entered="" if source_value is None else source.shown(source_value),
        working="" if source_value is None else source.working(source_value, places),
        rule=source.rule_text(),
        default=instrument.scale_of(indicator).display(source.default),
    )


def source_refusal(source: SourceIndex, value: object) -> str:
    return _(
        "The %(name)s value “%(value)s” is not allowed: give a number from %(low)s to %(high)s "
        "with at most %(places)s decimals, as on its certificate."
    ) % {
        "name": source.name,
        "value": value,
        "low": source.shown(source.lower),
        "high": source.shown(source.upper),
        "places": SOURCE_PLACES,
    }


def read_source_value(source: SourceIndex, text: str) -> Decimal | None:
    """The source index value typed ('68,75'), or None when the index does not take it."""
    number = read_number(text)
    if number is None or not source.allows(number):
        return None
    exact = number.quantize(Decimal(1).scaleb(-SOURCE_PLACES))
    return number if exact == number else None


def check_source_value(source: SourceIndex, value: Decimal | None) -> None:
    if value is not None and read_source_value(source, str(value)) is None:
        raise ActionRefused(source_refusal(source, value))


def check_value(instrument: Instrument, indicator: int, value: Value | None) -> None:
    """Refuse a value the indicator's scale does not take; None (not chosen) passes."""
    if value is None:
        return
    scale = instrument.scale_for(indicator)
    if as_value(scale, value) is None:
        raise ActionRefused(value_refusal(scale, value))


class NumberTextField(forms.CharField):
    """A number typed with a comma or a point ('1,26' or '1.26'), shown the Indonesian way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, required=False, **kwargs)
        self.widget.attrs.update(inputmode="decimal", autocomplete="off", size=6, maxlength=12)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | float) or hasattr(value, "quantize"):
            return self.shown(value)
        return value

    def to_python(self, value: Any) -> Value | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        parsed = self.parse(text)
        if parsed is None:
            raise forms.ValidationError(self.refusal(text), code="invalid")
        return parsed

    def shown(self, value: Any) -> str:
        raise NotImplementedError

    def parse(self, text: str) -> Value | None:
        raise NotImplementedError

    def refusal(self, text: str) -> str:
        raise NotImplementedError


class DecimalValueField(NumberTextField):
    """A value of a decimal scale: '1,26'."""

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
        super().__init__(*args, **kwargs)

    def shown(self, value: Any) -> str:
        return self.scale.display(value)

    def parse(self, text: str) -> Value | None:
        return parse_value(self.scale, text)

    def refusal(self, text: str) -> str:
        return value_refusal(self.scale, text)


class SourceValueField(NumberTextField):
    """The value of another agency's index, as printed on its certificate: '68,75'."""

    def __init__(self, *args: Any, source: SourceIndex, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "From %(low)s to %(high)s, as on its certificate; Tera converts it to the "
                "indicator's value."
            )
            % {"low": source.shown(source.lower), "high": source.shown(source.upper)},
        )
        super().__init__(*args, **kwargs)

    def shown(self, value: Any) -> str:
        return self.source.shown(Decimal(value))

    def parse(self, text: str) -> Value | None:
        return read_source_value(self.source, text)

    def refusal(self, text: str) -> str:
        return source_refusal(self.source, text)


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
        return DecimalValueField(label=label, scale=scale, initial=initial)
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
