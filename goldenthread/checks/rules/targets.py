"""Rules on the partnership's targets: a baseline to start from, a target that asks
for better than it, and targets that agree with each other."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from goldenthread.indicators.models import TOTAL, DataPoint, Polarity, Rule, Target
from goldenthread.indicators.targets import SAME, WORSE, against_baseline
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import DeliveryPlan

from ..findings import Finding
from .places import due_words, target_where, target_words

_POLARITY_WORDS = {Polarity.HIGH_IS_GOOD: "higher", Polarity.LOW_IS_GOOD: "lower"}
# The direction a target's words ask for, by their verbs: "increase take up", "a 0.5%
# reduction". Comparatives are left out: "no lower than England" asks for higher.
_UP = re.compile(
    r"\b(?:increas\w*|rais(?:e|es|ed|ing)|grow\w*|boost\w*|expand\w*)\b", re.IGNORECASE
)
_DOWN = re.compile(r"\b(?:reduc\w*|decreas\w*|cut|cuts|cutting|halv\w*)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Point:
    """A value of the area's, and its period."""

    period_id: int
    end: dt.date
    period: str
    value: float


Values = dict[tuple[int, str], list[Point]]


def partnership_targets(delivery_plan: DeliveryPlan) -> list[Target]:
    return list(
        Target.objects.filter(partnership=delivery_plan.plan.partnership)
        .select_related("indicator")
        .order_by("indicator__code", "breakdown", "due", "pk")
    )


def targets_without_baseline(
    delivery_plan: DeliveryPlan, targets: list[Target], values: Values
) -> list[Finding]:
    """A target with nothing to measure progress from: no baseline period recorded, and
    no value for the partnership's area before the date it is due (any value at all,
    for a target with no date)."""
    partnership = delivery_plan.plan.partnership
    findings = []
    for target in targets:
        points = values.get((target.indicator_id, target.breakdown or TOTAL))
        if target.baseline_id is not None or (
            points and (target.due is None or points[0].end < target.due)
        ):
            continue
        before = f" before {due_words(target)}" if target.due else ""
        findings.append(
            Finding(
                "target-without-baseline",
                target_where(target),
                target_words(target),
                f"No baseline is recorded and there is no value for {partnership.area.name}{before}.",
                url=target.indicator.url_for(partnership),
            )
        )
    return findings


def targets_met_at_baseline(
    delivery_plan: DeliveryPlan, targets: list[Target], baselines: dict[int, Point]
) -> list[Finding]:
    """A target its baseline already meets: calling it met would say nothing."""
    return [
        _about_target(
            delivery_plan,
            target,
            "target-met-at-baseline",
            f"It asks for {_shown(target, target.value)}{_by(target)}, the same as the "
            f"baseline ({_baseline_words(target, baselines[target.pk])}): it was met "
            "before anything was done.",
        )
        for target in targets
        if target.pk in baselines and _against(target, baselines) == SAME
    ]


def targets_pointing_the_wrong_way(
    delivery_plan: DeliveryPlan, targets: list[Target], baselines: dict[int, Point]
) -> list[Finding]:
    """A target that asks for worse than its baseline, by the indicator's polarity, or
    a rule whose words, or kind, ask to move the value the worse way."""
    findings = []
    for target in targets:
        why = _wrong_way(target, baselines.get(target.pk))
        if why:
            findings.append(_about_target(delivery_plan, target, "target-wrong-way", why))
    return findings


def targets_that_disagree(delivery_plan: DeliveryPlan, targets: list[Target]) -> list[Finding]:
    """Two targets of one kind for one indicator and group that ask for different values
    by the same date, or a later one that asks for less than an earlier one."""
    series: dict[tuple, list[Target]] = defaultdict(list)
    for target in targets:
        if target.value is not None and target.due is not None and not target.rule:
            series[(target.indicator_id, target.breakdown, target.kind)].append(target)
    findings = []
    for dated in series.values():
        dated.sort(key=lambda t: (t.due, t.pk))
        for earlier, later in itertools.pairwise(dated):
            why = _disagreement(earlier, later)
            if why:
                findings.append(_about_target(delivery_plan, later, "targets-disagree", why))
    return findings


