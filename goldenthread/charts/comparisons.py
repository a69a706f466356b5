"""The charts analysts know from Fingertips: every area compared with England, and an
area's profile across indicators (the spine chart).

The judgements are worked out by the caller (in Fingertips' words: Better, Similar,
Worse, Higher, Lower, Not compared); these functions only draw them, in the colours of
``colours.py``, and keep them as data for the page's table.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from goldenthread.charts import FONT, Chart, _matplotlib, wrapped
from goldenthread.charts.colours import (
    BENCHMARK,
    OUTLINE,
    SIGNIFICANCE,
    significance_colour,
    significance_word,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NEIGHBOUR_MARK = "◆"
NOT_COMPARED = "Not compared"


@dataclass(frozen=True)
class AreaBar:
    """An area's value with its 95% limits and its judgement against the benchmark."""

    code: str
    name: str
    value: float
    lower: float | None = None
    upper: float | None = None
    judgement: str = NOT_COMPARED


def compare_areas_chart(
    bars: list[AreaBar],
    *,
    benchmark: float | None,
    title: str,
    summary: str,
    benchmark_label: str = "England",
    unit: str = "",
    highlight: str = "",
    neighbours: frozenset[str] = frozenset(),
) -> Chart:
    """A horizontal bar for each area in the order given (the first at the top), with
    its 95% limits as error bars, coloured by its judgement; the benchmark as a line.
    The area whose code is ``highlight`` is outlined and named in bold, and those in
    ``neighbours`` are marked ◆ (the marks are in the legend, never colour alone)."""
    series: dict[str, list] = {
        "Value": [b.value for b in bars],
        "Lower 95% limit": [b.lower for b in bars],
        "Upper 95% limit": [b.upper for b in bars],
        f"Compared with {benchmark_label}": [b.judgement for b in bars],
    }
    draw = partial(
        _draw_bars,
        tuple(bars),
        benchmark=benchmark,
        benchmark_label=benchmark_label,
        title=title,
        unit=unit,
        highlight=highlight,
        neighbours=tuple(sorted(neighbours)),
    )
    return Chart(title, summary, [b.name for b in bars], series, draw)


def _draw_bars(bars, *, benchmark, benchmark_label, title, unit, highlight, neighbours) -> Figure:
    _, figure_class = _matplotlib()
    title = wrapped(title)
    # Each line of the title after the first pushes the legend and the bars down.
    extra = 0.22 * title.count("\n")
    height = 0.16 * len(bars) + 1.9 + extra
    figure = figure_class(figsize=(8, height))
    top = 1.25 + extra
    figure.subplots_adjust(left=0.3, right=0.97, top=1 - top / height, bottom=0.5 / height)
    axes = figure.subplots()
    positions = list(range(len(bars)))[::-1]
    drawn = axes.barh(
        positions,
        [b.value for b in bars],
        height=0.75,
        color=[significance_colour(b.judgement) for b in bars],
        edgecolor=[OUTLINE if b.code == highlight else "#505a5f" for b in bars],
        linewidth=[1.8 if b.code == highlight else 0.3 for b in bars],
    )
    for patch, bar in zip(drawn.patches, bars, strict=True):
        patch.set_gid(f"bar-{bar.code}")
    _error_bars(axes, bars, positions)
    if benchmark is not None:
        axes.axvline(benchmark, color=BENCHMARK, linewidth=1.5, zorder=4)
    labels = [_bar_label(b, neighbours) for b in bars]
    axes.set_yticks(positions, labels, fontfamily=FONT, fontsize=7)
    for tick, bar in zip(axes.get_yticklabels(), bars, strict=True):
        if bar.code == highlight:
            tick.set_fontweight("bold")
    axes.set_ylim(-0.6, len(bars) - 0.4)
    axes.set_xlabel(unit, fontfamily=FONT, fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    figure.suptitle(
        title, fontfamily=FONT, fontsize=12, x=0.02, y=1 - 0.12 / height, ha="left", va="top"
    )
    _bar_legend(figure, bars, benchmark, benchmark_label, bool(neighbours), below=0.5 + extra)
    return figure


def _bar_label(bar: AreaBar, neighbours: tuple[str, ...]) -> str:
    return f"{bar.name} {NEIGHBOUR_MARK}" if bar.code in neighbours else bar.name


def _error_bars(axes: Axes, bars, positions: list[int]) -> None:
    known = [(b, y) for b, y in zip(bars, positions, strict=True) if None not in (b.lower, b.upper)]
    if not known:
        return
    axes.errorbar(
        [b.value for b, _ in known],
        [y for _, y in known],
        xerr=[[b.value - b.lower for b, _ in known], [b.upper - b.value for b, _ in known]],
        fmt="none",
        ecolor="#0b0c0c",
        elinewidth=0.7,
        capsize=1.5,
        zorder=3,
    )


def _bar_legend(figure, bars, benchmark, benchmark_label, marked: bool, below: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    words = {significance_word(b.judgement) for b in bars}
    handles = [
        Patch(facecolor=colour, edgecolor="#505a5f", label=word)
        for word, colour in SIGNIFICANCE.items()
        if word in words
    ]
    if benchmark is not None:
        handles.append(Line2D([], [], color=BENCHMARK, linewidth=1.5, label=benchmark_label))
    if marked:
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="D",
                color="#0b0c0c",
                markersize=5,
                label=f"Statistical neighbour ({NEIGHBOUR_MARK} by the name)",
            )
        )
    figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.02, 1 - below / figure.get_figheight()),
        ncols=4,
        frameon=False,
        prop={"family": FONT, "size": 8},
    )


