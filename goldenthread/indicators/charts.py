"""An indicator's charts: the area against its comparators over time, and its gaps."""

from __future__ import annotations

from goldenthread.charts import Chart, line_chart
from goldenthread.indicators.breakdowns import BreakdownGap, category_label
from goldenthread.indicators.evaluation import Evaluation
from goldenthread.indicators.models import Indicator


def trend_chart(indicator: Indicator, area_name: str, history: list[Evaluation]) -> Chart | None:
    if not history:
        return None
    series = {area_name: [e.value for e in history]}
    for label, attribute in (
        ("England", "england"),
        ("Region", "region"),
        ("Statistical neighbours", "neighbours"),
    ):
        values = [getattr(e, attribute) for e in history]
        if any(v is not None for v in values):
            series[label] = values
    expected = [e.expected for e in history]
    target = ("Target", expected) if any(v is not None for v in expected) else None
    return line_chart(
        [str(e.period) for e in history],
        series,
        title=f"{indicator.title}, {area_name} and comparators",
        summary=trend_summary(indicator, area_name, history[-1]),
        unit=indicator.unit_words or ("%" if indicator.is_percentage else ""),
        target=target,
    )


def trend_summary(indicator: Indicator, area_name: str, latest: Evaluation) -> str:
    """The sentence that stands for the chart: the latest value beside England."""
    sentence = f"{area_name}: {indicator.format(latest.value)} {latest.period.phrase}"
    if latest.england is not None:
        sentence += f", against {indicator.format(latest.england)} for England"
    if latest.previous_value is not None:
        sentence += f"; {indicator.format(latest.previous_value)} {latest.previous_period.phrase}"
    return sentence + "."


def gap_chart(indicator: Indicator, gap: BreakdownGap) -> Chart:
    periods = sorted({p for values in gap.values.values() for p in values})
    series = {
        category_label(name).capitalize(): [values.get(p) for p in periods]
        for name, values in gap.values.items()
    }
    return line_chart(
        [str(p) for p in periods],
        series,
        title=f"{indicator.title} by {gap.label}",
        summary=gap_summary(indicator, gap),
        unit=indicator.unit_words or ("%" if indicator.is_percentage else ""),
    )


def gap_summary(indicator: Indicator, gap: BreakdownGap) -> str:
    latest = gap.latest
    if latest is None:
        return f"Values by {gap.label}; no two groups to compare in the same period."
    unit = "percentage points" if indicator.is_percentage else indicator.unit_words
    size = f"{abs(latest.gap):,.{indicator.decimals}f} {unit}".strip()
    sentence = (
        f"The gap between {category_label(gap.first)} and {category_label(gap.second)} "
        f"was {size} {latest.period.phrase}"
    )
    if gap.narrowed is not None:
        sentence += (
            ", narrower than the period before"
            if gap.narrowed
            else ", not narrower than the period before"
        )
    return sentence + "."
