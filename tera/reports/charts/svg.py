"""The pieces every chart is drawn with: escaped elements, wrapped labels, series styles, legend.

Every text and attribute value goes through `escape`, so a hostile OPD or instansi name stays
text. Series differ by colour and also by marker shape, line dash and bar pattern, so that
colour is never the only signal, in colour or printed in grey.
"""

from __future__ import annotations

from collections.abc import Sequence
from textwrap import wrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tera.reports.charts.data import Value

# Installed offline everywhere Tera runs: the system font of the browser, DejaVu Sans for PDF.
FONT = "system-ui, 'DejaVu Sans', sans-serif"
INK = "#1d2630"
MUTED = "#5b6775"
GRID = "#d6dde5"
# Okabe-Ito colours, told apart with the common forms of colour blindness.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
DASHES = ("", "7 4", "2 3", "9 3 2 3")
MARKER_SIZE = 4.5
LEGEND_ROW = 20
ELLIPSIS = "…"


def number(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: 12.5, not 12.500000001."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def tag(name: str, children: str = "", **attributes: object) -> str:
    """<name a="v">children</name>; children is markup made by these helpers, never raw text.

    Attribute names take '-' for '_' (stroke_width) and drop a trailing one (class_).
    """
    pairs = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for key, value in attributes.items()
        if value is not None and value != ""
    )
    return f"<{name}{pairs}>{children}</{name}>" if children else f"<{name}{pairs}/>"


def share(value: Value, maximum: float) -> float:
    """How far along the scale a value lies, from 0 to 1; beyond either end it stays at the end."""
    return min(max(float(value or 0) / maximum, 0.0), 1.0)


def title(text: str) -> str:
    """A tooltip and an accessible name for the element it is put in."""
    return tag("title", escape(text))


def lines(text: str, width: int, most: int = 2) -> list[str]:
    """The text wrapped at `width` characters in at most `most` lines, the last cut with '…'."""
    wrapped = wrap(text, width) or [""]
    if len(wrapped) <= most:
        return wrapped
    kept = wrapped[: most - 1]
    rest = " ".join(wrapped[most - 1 :])
    return [*kept, rest[: width - 1].rstrip() + ELLIPSIS]


def label(
    text: str,
    x: float,
    y: float,
    *,
    width: int,
    most: int = 2,
    anchor: str = "middle",
    **style: object,
) -> str:
    """A label wrapped into lines centred on y, with the full text in its <title>."""
    parts = lines(text, width, most)
    first = y - (len(parts) - 1) * 6.5
    spans = "".join(
        tag("tspan", escape(part), x=number(x), y=number(first + 13 * position))
        for position, part in enumerate(parts)
    )
    style = {"fill": INK, **style}
    return tag("text", title(text) + spans, text_anchor=anchor, dominant_baseline="middle", **style)


def value_text(text: str, x: float, y: float, *, anchor: str = "middle", **style: object) -> str:
    """A value or short text at x, y, in ink unless the style says otherwise."""
    style = {"fill": INK, **style}
    return tag("text", escape(text), x=number(x), y=number(y), text_anchor=anchor, **style)


def colour(position: int) -> str:
    return COLOURS[position % len(COLOURS)]


def dash(position: int) -> str:
    return DASHES[position % len(DASHES)]


def marker(position: int, x: float, y: float, tooltip: str) -> str:
    """The series' own shape (circle, square, triangle, diamond...) centred on x, y."""
    size, wide = MARKER_SIZE, number(2 * MARKER_SIZE)
    shapes = (
        tag("circle", r=number(size)),
        tag("rect", x=number(-size), y=number(-size), width=wide, height=wide),
        tag("path", d=f"M0 {number(-size * 1.3)}L{number(size * 1.2)} {number(size)}"
            f"L{number(-size * 1.2)} {number(size)}Z"),
        tag("path", d=f"M0 {number(-size * 1.4)}L{number(size * 1.4)} 0"
            f"L0 {number(size * 1.4)}L{number(-size * 1.4)} 0Z"),
    )  # fmt: skip
    return tag(
        "g",
        title(tooltip) + shapes[position % len(shapes)],
        class_="mark",
        transform=f"translate({number(x)} {number(y)})",
        fill=colour(position),
        stroke="#fff",
    )


def patterns(chart: str, count: int) -> str:
    """Bar fills: solid, then hatched, dotted and cross-hatched, so print in grey still tells."""
    defined = []
    for position in range(1, count):
        ink = colour(position)
        drawing = (
            tag("path", d="M0 6L6 0M-1 1L1 -1M5 7L7 5", stroke=ink, stroke_width="1.6"),
            tag("circle", cx="3", cy="3", r="1.4", fill=ink),
            tag("path", d="M0 0L6 6M6 0L0 6", stroke=ink, stroke_width="1.2"),
        )[(position - 1) % 3]
        defined.append(
            tag(
                "pattern",
                tag("rect", width="6", height="6", fill="#fff") + drawing,
                id=f"{chart}-fill-{position}",
                width="6",
                height="6",
                patternUnits="userSpaceOnUse",
            )
        )
    return tag("defs", "".join(defined)) if defined else ""


def fill(chart: str, position: int) -> str:
    return colour(position) if position == 0 else f"url(#{chart}-fill-{position})"


def legend(
    names: Sequence[str], swatches: Sequence[str], *, top: float, width: float, left: float = 10
) -> tuple[str, float]:
    """The series names with their swatch, flowing into rows; returns the markup and its height."""
    items, x, y = [], left, top
    for name, swatch in zip(names, swatches, strict=True):
        shown = lines(name, 40, 1)[0]
        span = 34 + 7 * len(shown)
        if x > left and x + span > width:
            x, y = left, y + LEGEND_ROW
        items.append(
            tag(
                "g",
                swatch + value_text(shown, 28, 4, anchor="start"),
                transform=f"translate({number(x)} {number(y)})",
            )
        )
        x += span + 16
    return tag("g", "".join(items), class_="legend"), y - top + LEGEND_ROW


def line_swatch(position: int, tooltip: str) -> str:
    """A short stretch of the series' line, dash and marker, as the line charts draw them."""
    stroke = tag(
        "line", x1="0", y1="0", x2="22", y2="0", stroke=colour(position),
        stroke_width="2.5", stroke_dasharray=dash(position),
    )  # fmt: skip
    return stroke + marker(position, 11, 0, tooltip)


def bar_swatch(chart: str, position: int) -> str:
    return tag(
        "rect", x="0", y="-6", width="22", height="12", fill=fill(chart, position),
        stroke=colour(position),
    )  # fmt: skip


def frame(
    name: str, width: float, height: float, heading: str, description: str, body: str
) -> SafeString:
    """The <svg> around a chart: a fixed viewBox that scales to the page, named by its <title>."""
    svg = tag(
        "svg",
        tag("title", escape(heading), id=f"{name}-title")
        + tag("desc", escape(description), id=f"{name}-desc")
        + body,
        class_="chart",
        viewBox=f"0 0 {number(width)} {number(height)}",
        width="100%",
        role="img",
        aria_labelledby=f"{name}-title {name}-desc",
        font_family=FONT,
        font_size="12",
    )
    return mark_safe(svg)  # every text and attribute above went through escape() in `tag`
