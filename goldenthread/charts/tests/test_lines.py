import xml.etree.ElementTree as ET

from goldenthread.charts import line_chart, sparkline


def test_a_line_chart_keeps_its_data_and_leaves_gaps_for_missing_values():
    chart = line_chart(
        ["2011/12", "2012/13", "2013/14"],
        {"Thurrock": [70, None, 77], "England": [75, 76, 79]},
        title="KS2 level 4+",
        summary="Thurrock: 77% in 2013/14, against 79% for England.",
        unit="%",
        target=("Target", [None, 78, 80]),
    )

    assert chart.rows() == [
        ("2011/12", [70, 75, None]),
        ("2012/13", [None, 76, 78]),
        ("2013/14", [77, 79, 80]),
    ]
    svg = chart.svg()
    ET.fromstring(svg)  # well-formed
    assert "KS2 level 4+" in svg and "Target" in svg
    assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_sparkline_is_labelled_and_needs_two_values():
    markup = sparkline([72, None, 77], label='Trend: 2012/13 72%, 2013/14 77% & "more"')

    element = ET.fromstring(markup)
    assert element.get("role") == "img"
    assert element.get("aria-label") == 'Trend: 2012/13 72%, 2013/14 77% & "more"'
    # The missing middle value is left out of the line, not drawn as zero.
    assert len(element.find("polyline").get("points").split()) == 2
    assert sparkline([72], label="one value") == ""


def test_two_charts_on_one_page_never_share_an_element_id():
    import re

    def ids(chart) -> set[str]:
        return set(re.findall(r'id="([^"]+)"', chart.svg()))

    first = line_chart(["2012/13", "2013/14"], {"A": [1, 2]}, title="One", summary="")
    second = line_chart(["2012/13", "2013/14"], {"A": [1, 2]}, title="Two", summary="")

    assert ids(first) and not ids(first) & ids(second)


def test_a_chart_drawn_once_is_not_drawn_again_for_the_same_data():
    def chart(title="Drawn once"):
        return line_chart(["2012/13", "2013/14"], {"A": [1, 2]}, title=title, summary="")

    first, again, other = chart(), chart(), chart("Something else")
    assert first.png() == again.png()
    assert first.svg() == again.svg()

    # The figure is only built to draw an image that is not in the cache yet.
    assert "figure" in vars(first) and "figure" not in vars(again)
    other.png()
    assert "figure" in vars(other)
