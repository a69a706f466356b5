"""Lines over time that do not mislead.

- Time runs in proportion: a period sits at the middle of its own dates, so 2010/11,
  2012/13 and 2013/14 are not drawn evenly spaced.
- A missing period is a gap: the line breaks there, the gap is shaded and labelled, and
  the chart's data has a row that says so.
- The first series' 95% confidence limits are drawn as error bars, and kept in the data.
- Counts, rates and percentages are drawn from zero, unless their values lie so far
  from it that a line would look flat; then the axis is visibly broken and says where
  it starts.
- Titles wrap rather than run off the figure, and England, the region, the neighbours
  and the target each have a line style and marker of their own, named in the legend,
  so that no series is told apart by colour alone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from goldenthread.charts import FONT, Chart, _matplotlib, wrapped
from goldenthread.lib.periods import Period
from goldenthread.lib.wording import listed

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Any series after the first gets the next of these; England, the region and the
# neighbours always get their own, whatever else is drawn.
LINE_STYLES = [
    {"color": "#1d70b8", "linestyle": "-", "marker": "o", "linewidth": 2.5},
    {"color": "#912b88", "linestyle": "-.", "marker": "D"},
    {"color": "#00703c", "linestyle": "-", "marker": "v"},
    {"color": "#f47738", "linestyle": (0, (3, 1, 1, 1, 1, 1)), "marker": "P"},
]
NAMED_STYLES = {
    "England": {"color": "#0b0c0c", "linestyle": "--", "marker": "s"},
    "Region": {"color": "#505a5f", "linestyle": ":", "marker": "^", "linewidth": 2},
    "Statistical neighbours": {"color": "#912b88", "linestyle": "-.", "marker": "D"},
}
TARGET_STYLE = {"color": "#d4351c", "linestyle": (0, (6, 3)), "marker": "x", "linewidth": 1.5}
LIMITS_LABEL = "95% confidence limits"
LOWER, UPPER = "Lower 95% limit", "Upper 95% limit"
NO_DATA = "No data"
GAP_FILL = "#f3f2f1"

# Where the values are all this close to each other, far from zero, an axis from zero
# would flatten them: it starts near them instead, broken visibly.
BREAK_WHEN_LOWEST_ABOVE = 0.8  # of the highest value: the values would fill a fifth

# The figure in inches: room for a wrapped title above and the legend below.
WIDTH, PLOT_HEIGHT = 8.0, 2.9
TITLE_CHARACTERS = 70  # a 12-point line across the figure
LEGEND_COLUMNS = 3


@dataclass(frozen=True)
class Slot:
    """A place on the time axis: a period with data, or a run of periods without."""

    label: str
    start: dt.date
    end: dt.date
    known: bool
    periods: int = 1  # in a run of missing periods

    @property
    def middle(self) -> float:
        return _years((self.start.toordinal() + self.end.toordinal()) / 2)


def _years(ordinal: float) -> float:
    # Years since year 1 are as good a scale as any: only the spacing matters.
    return ordinal / 365.2425


def timeline(periods: Sequence[Period]) -> list[Slot]:
    """The periods in order, each at its own dates, with a slot for each run of periods
    missing between two of them (one slot for the run: "2002 to 2010")."""
    ordered = sorted(periods)
    slots: list[Slot] = []
    for index, period in enumerate(ordered):
        if index:
            missing = missing_between(ordered[index - 1], period)
            if missing:
                label = str(missing[0])
                if len(missing) > 1:
                    label += f" to {missing[-1]}"
                slots.append(Slot(label, missing[0].start, missing[-1].end, False, len(missing)))
        slots.append(Slot(str(period), period.start, period.end, known=True))
    return slots


def gaps_sentence(periods: Sequence[Period]) -> str:
    """The gaps in words, for the chart's text alternative: "No data for 2011/12."."""
    gaps = [slot.label for slot in timeline(periods) if not slot.known]
    return f"No data for {listed(gaps)}." if gaps else ""


def missing_between(earlier: Period, later: Period, most: int = 200) -> list[Period]:
    """The periods of the same kind that fall strictly between two periods; none where
    the later one is not a whole number of periods on (snapshots on odd dates)."""
    missing, step = [], earlier.next()
    while step.sort_key < later.sort_key and len(missing) < most:
        missing.append(step)
        step = step.next()
    return missing if step == later else []


