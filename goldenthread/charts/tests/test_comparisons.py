import re

import pytest

from goldenthread.charts.colours import significance_colour
from goldenthread.charts.comparisons import (
    AreaBar,
    SpineRow,
    compare_areas_chart,
    spine_chart,
    spine_position,
)
from goldenthread.charts.lines import line_chart
from goldenthread.charts.tests.test_lines import texts_inside
from goldenthread.lib.periods import Period

BARS = [
    AreaBar("E08000001", "Borough 1", 7.5, 6.9, 8.1, "Worse"),
    AreaBar("E06000034", "Thurrock", 5.4, 4.8, 6.1, "Worse 95%"),
    AreaBar("E08000002", "Borough 2", 4.9, 4.2, 5.6, "Similar"),
    AreaBar("E08000003", "Borough 3", 3.2, 2.9, 3.6, "Better 99.8%"),
    AreaBar("E08000004", "Borough 4", 4.0),  # no limits
]


def bar_fill(svg: str, code: str) -> str:
    path = re.search(rf'id="[^"]*bar-{code}"[^>]*style="([^"]*)"', svg) or re.search(
        rf'<g id="[^"]*bar-{code}">\s*<path[^>]*style="([^"]*)"', svg
    )
    return re.search(r"fill: (#\w+)", path.group(1)).group(1)


def test_compare_areas_draws_a_bar_an_area_coloured_by_its_judgement():
    chart = compare_areas_chart(
        BARS,
        benchmark=4.7,
        title="NEET, compared",
        summary="5 authorities.",
        unit="%",
        highlight="E06000034",
        neighbours=frozenset({"E08000002"}),
    )

    svg = chart.svg()
    for bar in BARS:
        assert bar_fill(svg, bar.code) == significance_colour(bar.judgement)
    assert "Borough 2 ◆" in svg and "Statistical neighbour" in svg
    assert "England" in svg and "Better" in svg and "Worse" in svg
    assert chart.rows()[1] == ("Thurrock", [5.4, 4.8, 6.1, "Worse 95%"])
    assert chart.rows()[4] == ("Borough 4", [4.0, None, None, "Not compared"])


def test_a_spine_puts_england_in_the_middle_and_the_best_on_the_right():
    low_is_good = SpineRow(
        "NEET", 5.4, 4.7, worst=8.1, lower_quartile=6, upper_quartile=4, best=2.0
    )
    high_is_good = SpineRow("KS2", 77, 79, worst=60, lower_quartile=70, upper_quartile=82, best=90)

    assert spine_position(low_is_good, 4.7) == 0
    assert spine_position(low_is_good, 8.1) == pytest.approx(-1)  # the worst, furthest away
    assert spine_position(low_is_good, 2.0) == pytest.approx(2.7 / 3.4)
    assert spine_position(high_is_good, 60) == pytest.approx(-1)
    assert spine_position(high_is_good, 90) == pytest.approx(11 / 19)
    assert spine_position(high_is_good, None) is None


def test_a_spine_chart_keeps_every_row_for_its_table():
    rows = [
        SpineRow("NEET", 5.4, 4.7, 8.1, 6, 4, 2.0, "Worse"),
        SpineRow("KS2", 77, 79, 60, 70, 82, 90, "Similar"),
    ]

    chart = spine_chart(rows, title="Thurrock's profile", summary="2 indicators.", area="Thurrock")

    assert chart.rows() == [
        ("NEET", [5.4, 4.7, 8.1, 6, 4, 2.0, "Worse"]),
        ("KS2", [77, 79, 60, 70, 82, 90, "Similar"]),
    ]
    svg = chart.svg()
    assert svg.count('id="c') and "Thurrock: Worse" in svg and "Thurrock: Similar" in svg
    dots = re.findall(r'id="[^"]*spine-\d"', svg)
    assert len(dots) == 2


def test_a_trend_shows_the_areas_95_percent_limits():
    chart = line_chart(
        [Period.financial_year(2012), Period.financial_year(2013)],
        {"Thurrock": [6.1, 5.4], "England": [5.0, 4.7]},
        title="NEET",
        summary="",
        limits=([5.5, 4.8], [6.7, 6.1]),
    )

    assert "95% confidence limits" in chart.svg()
    # The chart's table gives the limits beside the values.
    assert list(chart.series) == ["Thurrock", "England", "Lower 95% limit", "Upper 95% limit"]


def test_long_titles_wrap_inside_the_compare_and_spine_charts():
    title = (
        "Hospital admissions caused by unintentional and deliberate injuries in young people, " * 2
    )
    bars = compare_areas_chart(
        BARS, benchmark=4.7, title=title, summary="", neighbours=frozenset({"E08000002"})
    )
    rows = [SpineRow("KS2", 77, 79, 60, 70, 82, 90, "Similar")]
    spine = spine_chart(rows, title=title, summary="", area="Thurrock")

    for chart in (bars, spine):
        drawn = [t.get_text() for t in texts_inside(chart.figure)]
        assert title.strip() in [text.replace("\n", " ") for text in drawn]
