"""The SVG charts: well-formed, named for screen readers, values as text, hostile text kept text."""

import re
from fractions import Fraction
from xml.etree import ElementTree

import pytest

from tera.reports.charts import (
    ChartData,
    Reference,
    Series,
    bar_chart,
    heatmap,
    line_chart,
    radar_chart,
)
from tera.reports.charts.bars import LEFT, RIGHT
from tera.reports.charts.heatmap import SHADES

HOSTILE = '<script>alert("x")</script> & Co'
ASPECTS = ("Kebijakan Internal", "Tata Kelola", HOSTILE, "Manajemen", "Layanan")


def aspects(*series):
    return ChartData("Indeks per aspek", "Aspek", ASPECTS, tuple(series))


MINE = Series("Mandiri", (Fraction(82, 25), 2, 5, None, Fraction(7, 2)))  # 3,28 ... 3,50
OFFICIAL = Series("Resmi", (3, 2, 4, 1, 3))

CHARTS = {
    "radar": lambda data: radar_chart(data, name="radar"),
    "bars": lambda data: bar_chart(data, name="bars", maximum=5),
    "line": lambda data: line_chart(
        data, name="line", references=[Reference(Fraction(13, 5), "Baik")]
    ),
    "heatmap": lambda data: heatmap(data, name="heatmap"),
}


def parse(svg):
    return ElementTree.fromstring(str(svg))


def texts(root):
    """Every piece of text the chart writes, as a reader of the picture sees it."""
    return ["".join(element.itertext()) for element in root.iter("text")]


@pytest.fixture(params=CHARTS)
def drawn(request):
    return CHARTS[request.param](aspects(MINE, OFFICIAL))


def test_a_chart_is_well_formed_xml(drawn):
    assert parse(drawn).tag == "svg"


def test_a_chart_is_an_image_named_by_its_title_and_description(drawn):
    root = parse(drawn)
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.get("role") == "img"
    assert (by_id[title_id].tag, by_id[title_id].text) == ("title", "Indeks per aspek")
    assert by_id[desc_id].tag == "desc" and by_id[desc_id].text


def test_a_chart_scales_with_the_page_from_a_fixed_view_box(drawn):
    root = parse(drawn)
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox"))
    assert root.get("width") == "100%" and root.get("height") is None


def test_a_chart_writes_its_values_as_text_the_indonesian_way(drawn):
    written = texts(parse(drawn))
    assert {"3,28", "3,50", "4,00"} <= set(written)


def test_a_chart_says_where_a_value_is_missing(drawn):
    """On the chart itself where there is a place for it, else in its description."""
    root = parse(drawn)
    assert "–" in texts(root) or "Manajemen –" in root.find("desc").text


def test_a_hostile_label_is_escaped_and_stays_text(drawn):
    assert "<script" not in drawn
    assert "&lt;script&gt;" in drawn
    root = parse(drawn)
    assert root.find(".//script") is None
    assert any(HOSTILE in (element.text or "") for element in root.iter("title"))


def test_a_chart_names_no_external_address(drawn):
    assert "http:" not in drawn and "https:" not in drawn and "href" not in drawn


def test_a_chart_uses_only_fonts_installed_offline(drawn):
    assert parse(drawn).get("font-family") == "system-ui, 'DejaVu Sans', sans-serif"


