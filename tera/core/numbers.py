"""Exact number helpers: half-up rounding, exact decimal strings, Indonesian formatting."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Exact = Fraction | Decimal | int

NON_TERMINATING_PLACES = 20


def round_half_up(value: Exact, places: int = 2) -> Decimal:
    """Round for display: a true 4.765 gives 4.77, never 4.76 as a binary float might."""
    fraction = Fraction(value)
    scaled = fraction * 10**places
    numerator, denominator = scaled.numerator, scaled.denominator
    magnitude = (2 * abs(numerator) + denominator) // (2 * denominator)
    rounded = magnitude if numerator >= 0 else -magnitude
    return Decimal(rounded).scaleb(-places)


def exact_decimal(value: Exact) -> Decimal:
    """The value as a Decimal: exact when it terminates, else rounded to 20 places."""
    fraction = Fraction(value)
    denominator = fraction.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return round_half_up(fraction, NON_TERMINATING_PLACES)
    places = max(twos, fives)
    return Decimal(fraction.numerator * 10**places // fraction.denominator).scaleb(-places)


def is_terminating(value: Exact) -> bool:
    denominator = Fraction(value).denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def exact_string(value: Exact) -> str:
    """A plain decimal string without exponent, trailing zeros trimmed (e.g. '3.282')."""
    text = format(exact_decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_id(value: Exact, places: int = 2) -> str:
    """Indonesian display: half-up rounding and a decimal comma (3,28)."""
    return format(round_half_up(value, places), "f").replace(".", ",")
