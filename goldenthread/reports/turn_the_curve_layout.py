"""Turn the Curve as blocks for Word and PDF (``layout.py``), in the page's order."""

from __future__ import annotations

from collections.abc import Iterator

from .layout import Block, Figure, Heading, Paragraph, Table
from .turn_the_curve import NO_COMMENTARY, TurnTheCurveContext

ACTION_COLUMNS = ["Action", "Lead", "Status", "Linked"]
ACTION_WIDTHS = [11.0, 5.0, 3.0, 4.0]
FORECAST_COLUMNS = ["Period", "Forecast", "Lower 95% limit", "Upper 95% limit"]
NO_ACTIONS = "No action of this year's plan is linked to this indicator or its objectives."


def turn_the_curve_layout(report: TurnTheCurveContext) -> Iterator[Block]:
    yield Heading("What kind of measure it is")
    yield Paragraph(f"{report.kind_lead} {report.kind_meaning}")
    if report.definition:
        yield Paragraph(f"Definition: {report.definition} {report.polarity}.")
    yield Heading("The curve")
    if not report.history:
        yield Paragraph(f"There is no data for {report.area} yet.")
    else:
        yield from _history(report)
    yield Heading("If we do nothing more: the forecast baseline")
    yield Paragraph(report.forecast_sentence)
    if report.forecast_rows:
        yield Table(
            FORECAST_COLUMNS,
            [[r.period, r.value, r.lower, r.upper] for r in report.forecast_rows],
            [2.0, 1.6, 1.6, 1.6],
            caption="Forecast baseline",
            span=0.6,
        )
    yield from _story(report)
    yield Heading("Our action plan")
    if not report.actions:
        yield Paragraph(NO_ACTIONS)
        return
    yield Table(
        ACTION_COLUMNS,
        [[f"{a.code} {a.text}", a.lead, a.status, a.linked.capitalize()] for a in report.actions],
        ACTION_WIDTHS,
        caption=f"Actions of {report.year} linked to this indicator",
    )


def _history(report: TurnTheCurveContext) -> Iterator[Block]:
    """The chart and, as the page gives it, every value in the indicator's own format
    (the forecast has its table below)."""
    if report.chart is not None:
        yield Figure(report.chart)
        yield Paragraph(report.chart.summary, style="caption")
    columns = ["Period", report.area, *report.comparators]
    rows = [
        [r.period, r.value, *[getattr(r, c.lower()) for c in report.comparators]]
        for r in report.history
    ]
    widths = [2.0] + [1.5] * (len(columns) - 1)
    yield Table(columns, rows, widths, caption="Values by period", span=0.5)


def _story(report: TurnTheCurveContext) -> Iterator[Block]:
    yield Heading("Behind the curve")
    if report.commentary is None:
        yield Paragraph(f"{NO_COMMENTARY[:-1]} for {report.indicator_title}.")
    else:
        yield Paragraph(
            f"From the commentary on {report.commentary.period}. {report.commentary.written}."
        )
    for heading, words in report.story:
        yield Heading(heading, level=2)
        yield Paragraph(words)
