"""Horizontal bars: a group per label (a domain, an OPD), a bar per series, the value at its end."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.safestring import SafeString

from tera.reports.charts.data import ChartData
from tera.reports.charts.svg import (
    GRID,
    MUTED,
    bar_swatch,
    colour,
    fill,
    frame,
    label,
    legend,
    number,
    patterns,
    share,
    tag,
    title,
    value_text,
)

WIDTH = 640
LEFT = 210  # the labels' column
RIGHT = 585  # where a bar at the maximum ends; the value is written after it
TOP = 26  # room for the scale above the bars
BAR = 14
BAR_GAP = 2
GROUP_GAP = 14
LABEL_WIDTH = 26  # characters per line of a label


def steps() -> Iterator[int]:
    """1, 2, 5, 10, 20, 50, 100...: the steps a reader counts in without effort."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            yield factor * magnitude
        magnitude *= 10


def ticks(maximum: float) -> list[int]:
    """At most 11 whole-number marks from 0 to the maximum."""
    top = int(maximum)
    step = next(step for step in steps() if top / step <= 10)
    return list(range(0, top + 1, step))


def _scale(maximum: float, bottom: float) -> str:
    parts = []
    for tick in ticks(maximum):
        x = LEFT + (RIGHT - LEFT) * tick / maximum
        parts.append(
            tag("line", x1=number(x), y1=TOP - 4, x2=number(x), y2=number(bottom), stroke=GRID)
        )
        parts.append(value_text(str(tick), x, TOP - 10, fill=MUTED, font_size="10"))
    return "".join(parts)


def _group(data: ChartData, chart: str, position: int, top: float, maximum: float) -> str:
    parts = []
    for index, series in enumerate(data.series):
        value = series.values[position]
        y = top + index * (BAR + BAR_GAP)
        length = (RIGHT - LEFT) * share(value, maximum)
        text = data.text(value)
        parts.append(
            tag(
                "rect",
                title(f"{series.name} · {data.labels[position]}: {text}"),
                x=LEFT, y=number(y), width=number(length), height=BAR,
                fill=fill(chart, index), stroke=colour(index), class_="bar",
            )
        )  # fmt: skip
        parts.append(value_text(text, LEFT + length + 5, y + BAR / 2 + 4, anchor="start"))
    height = len(data.series) * (BAR + BAR_GAP) - BAR_GAP
    parts.append(
        label(data.labels[position], LEFT - 8, top + height / 2, width=LABEL_WIDTH, anchor="end")
    )
    return "".join(parts)


def bar_chart(data: ChartData, *, name: str, maximum: float) -> SafeString:
    """Bars from 0 to `maximum` (5 for an index, the most assigned for counts)."""
    maximum = maximum or 1  # a scale of nothing but zeros still draws
    group = max(len(data.series), 1) * (BAR + BAR_GAP) - BAR_GAP + GROUP_GAP
    bottom = TOP + group * len(data.labels)
    body = patterns(name, len(data.series)) + _scale(maximum, bottom - GROUP_GAP / 2)
    body += "".join(
        _group(data, name, position, TOP + group * position, maximum)
        for position in range(len(data.labels))
    )
    key, height = legend(
        [series.name for series in data.series],
        [bar_swatch(name, position) for position in range(len(data.series))],
        top=bottom + 12,
        width=WIDTH,
    )
    return frame(name, WIDTH, bottom + 12 + height, data.title, data.summary(), body + key)
