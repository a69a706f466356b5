"""A partnership's scorecard: every indicator it tracks, evaluated at its latest value.

Read in a fixed number of queries whatever the number of indicators: the latest
standings, the targets, the baselines and group values rules need, and which aims
each indicator serves. A report of a past year reads the data as it stood then: an
indicator whose stored standing is newer is worked out again from its data (a query
for each such indicator).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Q

from goldenthread.areas.models import Area
from goldenthread.charts import Chart
from goldenthread.charts.colours import significance_word
from goldenthread.charts.comparisons import SpineRow, spine_chart
from goldenthread.indicators import stats
from goldenthread.indicators.charts import boundary_sets_of, compared_authorities
from goldenthread.indicators.evaluation import Evaluation, evaluate, no_data
from goldenthread.indicators.models import (
    TOTAL,
    DataPoint,
    Indicator,
    MeasureKind,
    PerformanceQuestion,
    Polarity,
    Rule,
    Standing,
    Target,
)
from goldenthread.indicators.models import Period as StoredPeriod
from goldenthread.indicators.standings import Geography, standings_of
from goldenthread.indicators.targets import Facts, applicable_target
from goldenthread.lib.periods import FinancialYear, Period
from goldenthread.partnerships.models import Partnership, Someone
from goldenthread.plans.models import Action, Objective


@dataclass(frozen=True)
class Row:
    evaluation: Evaluation
    aims: tuple[int, ...]

    @property
    def indicator(self) -> Indicator:
        return self.evaluation.indicator


# Which rows the scorecard page shows: those with a value (the default), those judged
# against a target, or every indicator the plan tracks.
WITH_DATA, JUDGED, ALL = "with_data", "judged", "all"
SHOW_CHOICES = [(WITH_DATA, "With a value"), (JUDGED, "Judged"), (ALL, "All")]


def rows_to_show(rows: list[Row], show: str = WITH_DATA, on: dt.date | None = None) -> list[Row]:
    """The rows a reader asked to see; the rest are counted as hidden. Indicators retired
    by ``on`` (today by default) are shown only when every indicator is asked for."""
    if show == ALL:
        return rows
    rows = [row for row in rows if not row.indicator.is_retired(on)]
    if show == JUDGED:
        return [row for row in rows if row.evaluation.rag]
    return [row for row in rows if row.evaluation.has_data]


# The scorecard's filter by results-based accountability's kinds: either kind, each of a
# performance measure's questions, or those not yet classified.
UNCLASSIFIED = "unclassified"
KIND_CHOICES = [
    ("", "Any kind"),
    (MeasureKind.POPULATION, "Population indicators"),
    (MeasureKind.PERFORMANCE, "Performance measures"),
    *[(value, f"Performance: {label}") for value, label in PerformanceQuestion.choices],
    (UNCLASSIFIED, "Not classified"),
]


def of_kind(rows: list[Row], kind: str) -> list[Row]:
    """The rows of one kind of measure (``KIND_CHOICES``); every row for ""."""
    if not kind:
        return rows
    if kind == UNCLASSIFIED:
        return [row for row in rows if not row.indicator.measure_kind]
    if kind in MeasureKind.values:
        return [row for row in rows if row.indicator.measure_kind == kind]
    return [
        row
        for row in rows
        if row.indicator.measure_kind == MeasureKind.PERFORMANCE
        and row.indicator.performance_question == kind
    ]


def scorecard(
    partnership: Partnership,
    *,
    aim: int | None = None,
    rag: str = "",
    as_of: dt.date | None = None,
    user: Someone | None = None,
) -> list[Row]:
    """One row per indicator with data for the partnership's area or linked to its plan.
    Given ``as_of`` (a report's year end), each at its latest value for a period ending
    by then, judged as at that day; by default at its latest value, judged as at the
    area's data date. Given a user, only the links to aims of plans (and actions of
    delivery plans) they may read count (``visible_to``); without one (reports, commands
    of a delivery plan already chosen), every link."""
    area = partnership.area
    standings = list(Standing.objects.filter(area=area).select_related("indicator"))
    periods = stored_periods()
    if as_of is not None:
        standings = as_it_stood(standings, as_of, area.pk, periods)
    as_of = as_of or data_date(standings, periods)
    targets = _targets(partnership)
    facts = rule_facts(standings, targets, area, periods, as_of)
    aims = _aims(partnership, user)
    rows = [
        Row(
            evaluate(s, targets[s.indicator_id], periods, facts.get(_key(s)), as_of),
            aims.get(s.indicator_id, ()),
        )
        for s in standings
    ]
    rows += _without_data(partnership, {s.indicator_id for s in standings}, targets, aims, as_of)
    rows.sort(key=lambda row: (row.aims or (99,), row.indicator.code))
    if aim is not None:
        rows = [row for row in rows if aim in row.aims]
    if rag:
        rows = [row for row in rows if (row.evaluation.rag or "none") == rag]
    return rows


def as_it_stood(standings: list, as_of: dt.date, area_id: int, periods: dict) -> list:
    """The standings as they stood at ``as_of``: for each indicator, its value for the
    latest period ending on or before that day; none where it had no value by then."""
    later = [s for s in standings if periods[s.period_id].end > as_of]
    if not later:
        return standings
    kept = [s for s in standings if periods[s.period_id].end <= as_of]
    geography = Geography.load()
    for standing in later:
        worked = standings_of(
            standing.indicator, area_id=area_id, geography=geography, periods=periods
        )
        earlier = [w for w in worked if periods[w.period_id].end <= as_of]
        if earlier:
            kept.append(earlier[-1])
    return kept


def year_end(year: str) -> dt.date | None:
    """The last day of a financial year as people write it ("2014/15", "2014-15"), at
    which a scorecard of that year reads the data; None for no year. Raises ValueError
    saying what was expected."""
    return FinancialYear.parse(year).last_day if year else None


def history(partnership: Partnership, indicator: Indicator) -> list[Evaluation]:
    """The indicator evaluated for the partnership's area in every period, oldest first.

    Worked out from the indicator's data rather than read from stored standings, which
    keep only the latest period. The latest is judged as the scorecard judges it, as at
    the area's data date; each earlier one as at the end of its own period.
    """
    return histories(partnership, [indicator])[indicator.pk]


def histories(partnership: Partnership, indicators: list[Indicator]) -> dict[int, list[Evaluation]]:
    """`history` for several indicators: one query for each one's data, the rest shared."""
    periods = stored_periods()
    geography = Geography.load()
    today = area_data_date(partnership.area_id, periods)
    targets = _targets(partnership, indicator__in=indicators)
    worked = {
        i.pk: standings_of(i, area_id=partnership.area_id, geography=geography, periods=periods)
        for i in indicators
    }
    everything = [s for standings in worked.values() for s in standings]
    facts = rule_facts(everything, targets, partnership.area, periods)
    latest = [standings[-1] for standings in worked.values() if standings]
    latest_facts = rule_facts(latest, targets, partnership.area, periods, today)
    return {
        pk: [evaluate(s, targets[pk], periods, facts.get(_key(s))) for s in standings[:-1]]
        + [
            evaluate(s, targets[pk], periods, latest_facts.get(_key(s)), today)
            for s in standings[-1:]
        ]
        for pk, standings in worked.items()
    }


