import re
import xml.etree.ElementTree as ET

from goldenthread.charts.colours import SIGNIFICANCE, significance_colour
from goldenthread.charts.maps import MapArea, choropleth_map, thinned


def square(west: float, south: float) -> dict:
    ring = [[west, south], [west + 1, south], [west + 1, south + 1], [west, south + 1]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


AREAS = [
    MapArea("E06000034", "Thurrock", square(0, 51), group="Worse", value=5.4),
    MapArea("E10000012", "Essex", square(1, 51), group="Better", value=3.1),
    MapArea(
        "E06000033",
        "Southend-on-Sea",
        {"type": "MultiPolygon", "coordinates": [square(2, 51)["coordinates"], square(3, 51)["coordinates"]]},
        group="Similar",
        value=4.6,
    ),
    MapArea("E06000035", "Medway", square(0, 50)),  # no value
]  # fmt: skip


def fills(svg: str) -> dict[str, list[str]]:
    """Each area's paths and their fill colours, by code, as the SVG has them."""
    found = {}
    for group in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}g"):
        code = re.search(r"area-(\w+)$", group.get("id", ""))
        if code:
            paths = group.findall("{http://www.w3.org/2000/svg}path")
            found[code.group(1)] = [
                re.search(r"fill: (#\w+)", p.get("style")).group(1) for p in paths
            ]
    return found


def test_a_map_draws_one_path_an_area_in_the_colour_of_its_group():
    chart = choropleth_map(
        AREAS,
        colours=SIGNIFICANCE,
        title="NEET",
        summary="Four authorities.",
        highlight="E06000034",
        group_label="Compared with England",
    )

    svg = chart.svg()
    assert fills(svg) == {
        "E06000034": [significance_colour("Worse")],
        "E10000012": [significance_colour("Better")],
        "E06000033": [significance_colour("Similar")],  # two islands, one path
        "E06000035": ["#ffffff"],
    }
    assert "Thurrock, outlined" in svg and "Better (1)" in svg and "No data (1)" in svg
    assert chart.rows() == [
        ("Essex", [3.1, "Better"]),
        ("Medway", [None, "No data"]),
        ("Southend-on-Sea", [4.6, "Similar"]),
        ("Thurrock", [5.4, "Worse"]),
    ]


def test_a_hex_map_draws_a_hexagon_an_area():
    hexes = [
        MapArea(a.code, a.name, {"q": n, "r": n % 2, "layout": "odd-r"}, kind="hex", group=a.group)
        for n, a in enumerate(AREAS)
    ]

    chart = choropleth_map(hexes, colours=SIGNIFICANCE, title="Hexes", summary="")

    drawn = fills(chart.svg())
    assert drawn == {a.code: [SIGNIFICANCE.get(a.group, "#ffffff")] for a in AREAS}


def test_thinning_drops_only_points_closer_than_the_tolerance():
    ring = [(0, 0), (0.001, 0), (1, 0), (1, 1), (1, 1.0004), (0, 1)]

    assert thinned(ring, 0.01) == [(0, 0), (1, 0), (1, 1), (0, 1)]
