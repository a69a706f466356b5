import xml.etree.ElementTree as ET

import pytest

from goldenthread.charts import sparkline
from goldenthread.charts.lines import (
    gaps_sentence,
    line_chart,
    missing_between,
    timeline,
    zero_based_floor,
)
from goldenthread.lib.periods import Period

SVG = "{http://www.w3.org/2000/svg}"
FY = Period.financial_year


def ks2_chart(**options):
    """The issue's own example: 2010/11, then nothing until 2012/13 and 2013/14."""
    return line_chart(
        [FY(2010), FY(2012), FY(2013)],
        {"Thurrock": [80, 87, 90], "England": [84, 86, 91], "Region": [82, None, 88]},
        title="Pupils making 2 levels of progress KS1 to KS2 in maths, Thurrock and comparators",
        summary="Thurrock: 90% in 2013/14.",
        unit="%",
        target=("Target", [None, 88, 92]),
        limits=([77, 84, 88], [83, 90, 92]),
        from_zero=True,
        **options,
    )


def group(svg: str, gid: str):
    """The element matplotlib drew for an artist with this gid (ids are prefixed)."""
    root = ET.fromstring(svg)
    found = [e for e in root.iter() if e.get("id", "").endswith(f"-{gid}")]
    assert found, gid
    return found[0]


def marker_xs(svg: str, gid: str) -> list[float]:
    return [float(use.get("x")) for use in group(svg, gid).iter(f"{SVG}use")]


def test_time_runs_in_proportion_to_the_periods_dates():
    svg = ks2_chart().svg()

    first, second, third = marker_xs(svg, "line-0")
    # Two years from 2010/11 to 2012/13, one from 2012/13 to 2013/14.
    assert second - first == pytest.approx(2 * (third - second), rel=0.01)
    assert marker_xs(svg, "line-1") == [first, second, third]


def test_a_missing_period_breaks_the_line_and_is_shaded_and_named():
    chart = ks2_chart()
    svg = chart.svg()

    line = next(group(svg, "line-0").iter(f"{SVG}path")).get("d")
    # The line starts again after the gap rather than joining 2010/11 to 2012/13.
    assert line.count("M") == 2
    assert group(svg, "no-data") is not None
    assert "2011/12" in svg and "no data" in svg
    # The data says so too: a row for the missing year, with nothing in it.
    assert chart.rows()[1] == ("2011/12", [None] * 6)
    assert gaps_sentence([FY(2010), FY(2012), FY(2013)]) == "No data for 2011/12."


def test_the_limits_are_drawn_and_kept_in_the_data():
    chart = ks2_chart()

    limits = group(chart.svg(), "limits")
    assert len(list(limits.iter(f"{SVG}path"))) == 3  # one error bar a period
    assert list(chart.series) == [
        "Thurrock",
        "England",
        "Region",
        "Target",
        "Lower 95% limit",
        "Upper 95% limit",
    ]
    assert chart.rows()[0] == ("2010/11", [80, 84, 82, None, 77, 83])
    assert "95% confidence limits" in chart.svg()


def test_england_the_region_and_the_target_differ_by_line_and_marker_and_are_named():
    svg = ks2_chart().svg()
    styles = {
        gid: (group(svg, gid).find(f"{SVG}path").get("style"), marker_xs(svg, gid) != [])
        for gid in ("line-0", "line-1", "line-2", "line-target")
    }
    dashes = {gid: "stroke-dasharray" in style for gid, (style, _) in styles.items()}
    assert dashes == {"line-0": False, "line-1": True, "line-2": True, "line-target": True}
    assert len({style for style, _ in styles.values()}) == 4
    root = ET.fromstring(svg)
    marker_shapes = {
        gid: {
            use.get("{http://www.w3.org/1999/xlink}href")
            for use in group(svg, gid).iter(f"{SVG}use")
        }
        for gid in ("line-0", "line-1", "line-2", "line-target")
    }
    assert len({frozenset(shapes) for shapes in marker_shapes.values()}) == 4
    legend = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for name in ("Thurrock", "England", "Region", "Target"):
        assert name in legend


def test_a_percentage_starts_at_zero_unless_the_axis_is_marked_broken():
    assert zero_based_floor(6, 20) == 0
    assert zero_based_floor(-3, 5) == 0
    assert zero_based_floor(77, 92) is None

    broken = ks2_chart().svg()
    assert "Axis broken: starts at" in broken
    group(broken, "axis-break")

    low = line_chart(
        [FY(2012), FY(2013)], {"Thurrock": [6.0, 9.5]}, title="NEET", summary="", from_zero=True
    )
    figure = low.figure
    assert figure.axes[0].get_ylim()[0] == 0
    assert "Axis broken" not in low.svg()


