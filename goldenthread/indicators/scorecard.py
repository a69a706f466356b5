"""A partnership's scorecard: every indicator it tracks, evaluated at its latest value.

Read in a fixed number of queries whatever the number of indicators: the latest
standings, the targets, the baselines and group values rules need, and which aims
each indicator serves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from goldenthread.indicators.evaluation import Evaluation, evaluate, no_data
from goldenthread.indicators.models import (
    DataPoint,
    Indicator,
    Rule,
    Standing,
    Target,
)
from goldenthread.indicators.targets import Facts, applicable_target
from goldenthread.lib.periods import Period
from goldenthread.plans.models import Partnership


@dataclass(frozen=True)
class Row:
    evaluation: Evaluation
    aims: tuple[int, ...]

    @property
    def indicator(self) -> Indicator:
        return self.evaluation.indicator


def scorecard(partnership: Partnership, *, aim: int | None = None, rag: str = "") -> list[Row]:
    """One row per indicator with data for the partnership's area or linked to its plan."""
    area = partnership.area
    standings = list(
        Standing.objects.filter(area=area, is_latest=True).select_related(
            "indicator", "period", "data_point", "previous__period"
        )
    )
    targets = _targets(partnership)
    facts = rule_facts(standings, targets, area)
    aims = _aims(partnership)
    rows = [
        Row(
            evaluate(s, targets[s.indicator_id], facts.get(s.pk)),
            aims.get(s.indicator_id, ()),
        )
        for s in standings
    ]
    rows += _without_data(partnership, {s.indicator_id for s in standings}, targets, aims)
    rows.sort(key=lambda row: (row.aims or (99,), row.indicator.code))
    if aim is not None:
        rows = [row for row in rows if aim in row.aims]
    if rag:
        rows = [row for row in rows if (row.evaluation.rag or "none") == rag]
    return rows


def _targets(partnership: Partnership, **filters) -> dict[int, list[Target]]:
    """Targets on the whole population, and gap rules, which name their two groups."""
    targets = defaultdict(list)
    query = Target.objects.filter(partnership=partnership, **filters).select_related("baseline")
    for target in query:
        if not target.breakdown or target.rule == Rule.GAP_NARROWED:
            targets[target.indicator_id].append(target)
    return targets


def rule_facts(standings, targets, area) -> dict[int, Facts]:
    """What rules need beyond a standing, by standing: baselines and gaps between groups."""
    wanted = {}
    for standing in standings:
        target = applicable_target(targets[standing.indicator_id], standing.period.value)
        if target is not None and target.rule:
            wanted[standing.pk] = (standing, target)
    if not wanted:
        return {}
    baselines = {
        (b.indicator_id, b.period_id): b
        for b in Standing.objects.select_related("data_point").filter(
            area=area,
            indicator_id__in={s.indicator_id for s, _ in wanted.values()},
            period_id__in={t.baseline_id for _, t in wanted.values() if t.baseline_id},
        )
    }
    gaps = gap_series(area, {t for _, t in wanted.values() if t.rule == Rule.GAP_NARROWED})
    facts = {}
    for pk, (standing, target) in wanted.items():
        baseline = baselines.get((standing.indicator_id, target.baseline_id))
        gap, previous_gap = _gap_at(gaps.get(target.pk, {}), standing.period.value)
        facts[pk] = Facts(
            period=standing.period.value,
            baseline=baseline.data_point.value if baseline else None,
            baseline_period=target.baseline.value if target.baseline else None,
            baseline_band=baseline.quartile_band if baseline else "",
            gap=gap,
            previous_gap=previous_gap,
        )
    return facts


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


def _aims(partnership: Partnership) -> dict[int, tuple[int, ...]]:
    links = defaultdict(set)
    for indicator_id, number in Indicator.objectives.through.objects.filter(
        objective__aim__plan__partnership=partnership
    ).values_list("indicator_id", "objective__aim__number"):
        links[indicator_id].add(number)
    for indicator_id, number in Indicator.actions.through.objects.filter(
        action__delivery_plan__plan__partnership=partnership
    ).values_list("indicator_id", "action__objective__aim__number"):
        links[indicator_id].add(number)
    return {pk: tuple(sorted(numbers)) for pk, numbers in links.items()}


def _without_data(partnership, with_data: set[int], targets, aims) -> list[Row]:
    linked = set(aims) | set(targets)
    missing = Indicator.objects.filter(pk__in=linked - with_data)
    return [Row(no_data(i, targets[i.pk]), aims.get(i.pk, ())) for i in missing]


def history(partnership: Partnership, indicator: Indicator) -> list[Evaluation]:
    """The indicator evaluated for the partnership's area in every period, oldest first."""
    standings = sorted(
        Standing.objects.filter(area=partnership.area, indicator=indicator).select_related(
            "indicator", "period", "data_point", "previous__period"
        ),
        key=lambda s: s.period.value.sort_key,
    )
    targets = _targets(partnership, indicator=indicator)
    facts = rule_facts(standings, targets, partnership.area)
    return [evaluate(s, targets[indicator.pk], facts.get(s.pk)) for s in standings]
