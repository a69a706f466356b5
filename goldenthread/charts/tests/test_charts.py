import xml.etree.ElementTree as ET

from goldenthread.charts import stacked_bar


def chart():
    return stacked_bar(
        ["Aim 1", "Aim 2"],
        {"Completed": [3, 1], "Deferred": [0, 2], "Withdrawn": [0, 0]},
        title="Actions by status",
        colours={"Completed": "#00703c", "Deferred": "#912b88", "Withdrawn": "#d4351c"},
        summary="Of 6 actions, 4 are completed and 2 deferred.",
    )


def test_it_draws_an_svg_that_scales_with_the_page():
    svg = chart().svg()
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "viewBox" in root.attrib
    assert "width" not in root.attrib
    assert "Aim 1" in svg and "Completed" in svg  # text stays text


def test_it_leaves_out_empty_series_from_the_legend():
    assert "Withdrawn" not in chart().svg()


def test_it_draws_a_png_for_documents():
    assert chart().png().startswith(b"\x89PNG")


def test_it_keeps_its_summary_and_data_for_a_text_alternative():
    made = chart()
    assert made.summary == "Of 6 actions, 4 are completed and 2 deferred."
    assert made.series["Deferred"] == [0, 2]