def zero_based_floor(low: float, high: float) -> float | None:
    """Where the value axis of a count, rate or percentage starts: 0, unless its values
    lie close together far above zero (then None: start near them, and mark the break)."""
    if low <= 0 or high <= 0 or low < BREAK_WHEN_LOWEST_ABOVE * high:
        return 0.0
    return None


def line_chart(
    periods: Sequence[Period],
    series: dict[str, list[float | None]],
    *,
    title: str,
    summary: str,
    unit: str = "",
    target: tuple[str, list[float | None]] | None = None,
    limits: tuple[list[float | None], list[float | None]] | None = None,
    from_zero: bool = False,
) -> Chart:
    """Lines over periods (each series a value per period, in the periods' order), a
    target or trajectory drawn dashed, and the first series' 95% limits (lower, upper)
    as error bars. ``from_zero`` for counts, rates and percentages.

    The chart's data has a row for each period and for each run of missing periods,
    and the limits as columns, so that its table says what the chart shows."""
    order = sorted(range(len(periods)), key=lambda i: periods[i])
    slots = timeline(periods)
    lines = dict(series)
    if target is not None:
        lines[target[0]] = target[1]
    if limits is not None and any(v is not None for v in limits[0]):
        lines[LOWER], lines[UPPER] = limits
    laid = {name: _on_slots(slots, [values[i] for i in order]) for name, values in lines.items()}
    draw = partial(
        _draw_lines,
        tuple(slots),
        tuple((name, tuple(laid[name])) for name in series),
        title=title,
        unit=unit,
        target=(target[0], tuple(laid[target[0]])) if target else None,
        limits=(tuple(laid[LOWER]), tuple(laid[UPPER])) if LOWER in laid else None,
        from_zero=from_zero,
    )
    return Chart(title, summary, [s.label for s in slots], laid, draw)


def _on_slots(slots: list[Slot], values: list[float | None]) -> list[float | None]:
    known = iter(values)
    return [next(known) if slot.known else None for slot in slots]


def _draw_lines(slots, series, *, title, unit, target, limits, from_zero) -> Figure:
    _, figure_class = _matplotlib()
    title_lines = wrapped(title, TITLE_CHARACTERS).splitlines()
    entries = len(series) + (target is not None) + (limits is not None)
    entries += any(not s.known for s in slots)
    legend_rows = math.ceil(entries / LEGEND_COLUMNS)
    top, bottom = 0.25 + 0.24 * len(title_lines), 0.75 + 0.25 * legend_rows
    height = PLOT_HEIGHT + top + bottom
    figure = figure_class(figsize=(WIDTH, height))
    figure.subplots_adjust(left=0.1, right=0.94, top=1 - top / height, bottom=bottom / height)
    axes = figure.subplots()
    x = [s.middle for s in slots]
    for index, (label, values) in enumerate(series):
        style = NAMED_STYLES.get(label) or LINE_STYLES[min(index, len(LINE_STYLES) - 1)]
        axes.plot(x, _gaps(values), label=label, gid=f"line-{index}", **style)
    if target is not None:
        axes.plot(x, _gaps(target[1]), label=target[0], gid="line-target", **TARGET_STYLE)
    if limits is not None:
        _limits(axes, x, series[0][1], limits)
    _shade_gaps(axes, slots)
    _time_axis(axes, slots)
    _value_axis(axes, [series, target, limits], unit, from_zero)
    figure.text(
        0.02,
        1 - 0.12 / height,
        "\n".join(title_lines),
        fontfamily=FONT,
        fontsize=12,
        ha="left",
        va="top",
        gid="title",
    )
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#b1b4b6", linewidth=0.5)
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.6 / PLOT_HEIGHT),
        ncols=LEGEND_COLUMNS,
        frameon=False,
        prop={"family": FONT, "size": 9},
    )
    return figure


def _gaps(values) -> list[float]:
    return [float("nan") if v is None else v for v in values]