def test_two_charts_on_one_page_have_ids_of_their_own():
    first = parse(radar_chart(aspects(MINE), name="one"))
    second = parse(radar_chart(aspects(MINE), name="two"))
    ids = [e.get("id") for root in (first, second) for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 4


def translation(element):
    x, y = re.fullmatch(r"translate\((\S+) (\S+)\)", element.get("transform")).groups()
    return float(x), float(y)


def test_a_radar_point_at_level_5_lies_on_the_outer_ring():
    root = parse(radar_chart(aspects(MINE), name="radar"))
    outer = root.find(".//polygon[@data-level='5']")
    corners = [tuple(map(float, pair.split(","))) for pair in outer.get("points").split()]
    marks = {
        mark.find("title").text.split(": ")[0]: translation(mark)
        for mark in root.iter("g")
        if mark.get("class") == "mark"
    }
    assert marks[f"Mandiri · {HOSTILE}"] == corners[2]


def test_a_radar_point_at_level_0_lies_at_the_centre():
    data = aspects(Series("Mandiri", (0, 1, 2, 3, 4)))
    root = parse(radar_chart(data, name="radar"))
    first = next(m for m in root.iter("g") if m.get("class") == "mark")
    centre = next(line for line in root.iter("line"))
    assert translation(first) == (float(centre.get("x1")), float(centre.get("y1")))


def test_a_radar_closes_the_line_of_a_complete_series_only():
    root = parse(radar_chart(aspects(MINE, OFFICIAL), name="radar"))
    outlines = [g.get("data-series") for g in root.iter("g") if g.find("polygon") is not None]
    assert outlines == ["Resmi"]


def bar_widths(root):
    return [float(rect.get("width")) for rect in root.iter("rect") if rect.get("class") == "bar"]


def test_a_bar_at_the_maximum_spans_the_scale_and_half_of_it_half():
    data = ChartData(
        "Progres OPD", "OPD", ("Diskominfo", "Bappeda"), (Series("Ditugaskan", (4, 2)),), places=0
    )
    assert bar_widths(parse(bar_chart(data, name="bars", maximum=4))) == [
        RIGHT - LEFT,
        (RIGHT - LEFT) / 2,
    ]


def test_a_scale_of_nothing_but_zeros_still_draws():
    data = ChartData("Progres OPD", "OPD", ("Diskominfo",), (Series("Ditugaskan", (0,)),), places=0)
    assert bar_widths(parse(bar_chart(data, name="bars", maximum=0))) == [0]


def test_bars_of_different_series_differ_by_pattern_not_only_colour():
    root = parse(bar_chart(aspects(MINE, OFFICIAL), name="bars", maximum=5))
    fills = {rect.get("fill") for rect in root.iter("rect") if rect.get("class") == "bar"}
    assert fills == {"#0072b2", "url(#bars-fill-1)"}
    assert root.find(".//pattern[@id='bars-fill-1']") is not None


def test_lines_of_different_series_differ_by_dash_and_marker():
    root = parse(line_chart(aspects(MINE, OFFICIAL), name="line"))
    dashes = {p.get("stroke-dasharray") for p in root.iter("path") if p.get("class") == "series"}
    shapes = {list(mark)[1].tag for mark in root.iter("g") if mark.get("class") == "mark"}
    assert dashes == {None, "7 4"}
    assert shapes == {"circle", "rect"}


def test_a_missing_year_breaks_the_line_instead_of_bridging_it():
    data = ChartData("Tren", "Tahun", ("2022", "2023", "2024"), (Series("Resmi", (2, None, 3)),))
    root = parse(line_chart(data, name="line"))
    assert len([p for p in root.iter("path") if p.get("class") == "series"]) == 2


def test_a_reference_line_is_labelled_with_its_value():
    root = parse(CHARTS["line"](aspects(MINE)))
    assert "Baik 2,60" in texts(root)


def test_a_heatmap_cell_is_shaded_by_its_level_and_writes_it():
    data = ChartData(
        "Peta", "Instansi", ("Kota Satu",), (Series("1", (0,)), Series("2", (5,))), places=0
    )
    root = parse(heatmap(data, name="heatmap"))
    cells = [rect for rect in root.iter("rect") if rect.get("class") == "cell"]
    assert [cell.get("fill") for cell in cells[:2]] == [SHADES[0], SHADES[5]]
    assert {"0", "5"} <= set(texts(root))


def test_the_table_beside_a_chart_shows_the_values_the_chart_writes():
    data = aspects(MINE, OFFICIAL)
    assert data.rows[0] == ("Kebijakan Internal", ["3,28", "3,00"])
    assert data.rows[3] == ("Manajemen", ["–", "1,00"])


def test_a_series_needs_one_value_per_label():
    with pytest.raises(ValueError, match="one value per label"):
        aspects(Series("Mandiri", (1, 2)))