def area_values(delivery_plan: DeliveryPlan, targets: list[Target]) -> Values:
    """The partnership area's values of the targets' indicators, by indicator and group,
    oldest first. One query."""
    rows = DataPoint.objects.filter(
        area_id=delivery_plan.plan.partnership.area_id,
        indicator_id__in={t.indicator_id for t in targets},
    ).values_list("indicator_id", "breakdown", "period_id", "period__end", "period__label", "value")
    values: Values = defaultdict(list)
    for indicator_id, breakdown, period_id, end, label, value in sorted(rows, key=lambda r: r[3]):
        values[(indicator_id, breakdown)].append(Point(period_id, end, label, value))
    return dict(values)


def baselines(
    delivery_plan: DeliveryPlan, targets: list[Target], values: Values
) -> dict[int, Point]:
    """Each target's baseline, by the target's id: its value for the recorded baseline
    period; without one, the latest value for a period that ended before the plan
    began, else the first value before the target is due."""
    starts = FinancialYear(delivery_plan.plan.start_year).first_day
    found = {}
    for target in targets:
        points = values.get((target.indicator_id, target.breakdown or TOTAL), [])
        point = _baseline_point(target, points, starts)
        if point is not None:
            found[target.pk] = point
    return found


def _baseline_point(target: Target, points: list[Point], starts: dt.date) -> Point | None:
    if target.baseline_id is not None:
        return next((p for p in points if p.period_id == target.baseline_id), None)
    before_plan = [p for p in points if p.end < starts]
    if before_plan:
        return before_plan[-1]
    before_due = [p for p in points if target.due is None or p.end < target.due]
    return before_due[0] if before_due else None


def _against(target: Target, baselines: dict[int, Point]) -> str:
    baseline = baselines.get(target.pk)
    polarity = target.indicator.polarity
    return against_baseline(target, polarity, baseline.value if baseline else None)


def _wrong_way(target: Target, baseline: Point | None) -> str:
    polarity = target.indicator.polarity
    better = _POLARITY_WORDS.get(polarity)
    if better is None or target.rule == Rule.GAP_NARROWED:
        return ""
    if baseline and against_baseline(target, polarity, baseline.value) == WORSE:
        return (
            f"It asks for {_shown(target, target.value)}{_by(target)}, worse than the baseline "
            f"({_baseline_words(target, baseline)}), where {better} is better: it was met "
            "before anything was done."
        )
    if target.rule == Rule.INCREASE_BY_PERCENT and polarity == Polarity.LOW_IS_GOOD:
        return "Its rule asks for an increase, where lower is better."
    if not target.rule:
        return ""  # a value's numbers speak for it, against the baseline above
    # A rule moves the value the better way whatever its words say: words that say
    # otherwise mean the plan and the scorecard read the target differently.
    up, down = bool(_UP.search(target.text)), bool(_DOWN.search(target.text))
    if up != down and up == (polarity == Polarity.LOW_IS_GOOD):
        asked = "an increase" if up else "a reduction"
        return f"Its words ask for {asked}, where {better} is better."
    return ""


def _disagreement(earlier: Target, later: Target) -> str:
    if earlier.value == later.value:
        return ""
    shown = _shown(earlier, earlier.value)
    if earlier.due == later.due:
        return f"Another target for the same date asks for {shown}."
    better = _POLARITY_WORDS.get(later.indicator.polarity)
    asks_less = against_baseline(later, later.indicator.polarity, earlier.value) == WORSE
    if better and asks_less:
        return (
            f"It asks for less than the {shown} an earlier target asks for by "
            f"{due_words(earlier)}, where {better} is better."
        )
    return ""


def _about_target(delivery_plan: DeliveryPlan, target: Target, rule: str, why: str) -> Finding:
    return Finding(
        rule,
        target_where(target),
        target_words(target),
        why,
        url=target.indicator.url_for(delivery_plan.plan.partnership),
    )


def _shown(target: Target, value: float | None) -> str:
    return target.indicator.format(value)


def _by(target: Target) -> str:
    return f" by {due_words(target)}" if target.due else ""


def _baseline_words(target: Target, baseline: Point) -> str:
    return f"{_shown(target, baseline.value)} for {baseline.period}"
