"""Line chart: the labels (years) left to right, values 0 to the maximum upwards, a line each."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString

from tera.reports.charts.data import ChartData, Reference, Series, Value
from tera.reports.charts.svg import (
    GRID,
    INK,
    MUTED,
    colour,
    dash,
    frame,
    label,
    legend,
    line_swatch,
    marker,
    number,
    share,
    tag,
    value_text,
)

WIDTH = 640
LEFT, RIGHT = 44, 536  # the plot; the labels of the reference lines are written to its right
TOP, BOTTOM = 26, 256
PADDING = 36  # keeps the first and last values clear of the frame
VALUE_OFFSETS = (-10, 19, -22, 31)  # each series writes its values at its own height


def x_of(position: int, count: int) -> float:
    if count == 1:
        return (LEFT + RIGHT) / 2
    return LEFT + PADDING + (RIGHT - LEFT - 2 * PADDING) * position / (count - 1)


def y_of(value: Value, maximum: float) -> float:
    return BOTTOM - (BOTTOM - TOP) * share(value, maximum)


def _grid(data: ChartData, maximum: int, references: Sequence[Reference]) -> str:
    parts = []
    for level in range(0, maximum + 1):
        y = y_of(level, maximum)
        parts.append(tag("line", x1=LEFT, y1=number(y), x2=RIGHT, y2=number(y), stroke=GRID))
        parts.append(value_text(str(level), LEFT - 8, y + 4, anchor="end", fill=MUTED))
    for reference in references:
        y = y_of(reference.value, maximum)
        ink, pattern = (INK, "") if reference.strong else (MUTED, "3 3")
        parts.append(
            tag("line", x1=LEFT, y1=number(y), x2=RIGHT, y2=number(y), stroke=ink,
                stroke_dasharray=pattern, class_="reference")
        )  # fmt: skip
        text = f"{reference.label} {data.text(reference.value)}"
        x, shift = (LEFT + 4, -3) if reference.strong else (RIGHT + 4, 3)
        parts.append(value_text(text, x, y + shift, anchor="start", fill=ink, font_size="10"))
    count = len(data.labels)
    width = max(6, int((RIGHT - LEFT) / max(count, 1) / 7))
    parts.extend(
        label(text, x_of(position, count), BOTTOM + 22, width=width)
        for position, text in enumerate(data.labels)
    )
    return "".join(parts)


def _segments(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """The runs of points without a gap: a missing year breaks the line rather than bridging it."""
    runs: list[list[tuple[float, float]]] = [[]]
    for found in points:
        if found is None:
            runs.append([])
        else:
            runs[-1].append(found)
    return [run for run in runs if run]


def _series(data: ChartData, position: int, series: Series, maximum: int) -> str:
    count = len(data.labels)
    points = [
        None if value is None else (x_of(p, count), y_of(value, maximum))
        for p, value in enumerate(series.values)
    ]
    paths = "".join(
        tag(
            "path",
            d="M" + "L".join(f"{number(x)} {number(y)}" for x, y in run),
            fill="none", stroke=colour(position), stroke_width="2.5",
            stroke_dasharray=dash(position), class_="series",
        )
        for run in _segments(points)
    )  # fmt: skip
    marks = []
    for p, (found, value) in enumerate(zip(points, series.values, strict=True)):
        if found is None:
            continue
        text = data.text(value)
        marks.append(marker(position, *found, f"{series.name} · {data.labels[p]}: {text}"))
        offset = VALUE_OFFSETS[position % len(VALUE_OFFSETS)]
        marks.append(value_text(text, found[0], found[1] + offset, font_size="11"))
    return tag("g", paths + "".join(marks), data_series=series.name)


def line_chart(
    data: ChartData, *, name: str, maximum: int = 5, references: Sequence[Reference] = ()
) -> SafeString:
    """The series over the labels on a 0 to `maximum` scale, with optional reference lines."""
    body = _grid(data, maximum, references)
    # The first series is drawn last, on top: where two series meet, its smaller mark shows.
    body += "".join(
        _series(data, position, series, maximum)
        for position, series in reversed(list(enumerate(data.series)))
    )
    top = BOTTOM + 56
    key, height = legend(
        [series.name for series in data.series],
        [line_swatch(p, series.name) for p, series in enumerate(data.series)],
        top=top,
        width=WIDTH,
    )
    description = "; ".join(
        [data.summary(), *(f"{r.label} {data.text(r.value)}" for r in references)]
    )
    return frame(name, WIDTH, top + height, data.title, description, body + key)