def area_data_date(area_id: int, periods: dict[int, Period]) -> dt.date | None:
    """`data_date` for an area, from its stored standings."""
    ids = Standing.objects.filter(area_id=area_id).values_list("period_id", flat=True)
    return max((periods[pk].end for pk in set(ids)), default=None)


def data_date(standings: list[Standing], periods: dict[int, Period]) -> dt.date | None:
    """The end of the latest period the area has a value for: the day a page judges
    targets at, so that a milestone due since an older value says there is no data
    since, and a page reads the same whatever day it is opened."""
    return max((periods[s.period_id].end for s in standings), default=None)


def stored_periods() -> dict[int, Period]:
    return {p.pk: p.value for p in StoredPeriod.objects.all()}


def _key(standing: Standing) -> tuple[int, int]:
    return (standing.indicator_id, standing.period_id)


def _targets(partnership: Partnership, **filters) -> dict[int, list[Target]]:
    """Targets on the whole population, and gap rules, which name their two groups."""
    targets = defaultdict(list)
    query = Target.objects.filter(partnership=partnership, **filters).select_related(
        "baseline", "indicator"
    )
    for target in query:
        if not target.breakdown or target.rule == Rule.GAP_NARROWED:
            targets[target.indicator_id].append(target)
    return targets


def rule_facts(standings, targets, area, periods, as_of=None) -> dict[tuple[int, int], Facts]:
    """What rules need beyond a standing: the baseline, and gaps between groups. A
    dated value with a baseline needs it too, for its trajectory until it is due."""
    wanted = {}
    for standing in standings:
        period = periods[standing.period_id]
        target = applicable_target(targets[standing.indicator_id], period, as_of)
        if target is not None and (target.rule or target.baseline_id):
            wanted[_key(standing)] = (standing, target)
    if not wanted:
        return {}
    baselines = _baselines(area, [t for _, t in wanted.values() if t.baseline_id])
    gaps = gap_series(area, {t for _, t in wanted.values() if t.rule == Rule.GAP_NARROWED})
    facts = {}
    for key, (standing, target) in wanted.items():
        baseline, band = baselines.get(target.pk, (None, ""))
        gap, previous_gap = _gap_at(gaps.get(target.pk, {}), periods[standing.period_id])
        facts[key] = Facts(
            period=periods[standing.period_id],
            baseline=baseline,
            baseline_period=target.baseline.value if target.baseline else None,
            baseline_band=band,
            gap=gap,
            previous_gap=previous_gap,
        )
    return facts