def test_a_long_title_wraps_and_nothing_is_drawn_outside_the_figure():
    title = "A very long indicator title " * 6
    chart = line_chart(
        [FY(2012), FY(2013)], {"Thurrock": [1, 2], "England": [1, 3]}, title=title, summary=""
    )
    texts = texts_inside(chart.figure)
    drawn_title = next(t for t in texts if t.get_gid() == "title")
    assert drawn_title.get_text().replace("\n", " ") == title.strip()
    assert drawn_title.get_text().count("\n") >= 2


def texts_inside(figure) -> list:
    """Every piece of text the figure draws, once checked that all it draws lies
    inside it (the tight box counts only what is drawn, not ticks out of view)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # a legend's words are placed when it is drawn
    drawn = figure.get_tightbbox(canvas.get_renderer())
    width, height = figure.get_size_inches()
    assert drawn.x0 >= -0.01 and drawn.y0 >= -0.01
    assert drawn.x1 <= width + 0.01 and drawn.y1 <= height + 0.01
    return [t for t in figure.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


def test_the_timeline_places_each_period_and_each_run_of_missing_ones():
    census = timeline([Period.calendar_year(2001), Period.calendar_year(2011)])
    assert [(s.label, s.known, s.periods) for s in census] == [
        ("Jan to Dec 2001", True, 1),
        ("Jan to Dec 2002 to Jan to Dec 2010", False, 9),
        ("Jan to Dec 2011", True, 1),
    ]
    assert census[2].middle - census[0].middle == pytest.approx(10, abs=0.01)
    # Snapshots on dates a whole number of years apart have gaps; others have none.
    march = Period.snapshot
    import datetime as dt

    assert missing_between(march(dt.date(2012, 3, 31)), march(dt.date(2014, 3, 31))) == [
        march(dt.date(2013, 3, 31))
    ]
    assert missing_between(march(dt.date(2012, 3, 31)), march(dt.date(2013, 9, 30))) == []


def test_a_sparkline_is_labelled_and_needs_two_values():
    markup = sparkline([72, None, 77], label='Trend: 2012/13 72%, 2013/14 77% & "more"')

    element = ET.fromstring(markup)
    assert element.get("role") == "img"
    assert element.get("aria-label") == 'Trend: 2012/13 72%, 2013/14 77% & "more"'
    # The missing middle value is not drawn as zero, nor joined across: two dots.
    assert element.find("polyline") is None
    assert len(element.findall("circle")) == 3  # and the latest marked
    assert sparkline([72], label="one value") == ""


def test_a_sparkline_places_its_periods_by_their_dates_and_breaks_at_a_missing_one():
    markup = sparkline([80, 87, 90], label="Trend", periods=[FY(2010), FY(2012), FY(2013)])

    element = ET.fromstring(markup)
    [line] = element.findall("polyline")
    [dot, _latest] = element.findall("circle")
    assert len(line.get("points").split()) == 2  # 2012/13 to 2013/14 only
    first_x = float(dot.get("cx"))
    second_x, third_x = (float(p.split(",")[0]) for p in line.get("points").split())
    assert second_x - first_x == pytest.approx(2 * (third_x - second_x), rel=0.02)


def test_two_charts_on_one_page_never_share_an_element_id():
    import re

    def ids(chart) -> set[str]:
        return set(re.findall(r'id="([^"]+)"', chart.svg()))

    first = line_chart([FY(2012), FY(2013)], {"A": [1, 2]}, title="One", summary="")
    second = line_chart([FY(2012), FY(2013)], {"A": [1, 2]}, title="Two", summary="")

    assert ids(first) and not ids(first) & ids(second)


def test_a_chart_drawn_once_is_not_drawn_again_for_the_same_data():
    def chart(title="Drawn once"):
        return line_chart([FY(2012), FY(2013)], {"A": [1, 2]}, title=title, summary="")

    first, again, other = chart(), chart(), chart("Something else")
    assert first.png() == again.png()
    assert first.svg() == again.svg()

    # The figure is only built to draw an image that is not in the cache yet.
    assert "figure" in vars(first) and "figure" not in vars(again)
    other.png()
    assert "figure" in vars(other)
