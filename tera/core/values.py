"""Indicator values as people type them: '3', '1,26' or '1.26', checked against their scale."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from tera.core.instrument import Scale, Value

# Far beyond any scale, and small enough that Decimal arithmetic on it stays cheap.
MAX_DIGITS = 12


def value_problem(scale: Scale, value: object) -> str:
    """Why a value is refused on this scale, in Indonesian."""
    if not scale.is_decimal:
        return f"tingkat '{value}' harus bilangan bulat {scale.range_text()}"
    return (
        f"nilai '{value}' harus antara {scale.range_text()}, paling banyak {scale.places} angka "
        "di belakang koma"
    )


def read_number(text: str) -> Decimal | None:
    """A finite number typed with a decimal comma or point; None when it is not one."""
    try:
        number = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > MAX_DIGITS:
        return None
    return number


def as_value(scale: Scale, number: Value) -> Value | None:
    """The number as a value of the scale (an int on a whole scale), or None if it takes none."""
    if not scale.allows(number):
        return None
    if not scale.is_decimal:
        return int(number)
    return Decimal(number).quantize(scale.step)


def example_value(scale: Scale) -> Value:
    """A value to show in a hint: 2,26 on a scale of hundredths from 1."""
    if not scale.is_decimal:
        return scale.highest
    return min(Decimal(scale.highest), (scale.lowest + Decimal("1.26")).quantize(scale.step))


def parse_value(scale: Scale, text: str) -> Value | None:
    number = read_number(text)
    return None if number is None else as_value(scale, number)