def _baselines(area, targets: list[Target]) -> dict[int, tuple[float | None, str]]:
    """Each rule's value at its baseline, and its quartile band then among authorities."""
    if not targets:
        return {}
    query = Q()
    for target in targets:
        query |= Q(indicator_id=target.indicator_id, period_id=target.baseline_id)
    values = defaultdict(dict)
    for indicator_id, period_id, area_id, value in DataPoint.objects.filter(
        query, breakdown="", area__kind__in=[Area.Kind.LOCAL_AUTHORITY]
    ).values_list("indicator_id", "period_id", "area_id", "value"):
        values[(indicator_id, period_id)][area_id] = value
    result = {}
    for target in targets:
        everyone = values[(target.indicator_id, target.baseline_id)]
        value = everyone.get(area.pk)
        band = stats.quartile_band(value, list(everyone.values()), target.indicator.polarity)
        result[target.pk] = (value, band or "")
    return result


def gap_series(area, targets) -> dict[int, dict[Period, float]]:
    """Each gap target's gap between its two groups, for every period with both."""
    if not targets:
        return {}
    query = Q()
    for target in targets:
        query |= Q(indicator_id=target.indicator_id) & Q(
            breakdown__in=[target.breakdown, target.compare_breakdown]
        )
    values = defaultdict(dict)
    for point in DataPoint.objects.filter(query, area=area).select_related("period"):
        values[(point.indicator_id, point.breakdown)][point.period.value] = point.value
    series = {}
    for target in targets:
        first = values[(target.indicator_id, target.breakdown)]
        second = values[(target.indicator_id, target.compare_breakdown)]
        series[target.pk] = {p: first[p] - second[p] for p in sorted(set(first) & set(second))}
    return series


def _gap_at(series: dict[Period, float], period: Period) -> tuple[float | None, float | None]:
    """The gap in this period, or the latest before it, and the one before that."""
    known = [p for p in series if not period < p]
    if not known:
        return None, None
    previous = series[known[-2]] if len(known) > 1 else None
    return series[known[-1]], previous


