"""What a chart shows, kept apart from how it is drawn so that its table shows the same numbers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tera.core.numbers import format_id

Value = Fraction | Decimal | int | None
MISSING = "–"


@dataclass(frozen=True)
class Series:
    """One compared thing (self-assessed, official, an OPD's count...): a value per label."""

    name: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Reference:
    """A horizontal line across a line chart, such as the lower bound of a predikat.

    A strong reference (a target) is drawn solid and labelled on the left, apart from the others.
    """

    value: Value
    label: str
    strong: bool = False


@dataclass(frozen=True)
class ChartData:
    """The numbers of one chart and of the table beside it: a row per label, a column per series.

    A heatmap reads the same shape with the labels as its rows and the series as its columns.
    """

    title: str
    label_heading: str  # what the labels are: the heading of the table's first column
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    places: int = 2  # decimals shown; 0 for counts and levels

    def __post_init__(self) -> None:
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(f"series {series.name!r} needs one value per label")

    def text(self, value: Value) -> str:
        """A value the Indonesian way ('3,28'), or a dash where there is none."""
        return MISSING if value is None else format_id(value, self.places)

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """Each label with the text of every series' value, in the order of the series."""
        return [
            (label, [self.text(series.values[position]) for series in self.series])
            for position, label in enumerate(self.labels)
        ]

    def summary(self) -> str:
        """Every value in words, for the chart's <desc>: 'Self-assessed: Kebijakan 3,00; ...'."""
        return "; ".join(
            f"{series.name}: "
            + ", ".join(
                f"{label} {self.text(value)}"
                for label, value in zip(self.labels, series.values, strict=True)
            )
            for series in self.series
        )
