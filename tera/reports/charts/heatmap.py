"""Heatmap: a row per label (an instansi), a column per series (an indicator), a cell per level."""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tera.reports.charts.data import ChartData, Value
from tera.reports.charts.svg import GRID, INK, frame, label, number, share, tag, title, value_text

LEFT = 190  # the row labels' column
TOP = 40  # the column labels' row
CELL_WIDTH, CELL_HEIGHT = 30, 22
ROW_LABEL_WIDTH = 28
# From light to dark, readable in grey; the level is also written in every cell.
SHADES = ("#f7fbff", "#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
DARK_FROM = 4  # shades from here on take white text


def shade(value: Value, maximum: float) -> int:
    return round(share(value, maximum) * (len(SHADES) - 1))


def _cell(x: float, y: float, value: Value, text: str, tooltip: str, maximum: float) -> str:
    if value is None:
        fill, ink = "#fff", INK
    else:
        found = shade(value, maximum)
        fill, ink = SHADES[found], "#fff" if found >= DARK_FROM else INK
    box = tag(
        "rect", title(tooltip), x=number(x), y=number(y), width=CELL_WIDTH, height=CELL_HEIGHT,
        fill=fill, stroke=GRID, class_="cell",
    )  # fmt: skip
    return box + value_text(
        text, x + CELL_WIDTH / 2, y + CELL_HEIGHT / 2 + 4, fill=ink, font_size="11"
    )


def _key(data: ChartData, top: float, maximum: int) -> str:
    """The levels 0 to the maximum as cells of their own shade, each with its number."""
    return "".join(
        _cell(LEFT + CELL_WIDTH * level, top, level, data.text(level), str(level), maximum)
        for level in range(0, maximum + 1)
    ) + value_text(_("Level"), LEFT - 8, top + CELL_HEIGHT / 2 + 4, anchor="end", fill=INK)


def heatmap(data: ChartData, *, name: str, maximum: int = 5) -> SafeString:
    """Levels 0 to `maximum` of every row (label) in every column (series)."""
    columns, rows = len(data.series), len(data.labels)
    width = LEFT + CELL_WIDTH * max(columns, maximum + 1) + 10  # the key is as wide as the levels
    parts = [
        label(series.name, LEFT + CELL_WIDTH * (c + 0.5), TOP - 14, width=4, font_size="10")
        for c, series in enumerate(data.series)
    ]
    for r, row in enumerate(data.labels):
        y = TOP + CELL_HEIGHT * r
        middle = y + CELL_HEIGHT / 2
        parts.append(label(row, LEFT - 8, middle, width=ROW_LABEL_WIDTH, most=1, anchor="end"))
        for c, series in enumerate(data.series):
            value = series.values[r]
            text = data.text(value)
            tooltip = f"{row} · {series.name}: {text}"
            parts.append(_cell(LEFT + CELL_WIDTH * c, y, value, text, tooltip, maximum))
    bottom = TOP + CELL_HEIGHT * rows + 16
    parts.append(_key(data, bottom, maximum))
    description = _(
        "%(rows)s rows by %(columns)s columns of levels from 0 to %(maximum)s; the table beside "
        "the chart gives every value."
    ) % {"rows": rows, "columns": columns, "maximum": maximum}
    return frame(name, width, bottom + CELL_HEIGHT + 8, data.title, description, "".join(parts))