def _limits(axes: Axes, x: list[float], values, limits) -> None:
    """The first series' 95% limits as error bars, in its colour, where all are known."""
    known = [
        (at, v, low, high)
        for at, v, low, high in zip(x, values, *limits, strict=True)
        if None not in (v, low, high)
    ]
    if not known:
        return
    drawn = axes.errorbar(
        [at for at, *_ in known],
        [v for _, v, *_ in known],
        yerr=[[v - low for _, v, low, _ in known], [high - v for _, v, _, high in known]],
        fmt="none",
        ecolor=LINE_STYLES[0]["color"],
        elinewidth=1.2,
        capsize=4,
        label=LIMITS_LABEL,
    )
    drawn[2][0].set_gid("limits")


def _shade_gaps(axes: Axes, slots) -> None:
    """Each run of missing periods shaded across its dates, and named in the legend."""
    label = NO_DATA
    for slot in slots:
        if slot.known:
            continue
        shaded = axes.axvspan(
            _years(slot.start.toordinal()),
            _years(slot.end.toordinal() + 1),
            facecolor=GAP_FILL,
            edgecolor="#b1b4b6",
            hatch="//",
            linewidth=0,
            zorder=0,
            label=label,
        )
        shaded.set_gid("no-data")
        label = "_"  # once in the legend


def _time_axis(axes: Axes, slots) -> None:
    """A tick under every slot (every few, where there are many), labelled with its
    period; a gap's label says there is no data."""
    step = max(1, math.ceil(len(slots) / 10))
    shown = [s for i, s in enumerate(slots) if not s.known or i % step == 0 or s is slots[-1]]
    axes.set_xticks(
        [s.middle for s in shown],
        [_tick_label(s) for s in shown],
        fontfamily=FONT,
        fontsize=9,
    )
    for tick, slot in zip(axes.get_xticklabels(), shown, strict=True):
        if not slot.known:
            tick.set_color("#505a5f")
            tick.set_fontstyle("italic")
    # Half a period's room at each end, so the first and last points are not on the edge.
    first, last = slots[0], slots[-1]
    axes.set_xlim(_years(first.start.toordinal()), _years(last.end.toordinal() + 1))


def _tick_label(slot: Slot) -> str:
    """The period; under a gap, "no data", after the period where it is one alone
    (a run's span shows where it is, and the table names it)."""
    if slot.known:
        return slot.label
    return NO_DATA.lower() if slot.periods > 1 else f"{slot.label}\n{NO_DATA.lower()}"


def _value_axis(axes: Axes, drawn, unit: str, from_zero: bool) -> None:
    series, target, limits = drawn
    values = [v for _, vs in series for v in vs]
    values += list(target[1]) if target else []
    values += [v for vs in limits or () for v in vs]
    known = [v for v in values if v is not None]
    axes.set_ylabel(unit, fontfamily=FONT, fontsize=9)
    if not known:
        return
    low, high = min(known), max(known)
    if not from_zero:
        if low < 0 < high:
            axes.axhline(0, color="#0b0c0c", linewidth=0.8)
        return
    floor = zero_based_floor(low, high)
    if floor is not None:
        axes.set_ylim(bottom=floor, top=high * 1.05)
        return
    # From a round number below the lowest value, never at it: a point on the axis
    # line would be half hidden by it.
    ticks = list(axes.yaxis.get_major_locator().tick_values(low, high))
    step = ticks[1] - ticks[0] if len(ticks) > 1 else abs(low) * 0.1 or 1
    below = [t for t in ticks if t < low - 0.1 * step]
    start = below[-1] if below else ticks[0] - step
    axes.set_ylim(bottom=start, top=high + 0.05 * (high - start))
    _mark_break(axes, start, unit)


def _mark_break(axes: Axes, start: float, unit: str) -> None:
    """The axis does not start at zero: two slashes across its foot, and words."""
    for offset in (0.0, 0.035):
        axes.plot(
            [-0.018, 0.018],
            [0.015 + offset, 0.055 + offset],
            transform=axes.transAxes,
            color="#0b0c0c",
            linewidth=1.2,
            clip_on=False,
            gid="axis-break",
        )
    note = f"Axis broken: starts at {start:g}, not zero"
    axes.set_ylabel(f"{unit}\n{note}" if unit else note, fontfamily=FONT, fontsize=8)
