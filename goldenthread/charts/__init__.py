"""Charts drawn on the server, one module for pages and documents alike.

Each chart comes with a sentence that says what it shows and the data it was drawn
from, so a page can give the chart a text alternative and its data as a table.
Matplotlib draws it (Agg backend, no display needed); SVG for pages, PNG for documents.

Drawing is the slow part (about 0.1 s a chart), and a chart is a pure function of its
data, so the figure is only built when an image is asked for, and each image is kept
in the "charts" storage under a hash of what was drawn (``_cached``): a report whose
data has not changed since it was last drawn reuses its images.

Lines over time are in `lines.py`, Fingertips' comparisons in `comparisons.py`, maps
in `maps.py`; every title is wrapped to the figure's width (`wrapped`), never cut.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, partial
from html import escape
from types import ModuleType
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage

from goldenthread.lib.storage import files_under, named, written_at

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from goldenthread.lib.periods import Period

_LONG_AGO = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Bump when the look of the charts changes, so that cached images are drawn again.
STYLE_VERSION = 5
FONT = ["DejaVu Sans", "sans-serif"]


def wrapped(title: str, characters: int = 70) -> str:
    """A title in lines short enough to fit across the figure: never cut off."""
    return "\n".join(textwrap.wrap(title, characters)) or title


@cache
def _matplotlib() -> tuple[ModuleType, type[Figure]]:
    """matplotlib's pyplot and its Figure class, on the Agg backend (no display needed)."""
    # Imported on first drawing, not at start-up: matplotlib takes a good part of a
    # second to load, and pages and commands whose charts are cached never draw.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.figure import Figure

    return pyplot, Figure


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    categories: list[str]
    # Numbers, or words where a column says what a value means ("Better", "Similar").
    series: dict[str, list]
    # Draws the figure: a partial of a drawing function and its arguments, so that
    # its repr says everything that was drawn.
    draw: Callable[[], Figure]

    def rows(self) -> list[tuple[str, list]]:
        """The data as table rows: each category with its value in every series."""
        return [
            (category, [values[i] for values in self.series.values()])
            for i, category in enumerate(self.categories)
        ]

    @cached_property
    def figure(self) -> Figure:
        return self.draw()

    @cached_property
    def key(self) -> str:
        drawn = self.draw
        spec = (STYLE_VERSION, drawn.func.__name__, drawn.args, sorted(drawn.keywords.items()))
        return hashlib.sha1(repr(spec).encode()).hexdigest()

    def svg(self) -> str:
        """SVG markup to place inline; the page supplies the text alternative."""
        return _cached(f"{self.key}.svg", self._draw_svg)

    def png(self, dpi: int = 150) -> bytes:
        return _cached(f"{self.key}.{dpi}.png", partial(self._draw_png, dpi))

    def _draw_svg(self) -> str:
        buffer = io.StringIO()
        pyplot, _ = _matplotlib()
        with pyplot.rc_context({"svg.fonttype": "none", "svg.hashsalt": "goldenthread"}):
            self.figure.savefig(buffer, format="svg", metadata={"Date": None})
        markup = buffer.getvalue()
        markup = _own_ids(markup[markup.index("<svg") :], "c" + self.key[:8])
        markup = _short_paths(markup)
        # Scale with the page: drop the fixed size and keep the viewBox.
        return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", markup, count=1)

    def _draw_png(self, dpi: int) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()


def _cached(key: str, draw: Callable[[], str | bytes]):
    """The image kept under ``key`` in the "charts" storage, or drawn and kept there.

    Every app server shares the storage, so a chart is drawn once for all of them. A
    file is written whole or not at all (renamed into place on disk; one PUT to object
    storage), so an image read is never half of one; two servers drawing the same chart
    at once write the same bytes."""
    store = named("charts")
    try:
        with store.open(key, "rb") as file:
            kept = file.read()
    except FileNotFoundError:
        pass
    else:
        return kept.decode() if key.endswith(".svg") else kept
    image = draw()
    store.save(key, ContentFile(image.encode() if isinstance(image, str) else image))
    _trim(store)
    return image


