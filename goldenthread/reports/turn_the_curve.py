"""Turn the Curve: results-based accountability's report on one indicator.

The curve so far, against England and the region where they are known; where it goes
"if we do nothing more" (a forecast baseline with its 95% interval, by the method
``indicators.forecast`` documents); the story behind the curve, the partners with a role,
what works and what we will do, from the latest commentary; and the action plan: the
delivery year's actions linked to the indicator, directly or through their objective,
with who leads them and where they stand. One context for the page, Word and PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from goldenthread.charts import Chart
from goldenthread.charts.forecasts import forecast_chart
from goldenthread.charts.lines import missing_between
from goldenthread.commentary.reading import commentary_of
from goldenthread.indicators.charts import from_zero, trend_chart
from goldenthread.indicators.evaluation import Evaluation
from goldenthread.indicators.forecast import Forecast, forecast, no_forecast_reason
from goldenthread.indicators.models import Indicator, MeasureKind, Unit
from goldenthread.indicators.scorecard import history
from goldenthread.lib.periods import Period
from goldenthread.partnerships.logo import logo_of
from goldenthread.plans.models import Action, DeliveryPlan

from .annual import data_as_of

NO_COMMENTARY = "No commentary yet."
# The commentary's parts in RBA's order, under the headings the report gives them.
STORY = {
    "story": "The story behind the curve",
    "partners": "Partners with a role to play",
    "what_works": "What works",
    "next_steps": "What we will do",
}
# What each kind of measure asks of the curve, for the reader new to the words.
KIND_MEANING = {
    MeasureKind.POPULATION: (
        "A condition of the whole population, which no one service owns: the "
        "partnership turns its curve together."
    ),
    MeasureKind.PERFORMANCE: "How a service or programme does for the people it serves.",
}
NOT_CLASSIFIED = "Not yet classified as a population indicator or a performance measure."


@dataclass(frozen=True)
class HistoryRow:
    period: str
    value: str
    england: str
    region: str


@dataclass(frozen=True)
class ForecastRow:
    period: str
    value: str
    lower: str
    upper: str


@dataclass(frozen=True)
class PlannedAction:
    code: str
    text: str
    lead: str
    status: str
    linked: str  # "directly" or "through objective 8.1"
    url: str


@dataclass(frozen=True)
class Commentary:
    period: str
    parts: dict[str, str]  # each of STORY's headings: its words, "" where none
    written: str  # "Written by Nina Patel on 3 June 2015"


@dataclass(frozen=True)
class TurnTheCurveContext:
    partnership: str
    area: str
    plan: str
    year: str
    generated_at: dt.datetime
    data_as_of: dt.date | None
    indicator_code: str
    indicator_title: str
    definition: str
    polarity: str
    kind_words: str
    kind_meaning: str
    history: list[HistoryRow]
    comparators: list[str]  # "England", "Region": the columns with any value
    forecast: Forecast | None
    forecast_rows: list[ForecastRow]
    forecast_sentence: str
    commentary: Commentary | None
    actions: list[PlannedAction]
    chart: Chart | None = field(default=None, repr=False)
    logo: bytes | None = field(default=None, repr=False)

    kind = "turn_the_curve"

    @property
    def title(self) -> str:
        return f"Turn the Curve: {self.indicator_title}"

    @property
    def kind_lead(self) -> str:
        """The kind as the start of a sentence: "Population indicator.", "Performance
        measure: how well did we do it?" (a question ends in its own mark)."""
        return self.kind_words if self.kind_words.endswith("?") else f"{self.kind_words}."

    @property
    def story(self) -> list[tuple[str, str]]:
        """Each part of the story behind the curve under its heading; NO_COMMENTARY for
        a part not written, or for all where there is no commentary yet."""
        parts = self.commentary.parts if self.commentary else {}
        return [(heading, parts.get(heading) or NO_COMMENTARY) for heading in STORY.values()]

    def layout(self) -> Iterator:
        """The blocks Word and PDF draw (``reports/layout.py``)."""
        from .turn_the_curve_layout import turn_the_curve_layout

        return turn_the_curve_layout(self)


