"""What a target expects, and whether a value meets it.

A dated target expects its value. A rule written in the plan's words expects a value
that depends on the period: "reduce by 0.5 percentage points a year until at least as
good as England" expects less each year, and never better than England. RAG is green
where the value meets what is expected, amber within the indicator's tolerance, and
red beyond it.

A dated target is judged met or not met only once it is due: its date has passed by
the day the judgement is made ("as at": the end of a report's year, or the end of the
value's own period), and the value is for a period that reaches its date. Before
then the value is judged against the trajectory to it: on course or off course.

A dated target its baseline already meets (or that asks for worse than the baseline,
by the indicator's polarity) is the plan's fault, not a success: it is never green or
on course, whatever its date, and the plan check reports it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from goldenthread.indicators.models import Polarity, Rule, Target
from goldenthread.lib.periods import Period

RAG_LABELS = {"green": "Green: met", "amber": "Amber: close", "red": "Red: not met"}

# When a target stands, as at the day of judgement, for a value of a period.
DUE = "due"  # judged met or not met
NOT_YET_DUE = "not yet due"  # judged on course or off course, where a trajectory is known
NO_DATA_SINCE = "no data since it was due"  # the latest value is older than its date
ON_COURSE, OFF_COURSE = "on course", "off course"
# Whatever the date: the baseline already meets the target, so the plan needs checking.
MET_AT_BASELINE = "already met at baseline"

# What a dated value target asks for beside its baseline, by polarity.
BETTER, SAME, WORSE = "better than the baseline", "the baseline", "worse than the baseline"


@dataclass(frozen=True)
class Facts:
    """What a rule needs to know about a period beside the value itself."""

    period: Period
    england: float | None = None
    previous: float | None = None
    baseline: float | None = None
    baseline_period: Period | None = None
    baseline_band: str = ""
    quartile_bounds: tuple[float | None, ...] = ()
    gap: float | None = None  # for a gap rule: this period's gap between the two groups
    previous_gap: float | None = None


def applicable_target(
    targets: list[Target], period: Period, as_of: dt.date | None = None
) -> Target | None:
    """The target a value for this period is judged against, as at ``as_of`` (by
    default the end of the period).

    A target that has fallen due by ``as_of`` after the period ended comes first,
    the latest of them: the value is too old to say whether it was met. Otherwise the
    first target still due when the period began; else a rule with no date, which
    holds for every period; else, once all are past, the last one due. At the same
    date, a target on the whole population comes before a gap between two groups.
    """
    dated = sorted((t for t in targets if t.due), key=lambda t: (t.due, bool(t.breakdown)))
    as_of = as_of or period.end
    overtaken = [t for t in dated if period.end < t.due <= as_of]
    if overtaken:
        return max(overtaken, key=lambda t: (t.due, not t.breakdown))
    upcoming = [t for t in dated if t.due >= period.start]
    if upcoming:
        return upcoming[0]
    standing_rules = [t for t in targets if t.rule and not t.due]
    if standing_rules:
        return standing_rules[0]
    return dated[-1] if dated else None


def timing(
    target: Target,
    period: Period,
    as_of: dt.date | None = None,
    polarity: str = "",
    baseline: float | None = None,
) -> str:
    """DUE, NOT_YET_DUE or NO_DATA_SINCE: may a value for this period be called met or
    not met, as at ``as_of`` (by default the end of the period)? MET_AT_BASELINE,
    whatever the date, where the ``baseline`` value already meets the target.

    A target with no date holds for every period, so it is always due. A dated one is
    due once its date is on or before ``as_of``, and then only a value for a period
    ending on or after its date can say whether it was met.
    """
    if met_at_baseline(target, polarity, baseline):
        return MET_AT_BASELINE
    if target.due is None:
        return DUE
    if target.due > (as_of or period.end):
        return NOT_YET_DUE
    return NO_DATA_SINCE if period.end < target.due else DUE


def against_baseline(target: Target, polarity: str, baseline: float | None) -> str:
    """BETTER, SAME or WORSE: what a target with a value asks for beside the baseline
    value, by polarity; "" where that cannot be said (no baseline, a rule, no polarity).

    Rules are left out: they expect a value that follows the data ("a 0.5 percentage
    point reduction a year until as good as England"), always the better way."""
    better = _better(polarity)
    if baseline is None or target.value is None or target.rule or not better:
        return ""
    if target.value == baseline:
        return SAME
    return BETTER if (target.value - baseline) * better > 0 else WORSE


def met_at_baseline(target: Target, polarity: str, baseline: float | None) -> bool:
    """Does the baseline already meet the target? Then calling it met says nothing."""
    return against_baseline(target, polarity, baseline) in (SAME, WORSE)


def trajectory_value(target: Target, facts: Facts) -> float | None:
    """For a value not yet due: where a straight line from the baseline value (at the
    end of the baseline period) to the target's value (at its date) stands at the end
    of this period. None without a baseline value or a target value."""
    if None in (facts.baseline, facts.baseline_period, target.value, target.due):
        return None
    start, end = facts.baseline_period.end, target.due
    if end <= start:
        return target.value
    share = (facts.period.end - start).days / (end - start).days
    share = min(max(share, 0.0), 1.0)
    return facts.baseline + (target.value - facts.baseline) * share


def course(value: float | None, expected: float | None, polarity: str) -> str:
    """ON_COURSE where the value is at least as good as the trajectory expects, by
    polarity; OFF_COURSE where it is worse; "" where there is nothing to judge."""
    better = _better(polarity)
    if value is None or expected is None or not better:
        return ""
    return ON_COURSE if (value - expected) * better >= 0 else OFF_COURSE


def expected_value(target: Target, polarity: str, facts: Facts) -> float | None:
    """The value the target expects for the period, or None where it cannot be known."""
    if not target.rule:
        return target.value
    better = _better(polarity)
    if target.rule == Rule.AT_OR_BETTER_THAN_ENGLAND:
        return facts.england
    if target.rule == Rule.REDUCE_BY_POINTS_UNTIL_ENGLAND:
        return _towards_england(target, better, facts)
    if target.rule == Rule.INCREASE_BY_PERCENT:
        if facts.previous is None or target.amount is None:
            return None
        return facts.previous * (1 + better * target.amount / 100)
    if target.rule == Rule.NEXT_QUARTILE:
        return _next_quartile(facts)
    if target.rule == Rule.GAP_NARROWED:
        return facts.previous_gap
    return None


def _towards_england(target: Target, better: int, facts: Facts) -> float | None:
    if None in (facts.baseline, facts.baseline_period, target.amount):
        return None
    years = round(facts.period.years_after(facts.baseline_period))
    expected = facts.baseline + better * target.amount * max(years, 0)
    if facts.england is None:
        return expected
    # Once as good as England, England is the target: the less demanding of the two.
    return min(expected, facts.england) if better > 0 else max(expected, facts.england)


def _next_quartile(facts: Facts) -> float | None:
    if not facts.baseline_band or not facts.quartile_bounds:
        return None
    wanted = max(0, "ABCD".index(facts.baseline_band) - 1)
    return facts.quartile_bounds[wanted] if wanted < len(facts.quartile_bounds) else None


WHAT_A_RULE_NEEDS = {
    Rule.REDUCE_BY_POINTS_UNTIL_ENGLAND: "a value for its baseline period",
    Rule.INCREASE_BY_PERCENT: "a previous value",
    Rule.AT_OR_BETTER_THAN_ENGLAND: "England's value",
    Rule.NEXT_QUARTILE: "a quartile band for its baseline period",
    Rule.GAP_NARROWED: "both groups' values in two periods",
}


def not_judged(target: Target, has_value: bool, when: str = DUE) -> str:
    """Why a value could not be judged met or not met against its target, in words."""
    due = target.due_label or (f"{target.due:%-d %B %Y}" if target.due else "")
    if when == MET_AT_BASELINE:
        return "Target already met at baseline (check the plan)"
    if when == NO_DATA_SINCE:
        return f"No data since the {target.get_kind_display().lower()} was due ({due})"
    if when == NOT_YET_DUE:
        return f"Not yet due ({due})"
    if not has_value:
        return "Not judged: no data"
    if target.rule:
        return f"Not judged: the rule needs {WHAT_A_RULE_NEEDS[target.rule]}"
    return "Not judged"


def rag(value: float | None, expected: float | None, polarity: str, tolerance: float) -> str:
    """ "green", "amber" or "red" by polarity; "" where there is nothing to judge."""
    better = _better(polarity)
    if value is None or expected is None or not better:
        return ""
    if (value - expected) * better >= 0:
        return "green"
    if abs(value - expected) <= abs(expected) * tolerance / 100:
        return "amber"
    return "red"


def gap_rag(gap: float | None, previous_gap: float | None) -> str:
    """A gap rule is met when the gap between the two groups is smaller than before."""
    if gap is None or previous_gap is None:
        return ""
    if abs(gap) < abs(previous_gap):
        return "green"
    return "amber" if abs(gap) == abs(previous_gap) else "red"


def _better(polarity: str) -> int:
    """+1 where higher is better, -1 where lower is, 0 where neither."""
    return {Polarity.HIGH_IS_GOOD: 1, Polarity.LOW_IS_GOOD: -1}.get(polarity, 0)