def _trim(store: Storage) -> None:
    """Keep at most CHART_CACHE_MAX_ENTRIES images: past it, the oldest third go (as
    Django's file cache culls), so that charts of data long replaced do not pile up."""
    most = settings.CHART_CACHE_MAX_ENTRIES
    if not most:
        return
    names = list(files_under(store))
    if len(names) <= most:
        return
    times = {name: written_at(store, name) for name in names}
    oldest = sorted(names, key=lambda name: times[name] or _LONG_AGO)
    for name in oldest[: len(names) - most * 2 // 3]:
        store.delete(name)


def clear_cache() -> None:
    """Forget every chart image kept: each is drawn again when next asked for."""
    store = named("charts")
    for name in list(files_under(store)):
        store.delete(name)


def _short_paths(markup: str) -> str:
    """Path coordinates to a tenth of a pixel, not a millionth: a map's outlines are
    most of its size, and nobody sees the difference."""
    return re.sub(
        r'\sd="([^"]*)"',
        lambda path: ' d="' + re.sub(r"(\.\d)\d+", r"\1", path.group(1)) + '"',
        markup,
    )


def _own_ids(markup: str, prefix: str) -> str:
    """Prefix every id and reference to it, so that several charts on one page never
    share an id (their clip paths and markers would cross)."""
    markup = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', markup)
    markup = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", markup)
    return re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', markup)


def stacked_bar(
    categories: list[str],
    series: dict[str, list[int]],
    *,
    title: str,
    colours: dict[str, str],
    summary: str,
) -> Chart:
    """Horizontal bars, one per category, each split into the series' segments.

    Segments are separated by white gaps so that neighbouring colours never have to
    be told apart by colour alone; the legend and the data table carry the words.
    """
    draw = partial(_draw_stacked_bar, categories, series, title=title, colours=colours)
    return Chart(title, summary, categories, series, draw)


def _draw_stacked_bar(
    categories: list[str], series: dict[str, list[int]], *, title: str, colours: dict[str, str]
) -> Figure:
    _, figure_class = _matplotlib()
    figure = figure_class(figsize=(8, 0.6 * len(categories) + 1.6), layout="constrained")
    axes = figure.subplots()
    left = [0] * len(categories)
    positions = list(range(len(categories)))[::-1]
    for label, values in series.items():
        if not any(values):
            continue
        axes.barh(
            positions,
            values,
            left=left,
            label=label,
            color=colours[label],
            edgecolor="white",
            linewidth=1.5,
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, categories, fontfamily=FONT, fontsize=10)
    axes.set_title(wrapped(title), fontfamily=FONT, fontsize=12, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncols=4,
        frameon=False,
        prop={"family": FONT, "size": 9},
    )
    return figure


def sparkline(
    values: list[float | None],
    *,
    label: str,
    width: int = 96,
    height: int = 24,
    periods: Sequence[Period] | None = None,
) -> str:
    """A small trend line for a table cell, as SVG markup labelled for screen readers.

    As the larger charts do (`lines.py`), it never joins across a gap: a missing value
    breaks the line, and so does a missing period where the periods are given, which
    also place each point by its dates. A point alone is a dot.

    Drawn by hand rather than by matplotlib: a scorecard has hundreds of them.
    """
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(v for _, v in known), max(v for _, v in known)
    spread = (high - low) or 1
    across = _spark_positions(len(values), periods)
    breaks = _breaks_before(periods) if periods else set()
    segments: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if (v is None or i in breaks) and segments[-1]:
            segments.append([])
        if v is not None:
            y = height - 2 - (v - low) / spread * (height - 4)
            segments[-1].append(f"{2 + across[i] * (width - 4):.1f},{y:.1f}")
    drawn = "".join(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="#0b0c0c" stroke-width="1.5"/>'
        if len(points) > 1
        else '<circle cx="{}" cy="{}" r="1.5" fill="#0b0c0c"/>'.format(*points[0].split(","))
        for points in segments
        if points
    )
    last_x, last_y = next(points for points in reversed(segments) if points)[-1].split(",")
    return (
        f'<svg class="app-sparkline" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}" focusable="false">'
        f'{drawn}<circle cx="{last_x}" cy="{last_y}" r="2.5" fill="#1d70b8"/></svg>'
    )


def _spark_positions(count: int, periods: Sequence[Period] | None) -> list[float]:
    """Each point's place across, from 0 to 1: by its period's dates where given."""
    if not periods or len(periods) != count:
        return [i / max(count - 1, 1) for i in range(count)]
    middles = [(p.start.toordinal() + p.end.toordinal()) / 2 for p in periods]
    first, span = middles[0], (middles[-1] - middles[0]) or 1
    return [(m - first) / span for m in middles]


def _breaks_before(periods: Sequence[Period]) -> set[int]:
    from goldenthread.charts.lines import missing_between

    return {i for i in range(1, len(periods)) if missing_between(periods[i - 1], periods[i])}
