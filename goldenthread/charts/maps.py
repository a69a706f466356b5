"""Choropleth maps: each area's shape, or its hexagon, filled with the colour of its
group (a judgement in Fingertips' words, a quintile), with a legend of the words.

Drawn by matplotlib like the other charts, one SVG path an area, each with the id
``area-<code>`` so that the page (and its tests) can tell which is which. Shapes are
projected well enough for England: longitude scaled by the cosine of the mean latitude,
so that a degree east is as long as a degree north in the middle of the map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from goldenthread.charts import FONT, Chart, _matplotlib, wrapped
from goldenthread.charts.colours import NO_DATA, OUTLINE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

HEX = "hex"
NO_DATA_WORDS = "No data"
# Points closer together than this share of the map's width are one point: a map is
# drawn some 800 pixels wide, so nothing a reader could see is lost, and the SVG of
# England's 150 authorities stays a few hundred kilobytes rather than megabytes.
DETAIL = 1 / 400


@dataclass(frozen=True)
class MapArea:
    """An area on a map: its shape (GeoJSON geometry in longitude and latitude) or its
    hexagon ({"q", "r"} in an odd-r layout), and the group it is coloured by."""

    code: str
    name: str
    geometry: dict
    kind: str = "shape"
    group: str = ""  # the legend's words; "" where there is no value
    value: float | None = None


def choropleth_map(
    areas: list[MapArea],
    *,
    colours: dict[str, str],
    title: str,
    summary: str,
    highlight: str = "",
    value_label: str = "Value",
    group_label: str = "Group",
) -> Chart:
    """A map of the areas coloured by group, in the order ``colours`` gives the legend;
    the area whose code is ``highlight`` is outlined. Its data: each area's value and
    group, by name."""
    ordered = sorted(areas, key=lambda a: a.name)
    series: dict[str, list] = {
        value_label: [a.value for a in ordered],
        group_label: [a.group or NO_DATA_WORDS for a in ordered],
    }
    draw = partial(_draw_map, tuple(ordered), title=title, colours=colours, highlight=highlight)
    return Chart(title, summary, [a.name for a in ordered], series, draw)


def _draw_map(
    areas: tuple[MapArea, ...], *, title: str, colours: dict[str, str], highlight: str
) -> Figure:
    _, figure_class = _matplotlib()
    from matplotlib.patches import Patch, PathPatch

    outlines = _outlines(areas)
    title = wrapped(title, 60)
    figure = figure_class(figsize=(7, 7.5))
    top = 0.25 + 0.22 * (title.count("\n") + 1)
    figure.subplots_adjust(left=0.01, right=0.99, top=1 - top / 7.5, bottom=0.1)
    axes = figure.subplots()
    for area in areas:
        if area.code not in outlines:
            continue
        lit = area.code == highlight
        axes.add_patch(
            PathPatch(
                outlines[area.code],
                facecolor=colours.get(area.group, NO_DATA),
                edgecolor=OUTLINE if lit else "#505a5f",
                linewidth=2.2 if lit else 0.3,
                zorder=3 if lit else 2,
                gid=f"area-{area.code}",
            )
        )
    axes.autoscale_view()
    axes.set_aspect("equal")
    axes.set_axis_off()
    axes.set_title(title, fontfamily=FONT, fontsize=12, loc="left")
    counts = {word: sum(a.group == word for a in areas) for word in colours}
    handles = [
        Patch(facecolor=colour, edgecolor="#505a5f", label=f"{word} ({counts[word]})")
        for word, colour in colours.items()
        if counts[word]
    ]
    missing = sum(not a.group for a in areas)
    if missing:
        handles.append(Patch(facecolor=NO_DATA, edgecolor="#505a5f", label=f"No data ({missing})"))
    named = next((a.name for a in areas if a.code == highlight), "")
    if named:
        handles.append(
            Patch(facecolor="none", edgecolor=OUTLINE, linewidth=2.2, label=f"{named}, outlined")
        )
    figure.legend(
        handles=handles,
        loc="lower center",
        ncols=3,
        frameon=False,
        prop={"family": FONT, "size": 9},
    )
    return figure


def _outlines(areas: tuple[MapArea, ...]) -> dict:
    """Each area's outline as a matplotlib Path, in the map's own flat coordinates."""
    if any(a.kind == HEX for a in areas):
        return {a.code: _hexagon(a.geometry) for a in areas if a.kind == HEX}
    rings = {a.code: list(polygon_rings(a.geometry)) for a in areas}
    points = [p for each in rings.values() for ring in each for p in ring]
    if not points:
        return {}
    latitudes = [lat for _, lat in points]
    squash = math.cos(math.radians((min(latitudes) + max(latitudes)) / 2))
    width = (max(lon for lon, _ in points) - min(lon for lon, _ in points)) * squash
    return {
        code: _compound([[(lon * squash, lat) for lon, lat in ring] for ring in each], width)
        for code, each in rings.items()
        if each
    }


def polygon_rings(geometry: dict) -> list[list[tuple[float, float]]]:
    """Every ring of a Polygon or MultiPolygon, outer and holes alike."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    return [[(p[0], p[1]) for p in ring] for polygon in polygons for ring in polygon]


def _compound(rings: list[list[tuple[float, float]]], width: float):
    """One path of several rings, so that an area of many islands is one SVG path; holes
    run the other way round (GeoJSON's rule) and are left unfilled."""
    from matplotlib.path import Path

    vertices, codes = [], []
    for ring in rings:
        kept = thinned(ring, width * DETAIL)
        if len(kept) < 3:
            continue
        vertices += [*kept, kept[0]]
        codes += [Path.MOVETO] + [Path.LINETO] * (len(kept) - 1) + [Path.CLOSEPOLY]
    return Path(vertices, codes)


def thinned(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """The ring without points nearer than ``tolerance`` to the last point kept."""
    if not ring:
        return []
    kept = [ring[0]]
    for point in ring[1:]:
        last = kept[-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) >= tolerance:
            kept.append(point)
    return kept


def _hexagon(geometry: dict):
    """A hexagon of a HexJSON layout. Rows are counted upwards, as the ODI Leeds maps
    count them. In odd-r and even-r the hexagons are pointy-topped and the odd (even)
    rows are shifted right by half; in odd-q and even-q they are flat-topped and the
    odd (even) columns are shifted up by half."""
    from matplotlib.path import Path

    q, r, layout = geometry["q"], geometry["r"], geometry.get("layout") or "odd-r"
    odd = layout.startswith("odd")
    if layout.endswith("q"):
        shifted = q % 2 == (1 if odd else 0)
        x, y, start = 1.5 * q, math.sqrt(3) * (r + (0.5 if shifted else 0)), 0
    else:
        shifted = r % 2 == (1 if odd else 0)
        x, y, start = math.sqrt(3) * (q + (0.5 if shifted else 0)), 1.5 * r, 30
    corners = [
        (x + math.cos(math.radians(a)), y + math.sin(math.radians(a)))
        for a in range(start, start + 360, 60)
    ]
    return Path([*corners, corners[0]], closed=True)