def _aims(partnership: Partnership, user: Someone | None) -> dict[int, tuple[int, ...]]:
    objectives = Objective.objects.filter(aim__plan__partnership=partnership)
    actions = Action.objects.filter(delivery_plan__plan__partnership=partnership)
    if user is not None:
        objectives, actions = objectives.visible_to(user), actions.visible_to(user)
    links = defaultdict(set)
    for indicator_id, number in Indicator.objectives.through.objects.filter(
        objective__in=objectives
    ).values_list("indicator_id", "objective__aim__number"):
        links[indicator_id].add(number)
    for indicator_id, number in Indicator.actions.through.objects.filter(
        action__in=actions
    ).values_list("indicator_id", "action__objective__aim__number"):
        links[indicator_id].add(number)
    return {pk: tuple(sorted(numbers)) for pk, numbers in links.items()}


def _without_data(partnership, with_data: set[int], targets, aims, as_of) -> list[Row]:
    linked = set(aims) | set(targets)
    missing = Indicator.objects.filter(pk__in=linked - with_data)
    return [Row(no_data(i, targets[i.pk], as_of), aims.get(i.pk, ())) for i in missing]


def spine(partnership: Partnership, rows: list[Row]) -> tuple[Chart, list] | None:
    """The area's profile across the rows' indicators (Fingertips' spine chart): each
    latest value beside England and the spread of the authorities it is compared with.
    Three queries whatever the number of indicators. With the chart, its data as table
    rows with each row's indicator, to show the values in their units."""
    shown = [row.evaluation for row in rows if row.evaluation.has_data]
    if not shown:
        return None
    period_ids = {p.value: p.pk for p in StoredPeriod.objects.all()}
    # A term for each period, not for each indicator: a thousand terms of (indicator,
    # period) had PostgreSQL test every one against every value it holds.
    in_period: dict[int, set[int]] = defaultdict(set)
    for e in shown:
        in_period[period_ids[e.period]].add(e.indicator.pk)
    wanted = Q()
    for period_id, indicator_ids in in_period.items():
        wanted |= Q(period_id=period_id, indicator_id__in=sorted(indicator_ids))
    values: dict[int, dict[int, float]] = defaultdict(dict)
    for indicator_id, area_id, value in DataPoint.objects.filter(
        wanted, breakdown=TOTAL, area__kind=Area.Kind.LOCAL_AUTHORITY
    ).values_list("indicator_id", "area_id", "value"):
        values[indicator_id][area_id] = value
    sets = boundary_sets_of([pk for each in values.values() for pk in each] + [partnership.area_id])
    spine_rows = [_spine_row(e, values[e.indicator.pk], sets, partnership.area_id) for e in shown]
    name = partnership.area.name
    chart = spine_chart(
        spine_rows,
        title=f"{name} against England and every authority",
        summary=spine_summary(name, shown),
        area=name,
    )
    return chart, [
        (e.indicator, values) for e, (_, values) in zip(shown, chart.rows(), strict=True)
    ]


def _spine_row(evaluation: Evaluation, values: dict[int, float], sets, area_id: int) -> SpineRow:
    chosen, _ = compared_authorities(set(values), sets, area_id)
    worst, low, high, best = stats_spread([values[pk] for pk in chosen], evaluation.indicator)
    return SpineRow(
        label=evaluation.indicator.title,
        value=evaluation.value,
        england=evaluation.england,
        worst=worst,
        lower_quartile=low,
        upper_quartile=high,
        best=best,
        judgement=evaluation.significance,
    )


def stats_spread(values: list[float], indicator: Indicator) -> tuple[float | None, ...]:
    """The worst, the 25th and 75th percentiles on the worst and best sides, and the best
    (by polarity; lowest to highest without one); all None for fewer than two values."""
    if len(values) < 2:
        return (None, None, None, None)
    low, _, high = statistics.quantiles(values, n=4, method="inclusive")
    spread = (min(values), low, high, max(values))
    return spread[::-1] if indicator.polarity == Polarity.LOW_IS_GOOD else spread


def spine_summary(area_name: str, shown: list[Evaluation]) -> str:
    counts = Counter(significance_word(e.significance) for e in shown)
    words = ", ".join(f"{n} {word.lower()}" for word, n in counts.most_common())
    return (
        f"{area_name} on {len(shown)} indicator{'s' if len(shown) != 1 else ''} at their "
        f"latest values, compared with England: {words}."
    )