def turn_the_curve(delivery_plan: DeliveryPlan, indicator: Indicator) -> TurnTheCurveContext:
    partnership = delivery_plan.plan.partnership
    evaluations = [e for e in history(partnership, indicator) if e.value is not None]
    made = baseline(indicator, evaluations)
    ahead = _ahead(evaluations, made)
    return TurnTheCurveContext(
        partnership=partnership.name,
        area=partnership.area.name,
        plan=delivery_plan.plan.title,
        year=str(delivery_plan.year),
        generated_at=timezone.now(),
        data_as_of=data_as_of(delivery_plan),
        indicator_code=indicator.code,
        indicator_title=indicator.title,
        definition=indicator.definition,
        polarity=indicator.get_polarity_display(),
        kind_words=indicator.kind_words or "Not classified",
        kind_meaning=KIND_MEANING.get(indicator.measure_kind, NOT_CLASSIFIED),
        history=[_history_row(indicator, e) for e in evaluations],
        comparators=_comparators(evaluations),
        forecast=made,
        forecast_rows=[
            ForecastRow(
                str(period),
                indicator.format(p.value),
                indicator.format(p.lower),
                indicator.format(p.upper),
            )
            for period, p in zip(ahead, made.points if made else [], strict=True)
        ],
        forecast_sentence=forecast_sentence(indicator, evaluations, made, ahead),
        commentary=latest_commentary(partnership, indicator),
        actions=planned_actions(delivery_plan, indicator),
        chart=_chart(indicator, partnership.area.name, evaluations, made, ahead),
        logo=logo_of(partnership),
    )


def baseline(indicator: Indicator, evaluations: list[Evaluation]) -> Forecast | None:
    """The forecast of the area's values, each placed on the periods' timeline (a gap
    counts its missing periods), kept within what the unit can take."""
    values = [e.value for e in evaluations if e.value is not None]
    return forecast(values, positions(evaluations), bounds=bounds_of(indicator))


def positions(evaluations: list[Evaluation]) -> list[int]:
    """Where each period falls on the timeline: 0, 1, 3 where the third is missing."""
    placed: list[int] = []
    for index, e in enumerate(evaluations):
        if not index:
            placed.append(0)
            continue
        earlier = evaluations[index - 1].period
        gap = len(missing_between(earlier, e.period)) if earlier and e.period else 0
        placed.append(placed[-1] + gap + 1)
    return placed


def bounds_of(indicator: Indicator) -> tuple[float | None, float | None]:
    """What the unit can take: a percentage 0 to 100; a count, rate or duration never
    negative; a mean or score anything."""
    if indicator.unit == Unit.PERCENTAGE:
        return (0.0, 100.0)
    if indicator.unit in (Unit.COUNT, Unit.RATE, Unit.DURATION):
        return (0.0, None)
    return (None, None)


def _ahead(evaluations: list[Evaluation], made: Forecast | None) -> list[Period]:
    if made is None or not evaluations or evaluations[-1].period is None:
        return []
    periods, period = [], evaluations[-1].period
    for _ in made.points:
        period = period.next()
        periods.append(period)
    return periods


def forecast_sentence(
    indicator: Indicator, evaluations: list[Evaluation], made: Forecast | None, ahead: list
) -> str:
    """The forecast in words, with its method; or why there is none."""
    if made is None:
        return no_forecast_reason(len(evaluations))
    first, last = made.points[0], made.points[-1]
    return (
        f"If we do nothing more, the trend of the {made.values_used} values from "
        f"{evaluations[0].period} to {evaluations[-1].period} gives "
        f"{indicator.format(first.value)} in {ahead[0]} (95% interval "
        f"{indicator.format(first.lower)} to {indicator.format(first.upper)}) and "
        f"{indicator.format(last.value)} in {ahead[-1]} ({indicator.format(last.lower)} to "
        f"{indicator.format(last.upper)}). Method: {made.method_words}. The interval is "
        "where a new value would fall 19 times in 20 if the past pattern holds; it "
        "widens the further ahead it looks."
    )


