"""Charts as SVG made on the server, the same for the page and the PDF, with no script and no CDN.

Each chart takes a ChartData (the numbers, also shown in the table beside it) and a `name` that
is unique on the page, from which the ids of its <title>, <desc> and fills are made.
"""

from tera.reports.charts.bars import bar_chart
from tera.reports.charts.data import ChartData, Reference, Series
from tera.reports.charts.heatmap import heatmap
from tera.reports.charts.line import line_chart
from tera.reports.charts.radar import radar_chart

__all__ = [
    "ChartData",
    "Reference",
    "Series",
    "bar_chart",
    "heatmap",
    "line_chart",
    "radar_chart",
]