@dataclass(frozen=True)
class SpineRow:
    """One indicator of an area's profile: the area's value, England's, and the spread
    of the compared authorities from the worst to the best (by polarity; the lowest to
    the highest without one), with the area's judgement against England."""

    label: str
    value: float | None
    england: float | None
    worst: float | None
    lower_quartile: float | None  # the 25th percentile, on the worst side
    upper_quartile: float | None  # the 75th percentile, on the best side
    best: float | None
    judgement: str = NOT_COMPARED


def spine_chart(rows: list[SpineRow], *, title: str, summary: str, area: str) -> Chart:
    """Fingertips' area profile: a row per indicator, England's value the centre line,
    the range of authorities shaded (the middle half darker), the worst on the left and
    the best on the right, and the area's value a dot coloured by its judgement."""
    series: dict[str, list] = {
        area: [r.value for r in rows],
        "England": [r.england for r in rows],
        "Worst": [r.worst for r in rows],
        "25th percentile": [r.lower_quartile for r in rows],
        "75th percentile": [r.upper_quartile for r in rows],
        "Best": [r.best for r in rows],
        "Compared with England": [r.judgement for r in rows],
    }
    draw = partial(_draw_spine, tuple(rows), title=title, area=area)
    return Chart(title, summary, [r.label for r in rows], series, draw)


def spine_position(row: SpineRow, value: float | None) -> float | None:
    """Where a value lies on a row, from -1 (the left edge) to 1: England at 0, the
    further of the worst and the best from England at the edge, the best to the right."""
    if value is None or row.worst is None or row.best is None:
        return None
    centre = row.england if row.england is not None else (row.worst + row.best) / 2
    reach = max(abs(row.worst - centre), abs(row.best - centre)) or 1
    direction = 1 if row.best >= row.worst else -1
    return direction * (value - centre) / reach


def _draw_spine(rows: tuple[SpineRow, ...], *, title: str, area: str) -> Figure:
    _, figure_class = _matplotlib()
    title = wrapped(title)
    extra = 0.22 * title.count("\n")
    height = 0.42 * len(rows) + 1.8 + extra
    figure = figure_class(figsize=(8, height))
    figure.subplots_adjust(
        left=0.36, right=0.97, top=1 - (0.6 + extra) / height, bottom=1.1 / height
    )
    axes = figure.subplots()
    for y, row in zip(range(len(rows))[::-1], rows, strict=True):
        _spine_row(axes, y, row)
    axes.axvline(0, color=BENCHMARK, linewidth=1.5, zorder=2)
    labels = [textwrap.fill(textwrap.shorten(r.label, 76, placeholder="…"), 38) for r in rows]
    axes.set_yticks(range(len(rows))[::-1], labels, fontfamily=FONT, fontsize=8)
    axes.set_xlim(-1.05, 1.05)
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.set_xticks([-1, 0, 1], ["Worst", "England", "Best"], fontfamily=FONT, fontsize=9)
    axes.spines[["top", "right", "left"]].set_visible(False)
    figure.suptitle(
        title, fontfamily=FONT, fontsize=12, x=0.02, y=1 - 0.12 / height, ha="left", va="top"
    )
    _spine_legend(figure, rows, area)
    return figure


def _spine_row(axes: Axes, y: int, row: SpineRow) -> None:
    ends = [spine_position(row, v) for v in (row.worst, row.best)]
    middle = [spine_position(row, v) for v in (row.lower_quartile, row.upper_quartile)]
    if None not in ends:
        axes.barh(y, ends[1] - ends[0], left=ends[0], height=0.55, color="#dee0e2", zorder=1)
    if None not in middle:
        axes.barh(y, middle[1] - middle[0], left=middle[0], height=0.55, color="#8a9095")
    at = spine_position(row, row.value)
    if at is not None:
        axes.plot(
            [at],
            [y],
            marker="o",
            markersize=9,
            markerfacecolor=significance_colour(row.judgement),
            markeredgecolor=OUTLINE,
            zorder=3,
            gid=f"spine-{y}",
        )


def _spine_legend(figure, rows, area: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    words = {significance_word(r.judgement) for r in rows if r.value is not None}
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=8,
            markerfacecolor=colour,
            markeredgecolor=OUTLINE,
            label=f"{area}: {word}",
        )
        for word, colour in SIGNIFICANCE.items()
        if word in words
    ]
    handles += [
        Line2D([], [], color=BENCHMARK, linewidth=1.5, label="England"),
        Patch(facecolor="#dee0e2", label="Worst to best"),
        Patch(facecolor="#8a9095", label="25th to 75th percentile"),
    ]
    figure.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.02, 0),
        ncols=4,
        frameon=False,
        prop={"family": FONT, "size": 8},
    )
