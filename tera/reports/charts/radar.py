"""Radar chart: one axis per label (the aspects), level 0 at the centre, the top level outermost."""

from __future__ import annotations

from math import cos, pi, sin

from django.utils.safestring import SafeString

from tera.reports.charts.data import ChartData, Series
from tera.reports.charts.svg import (
    GRID,
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
CENTRE_X, CENTRE_Y = 320, 215
RADIUS = 150
LABEL_GAP = 24
LABEL_WIDTH = 18  # characters per line of an axis label


def point(position: int, count: int, ratio: float) -> tuple[float, float]:
    """Where `ratio` of the radius lies on axis `position`; the first axis points up."""
    angle = -pi / 2 + 2 * pi * position / count
    return CENTRE_X + RADIUS * ratio * cos(angle), CENTRE_Y + RADIUS * ratio * sin(angle)


def _points(pairs: list[tuple[float, float]]) -> str:
    return " ".join(f"{number(x)},{number(y)}" for x, y in pairs)


def _grid(count: int, maximum: int) -> str:
    rings = "".join(
        tag(
            "polygon",
            points=_points([point(p, count, level / maximum) for p in range(count)]),
            fill="none",
            stroke=GRID,
            class_="ring",
            data_level=level,
        )
        + value_text(str(level), CENTRE_X - 4, point(0, count, level / maximum)[1] - 2,
                     anchor="end", fill=MUTED, font_size="10")
        for level in range(1, maximum + 1)
    )  # fmt: skip
    axes = "".join(
        tag("line", x1=CENTRE_X, y1=CENTRE_Y, x2=number(x), y2=number(y), stroke=GRID)
        for x, y in (point(p, count, 1) for p in range(count))
    )
    return rings + axes


def _axis_labels(data: ChartData) -> str:
    count = len(data.labels)
    parts = []
    for position, text in enumerate(data.labels):
        angle = -pi / 2 + 2 * pi * position / count
        x, y = point(position, count, (RADIUS + LABEL_GAP) / RADIUS)
        anchor = "start" if cos(angle) > 0.3 else "end" if cos(angle) < -0.3 else "middle"
        y += 8 * sin(angle)  # the top and bottom labels keep clear of the ring
        parts.append(label(text, x, y, width=LABEL_WIDTH, anchor=anchor))
    return "".join(parts)


def _series(data: ChartData, position: int, series: Series, maximum: int) -> str:
    """A closed line when every label has a value; with gaps only the marks, to invent nothing."""
    count = len(data.labels)
    marks, corners = [], []
    for axis, value in enumerate(series.values):
        if value is None:
            continue
        x, y = point(axis, count, share(value, maximum))
        corners.append((x, y))
        text = data.text(value)
        marks.append(marker(position, x, y, f"{series.name} · {data.labels[axis]}: {text}"))
        marks.append(value_text(text, x + 7, y - 7 + 14 * position, anchor="start", font_size="11"))
    outline = ""
    if len(corners) == count:
        outline = tag(
            "polygon", points=_points(corners), fill=colour(position), fill_opacity="0.12",
            stroke=colour(position), stroke_width="2", stroke_dasharray=dash(position),
            class_="series",
        )  # fmt: skip
    return tag("g", outline + "".join(marks), data_series=series.name)


def radar_chart(data: ChartData, *, name: str, maximum: int = 5) -> SafeString:
    """The series (self-assessed, official...) over the labels, on rings 1 to `maximum`."""
    count = len(data.labels)
    if not count:
        raise ValueError("a radar chart needs at least one label")
    body = _grid(count, maximum) + _axis_labels(data)
    # The first series is drawn last, on top: where two series meet, its smaller mark shows.
    body += "".join(
        _series(data, position, series, maximum)
        for position, series in reversed(list(enumerate(data.series)))
    )
    top = CENTRE_Y + RADIUS + LABEL_GAP + 34
    key, height = legend(
        [series.name for series in data.series],
        [line_swatch(p, series.name) for p, series in enumerate(data.series)],
        top=top,
        width=WIDTH,
    )
    return frame(name, WIDTH, top + height, data.title, data.summary(), body + key)
