"""A history and its forecast baseline on one time axis: the line goes on dashed into
the periods ahead, inside the shaded band of its 95% prediction interval.

Drawn as ``lines.line_chart`` draws (time in proportion, gaps shown, the same styles),
with the band added; the chart's data has the forecast and its interval as columns, so
the table beside it says everything the band shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from goldenthread.charts import FONT, Chart
from goldenthread.charts.lines import LEGEND_COLUMNS, PLOT_HEIGHT, _draw_lines, _on_slots, timeline
from goldenthread.lib.periods import Period

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORECAST = "Forecast if we do nothing more"
LOWER, UPPER = "Forecast lower 95% limit", "Forecast upper 95% limit"
BAND_LABEL = "95% prediction interval"
BAND_FILL = "#d2e2f1"


def forecast_chart(
    periods: Sequence[Period],
    series: dict[str, list[float | None]],
    ahead: Sequence[Period],
    forecast: tuple[list[float], list[float], list[float]],
    *,
    title: str,
    summary: str,
    unit: str = "",
    from_zero: bool = False,
) -> Chart:
    """``series`` over ``periods`` (the first the area's own), then ``forecast``'s
    values, lower and upper limits over the periods ``ahead``."""
    every = [*periods, *ahead]
    slots = timeline(every)
    blank = [None] * len(ahead)
    values, lower, upper = forecast
    table = {name: [*v, *blank] for name, v in series.items()}
    table[FORECAST] = [None] * len(periods) + list(values)
    table[LOWER] = [None] * len(periods) + list(lower)
    table[UPPER] = [None] * len(periods) + list(upper)
    order = sorted(range(len(every)), key=lambda i: every[i])
    laid = {name: _on_slots(slots, [v[i] for i in order]) for name, v in table.items()}
    # The dashed line starts from the last value, so that it reads as the same curve.
    joined = list(laid[FORECAST])
    first_ahead = len(slots) - len(ahead)
    if first_ahead > 0:
        joined[first_ahead - 1] = laid[next(iter(series))][first_ahead - 1]
    drawn_series = [(name, tuple(laid[name])) for name in series]
    drawn_series.insert(1, (FORECAST, tuple(joined)))
    draw = partial(
        _draw_forecast,
        tuple(slots),
        tuple(drawn_series),
        title=title,
        unit=unit,
        band=(tuple(laid[LOWER]), tuple(laid[UPPER])),
        from_zero=from_zero,
        joined_at=first_ahead - 1,
    )
    return Chart(title, summary, [s.label for s in slots], laid, draw)


def _draw_forecast(slots, series, *, title, unit, band, from_zero, joined_at) -> Figure:
    # The band as "limits" sets the value axis to hold it; no error bar is drawn, as
    # the area's own line has no value where the band is.
    figure = _draw_lines(
        slots, series, title=title, unit=unit, target=None, limits=band, from_zero=from_zero
    )
    axes = figure.axes[0]
    # No forecast marker on the last value it starts from: that point is the area's own.
    for line in axes.get_lines():
        if line.get_gid() == "line-1":
            line.set_markevery([i for i in range(len(slots)) if i != joined_at])
    known = [
        (slot.middle, low, high)
        for slot, low, high in zip(slots, *band, strict=True)
        if low is not None and high is not None
    ]
    if known:
        axes.fill_between(
            [x for x, _, _ in known],
            [low for _, low, _ in known],
            [high for _, _, high in known],
            color=BAND_FILL,
            edgecolor="#1d70b8",
            linewidth=0.5,
            hatch="..",
            zorder=0,
            label=BAND_LABEL,
            gid="forecast-interval",
        )
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.6 / PLOT_HEIGHT),
        ncols=LEGEND_COLUMNS,
        frameon=False,
        prop={"family": FONT, "size": 9},
    )
    return figure