def chart_summary(
    indicator: Indicator, area: str, latest: Evaluation, made: Forecast, ahead: list
) -> str:
    """The sentence that stands for the chart: the latest value, and the forecast."""
    first, last = made.points[0], made.points[-1]
    return (
        f"{area}: {indicator.format(latest.value)} {latest.period.phrase}. If we do nothing "
        f"more, {indicator.format(first.value)} in {ahead[0]} (95% interval "
        f"{indicator.format(first.lower)} to {indicator.format(first.upper)}) to "
        f"{indicator.format(last.value)} in {ahead[-1]} ({indicator.format(last.lower)} to "
        f"{indicator.format(last.upper)}), by {made.method_name}."
    )


def _history_row(indicator: Indicator, e: Evaluation) -> HistoryRow:
    provisional = " (provisional)" if e.provisional else ""
    return HistoryRow(
        f"{e.period}{provisional}",
        indicator.format(e.value),
        indicator.format(e.england) if e.england is not None else "No data",
        indicator.format(e.region) if e.region is not None else "No data",
    )


def _comparators(evaluations: list[Evaluation]) -> list[str]:
    return [
        name
        for name, attribute in (("England", "england"), ("Region", "region"))
        if any(getattr(e, attribute) is not None for e in evaluations)
    ]


def _chart(
    indicator: Indicator,
    area: str,
    evaluations: list[Evaluation],
    made: Forecast | None,
    ahead: list[Period],
) -> Chart | None:
    if not evaluations:
        return None
    if made is None:
        return trend_chart(indicator, area, evaluations)
    series = {area: [e.value for e in evaluations]}
    for name in _comparators(evaluations):
        series[name] = [getattr(e, name.lower()) for e in evaluations]
    points = made.points
    return forecast_chart(
        [e.period for e in evaluations if e.period is not None],
        series,
        ahead,
        ([p.value for p in points], [p.lower for p in points], [p.upper for p in points]),
        title=f"{indicator.title}, {area}: the curve and where it goes if we do nothing more",
        summary=chart_summary(indicator, area, evaluations[-1], made, ahead),
        unit=indicator.unit_words or ("%" if indicator.is_percentage else ""),
        from_zero=from_zero(indicator),
    )


def latest_commentary(partnership, indicator: Indicator) -> Commentary | None:
    """The commentary on the latest period the partnership wrote one for, of those the
    indicator page shows (``commentary.reading.commentary_of``)."""
    written = next(iter(commentary_of(partnership, indicator)), None)
    if written is None:
        return None
    when = timezone.localtime(written.written_at).strftime("%-d %B %Y")
    return Commentary(
        str(written.period),
        {heading: getattr(written, name).strip() for name, heading in STORY.items()},
        f"Written by {written.writer} on {when}",
    )


def planned_actions(delivery_plan: DeliveryPlan, indicator: Indicator) -> list[PlannedAction]:
    """The year's actions linked to the indicator, or under an objective linked to it,
    in plan order, each once."""
    objectives = set(indicator.objectives.values_list("pk", flat=True))
    direct = set(indicator.actions.values_list("pk", flat=True))
    actions = (
        Action.objects.for_delivery_plan(delivery_plan)
        .filter(Q(pk__in=direct) | Q(objective__in=objectives))
        .with_leads()
        .select_related("objective", "delivery_plan__plan__partnership")
        .in_plan_order()
    )
    return [
        PlannedAction(
            action.code,
            action.text,
            action.lead_in_full,
            action.status_label,
            "directly" if action.pk in direct else f"through objective {action.objective.code}",
            action.get_absolute_url(),
        )
        for action in actions
    ]
