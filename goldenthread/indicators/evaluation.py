"""What a value means: the evaluation every page and report reads.

For an indicator, an area and a period: the value and the change since the previous
one (in percentage points for percentages), the direction of travel by polarity, the
gaps to England, the region and statistical neighbours, significance against England,
rank and quartile band, and the target with its RAG. Missing data stays missing
(None), never zero.

A target is judged as at a day (``as_of``): a report's year end, a page's data date, or
by default the end of the value's own period, never the wall clock, so a report of a past year reads the
same whenever it is made. Only a target due by then has a RAG; one not yet due is on
or off course against its trajectory (``targets.py`` says which is which).

A value is out of date when, as at that day, a newer one is more than a cycle overdue
(``due_again_by``). An out-of-date value is shown with its date but never judged: no
RAG, no course, and no exception report lists it; every view reads that from here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace

import inflection

from goldenthread.indicators import stats
from goldenthread.indicators.judgements import compared_with
from goldenthread.indicators.models import Indicator, Polarity, Standing, Target, Unit
from goldenthread.indicators.targets import (
    DUE,
    NO_DATA_SINCE,
    NOT_YET_DUE,
    ON_COURSE,
    Facts,
    applicable_target,
    course,
    expected_value,
    gap_rag,
    not_judged,
    rag,
    timing,
    trajectory_value,
)
from goldenthread.lib.periods import Period
from goldenthread.lib.wording import ordinal


@dataclass(frozen=True)
class Evaluation:
    indicator: Indicator
    period: Period | None = None
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    provisional: bool = False
    note: str = ""
    previous_period: Period | None = None
    previous_value: float | None = None
    england: float | None = None
    region: float | None = None
    neighbours: float | None = None
    significance: str = stats.NOT_COMPARED  # against England
    region_significance: str = stats.NOT_COMPARED
    rank: int | None = None
    ranked: int | None = None
    quartile_band: str = ""
    quintile: int | None = None  # among the authorities of its boundary set; 1 is best
    neighbour_rank: int | None = None  # among its statistical neighbours and itself
    neighbour_ranked: int | None = None
    target: Target | None = None
    expected: float | None = None
    rag: str = ""  # only for a target due by ``as_of``
    as_of: dt.date | None = None  # the day the target is judged at
    timing: str = DUE  # DUE, NOT_YET_DUE, NO_DATA_SINCE or MET_AT_BASELINE (targets.py)
    course: str = ""  # for a target not yet due: on course or off course
    gap: float | None = None  # for a gap target: the gap between its two groups
    previous_gap: float | None = None
    trend: list = field(default_factory=list)
    due_again: dt.date | None = None  # when a newer value is due by (``due_again_by``)

    @property
    def out_of_date(self) -> bool:
        """Is a newer value more than a cycle overdue as at ``as_of``?"""
        return overdue(self.due_again, self.as_of)

    @property
    def age_words(self) -> str:
        """ "Out of date: latest 2015/16, due again by 31 March 2018"; "" where it is not."""
        if not self.out_of_date:
            return ""
        return f"Out of date: latest {self.period}, due again by {self.due_again:%-d %B %Y}"

    @property
    def has_data(self) -> bool:
        return self.value is not None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous_value is None:
            return None
        return self.value - self.previous_value

    @property
    def direction(self) -> str:
        """improving or worsening by polarity (higher or lower without one) only where
        the change is significant; else no significant change, or change not tested;
        no change where the values are equal as shown."""
        return self._change_over_time[0]

    @property
    def direction_why(self) -> str:
        """Why the direction is what it is, in words: the test, or why there is none."""
        return self._change_over_time[1]

    @property
    def _change_over_time(self) -> tuple[str, str]:
        change = self.change
        if change is None:
            return "", ""
        if round(change, self.indicator.decimals) == 0:
            return NO_CHANGE, ""
        significant, why = change_is_significant(self.trend, change)
        beyond, against_tolerance = self._tolerance_test(change)
        if not significant and beyond:
            return _direction_word(change > 0, self.indicator.polarity), against_tolerance
        if significant is None:
            if against_tolerance:
                return NO_SIGNIFICANT_CHANGE, f"{against_tolerance}; {why}"
            return NOT_TESTED, why
        if not significant:
            return NO_SIGNIFICANT_CHANGE, "; ".join(filter(None, [why, against_tolerance]))
        return _direction_word(change > 0, self.indicator.polarity), why

    @property
    def direction_ground(self) -> str:
        """What improving or worsening rests on: SIGNIFICANCE or TOLERANCE; else nothing."""
        direction, why = self._change_over_time
        if direction in ("", NO_CHANGE, NO_SIGNIFICANT_CHANGE, NOT_TESTED):
            return ""
        return TOLERANCE if why.startswith("beyond") else SIGNIFICANCE

    def _tolerance_test(self, change: float) -> tuple[bool, str]:
        """Is the change beyond the indicator's change tolerance, with the words saying
        so: "beyond the 2 percentage point tolerance". Nothing without a tolerance."""
        tolerance = self.indicator.change_tolerance
        if tolerance is None:
            return False, ""
        beyond = round(abs(change), self.indicator.decimals) > tolerance
        # Before a noun the unit is singular: "a 2 percentage point tolerance".
        size = f"{tolerance:g} {inflection.singularize(self.change_unit)}".strip()
        return beyond, f"{'beyond' if beyond else 'within'} the {size} tolerance"

    def gap_to(self, comparator: float | None) -> float | None:
        if self.value is None or comparator is None:
            return None
        return self.value - comparator

    @property
    def change_unit(self) -> str:
        """Changes between percentages are in percentage points, never per cent."""
        if self.indicator.unit == Unit.PERCENTAGE:
            return "percentage points"
        return self.indicator.unit_words

    @property
    def not_judged(self) -> str:
        """Why there is no RAG, in words; nothing where there is one. No value; no value
        since its milestone was due; a value out of date; no target; then why the target
        cannot judge the value."""
        if self.rag:
            return ""
        if not self.has_data:
            return "Not judged: no value yet"
        if self.out_of_date and not (self.target and self.timing == NO_DATA_SINCE):
            return self.age_words
        if self.target is None:
            return "Not judged: no target set"
        words = not_judged(self.target, self.has_data, self.timing)
        if self.course:
            shown = self.indicator.format(self.expected)
            words += f": {self.course}, {shown} expected {self.period.phrase}"
        return words

    @property
    def neighbour_standing(self) -> str:
        """ "3rd of 11": its rank among its statistical neighbours and itself."""
        if self.neighbour_rank is None:
            return ""
        return f"{ordinal(self.neighbour_rank)} of {self.neighbour_ranked}"

    @property
    def on_course(self) -> bool | None:
        """For a target: is the value where it should be by now? Met where it is due;
        on its trajectory where it is not yet due."""
        if self.course:
            return self.course == ON_COURSE
        return None if not self.rag else self.rag == "green"


NO_CHANGE, NO_SIGNIFICANT_CHANGE, NOT_TESTED = (
    "no change",
    "no significant change",
    ("change not tested"),
)
# The two grounds on which a change is called improving or worsening.
SIGNIFICANCE, TOLERANCE = "significance", "tolerance"


def due_again_by(indicator: Indicator, period: Period) -> dt.date:
    """When a value newer than one for ``period`` is due by: the end of the next period
    (a cycle after this one ends), plus a cycle for it to be published. Past that day
    the value is out of date: a 2015/16 value of a yearly indicator is due again by
    31 March 2018, a Q1 2015/16 value by 31 December 2015."""
    return _months_after(period.end, 2 * indicator.cycle_months)


def overdue(due_again: dt.date | None, as_of: dt.date | None) -> bool:
    """Out of date: as at ``as_of``, past the day a newer value was due by."""
    if due_again is None or as_of is None:
        return False
    return as_of > due_again


def _months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; a month's last day stays its last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return dt.date(year, month + 1, last if at_end else min(day.day, last))


def change_is_significant(trend: list, change: float) -> tuple[bool | None, str]:
    """Is the change from the previous value to the latest significant, and why?

    ``trend`` is the recent values oldest first, each ``[period, value, lower, upper]``
    with its 95% limits. Significant where the two values' intervals do not overlap,
    or where the five most recent values have limits and Fingertips' recent-trend test
    finds a trend the same way as the change. None (not tested) without both limits.
    """
    previous, latest = (_limits(p) for p in (trend[-2:] if len(trend) > 1 else [[], []]))
    if latest is None or previous is None:
        return None, "the 95% limits of both values are needed to test it"
    if not stats.intervals_overlap(previous, latest):
        return True, "their 95% confidence intervals do not overlap"
    recent = trend[-stats.TREND_POINTS :]
    if len(recent) < stats.TREND_POINTS or any(_limits(p) is None for p in recent):
        return False, "their 95% confidence intervals overlap"
    marker = stats.recent_trend([(p[1], p[2], p[3]) for p in recent])
    if marker == (stats.INCREASING if change > 0 else stats.DECREASING):
        return True, "the last five values show a significant trend (Fingertips' test)"
    return (
        False,
        "their 95% confidence intervals overlap, and the last five values show no significant trend",
    )


def _limits(point: list) -> tuple[float, float] | None:
    """A trend point's 95% limits; None where either is unknown (or, in a standing
    stored before limits were kept, absent)."""
    if len(point) < 4 or point[2] is None or point[3] is None:
        return None
    return point[2], point[3]


def _direction_word(up: bool, polarity: str) -> str:
    if polarity == Polarity.HIGH_IS_GOOD:
        return "improving" if up else "worsening"
    if polarity == Polarity.LOW_IS_GOOD:
        return "worsening" if up else "improving"
    return "higher" if up else "lower"


def evaluate(
    standing: Standing,
    targets: list[Target],
    periods: dict[int, Period],
    extra: Facts | None = None,
    as_of: dt.date | None = None,
) -> Evaluation:
    """The evaluation of one standing; ``periods`` gives each stored period's value.
    Its target is judged as at ``as_of``, by default the end of the standing's period."""
    indicator = standing.indicator
    period = periods[standing.period_id]
    previous_period = periods.get(standing.previous_period_id)
    target = applicable_target(targets, period, as_of)
    due_again = due_again_by(indicator, period)
    out_of_date = overdue(due_again, as_of or period.end)
    facts = replace(
        extra or Facts(period),
        period=period,
        england=standing.england,
        previous=standing.previous_value,
        quartile_bounds=tuple(standing.quartile_bounds),
    )
    when = timing(target, period, as_of, indicator.polarity, facts.baseline) if target else DUE
    expected = _expected(target, indicator, facts, when)
    judged = _rag(target, standing.value, expected, indicator, facts) if when == DUE else ""
    return Evaluation(
        indicator=indicator,
        period=period,
        value=standing.value,
        lower=standing.lower,
        upper=standing.upper,
        provisional=standing.provisional,
        note=standing.note,
        previous_period=previous_period,
        previous_value=standing.previous_value,
        england=standing.england,
        region=standing.region,
        neighbours=standing.neighbours,
        significance=_significance(standing, standing.england),
        region_significance=_significance(standing, standing.region),
        rank=standing.rank,
        ranked=standing.ranked,
        quartile_band=standing.quartile_band,
        quintile=standing.quintile,
        neighbour_rank=standing.neighbour_rank,
        neighbour_ranked=standing.neighbour_ranked,
        target=target,
        expected=expected,
        rag="" if out_of_date else judged,
        as_of=as_of or period.end,
        timing=when,
        course="" if out_of_date else _course(target, standing.value, expected, indicator, when),
        gap=facts.gap,
        previous_gap=facts.previous_gap,
        trend=standing.trend,
        due_again=due_again,
    )


def _expected(target, indicator: Indicator, facts: Facts, when: str) -> float | None:
    """What the target expects for the period: a rule's own value, which is its
    trajectory; for a dated value not yet due, the straight line to it; else its value.
    Nothing for a target the latest value is too old to judge."""
    if target is None or when not in (DUE, NOT_YET_DUE):
        return None
    if when == NOT_YET_DUE and not target.rule:
        return trajectory_value(target, facts)
    return expected_value(target, indicator.polarity, facts)


def _course(target, value, expected, indicator: Indicator, when: str) -> str:
    if target is None or when != NOT_YET_DUE or target.rule == "gap_narrowed":
        return ""
    return course(value, expected, indicator.polarity)


def no_data(
    indicator: Indicator, targets: list[Target], as_of: dt.date | None = None
) -> Evaluation:
    """An indicator the plan tracks but has no value for (by ``as_of``): shown as missing."""
    target = next((t for t in targets if not t.rule), targets[0] if targets else None)
    return Evaluation(indicator=indicator, target=target, as_of=as_of)


def _significance(standing: Standing, comparator: float | None) -> str:
    """Against a comparator, by the indicator's comparison method."""
    s = standing
    return compared_with(s.indicator, comparator, s.value, s.lower, s.upper, s.lower998, s.upper998)


def _rag(target, value, expected, indicator, facts: Facts) -> str:
    if target is None:
        return ""
    if target.rule == "gap_narrowed":
        return gap_rag(facts.gap, facts.previous_gap)
    return rag(value, expected, indicator.polarity, indicator.tolerance)


def as_dict(evaluation: Evaluation) -> dict:
    """The evaluation as plain data, for JSON: numbers unrounded, missing as null."""
    e, indicator = evaluation, evaluation.indicator
    target = e.target
    return {
        "indicator": indicator.code,
        "title": indicator.title,
        "unit": indicator.unit,
        "per": indicator.per,
        "polarity": indicator.polarity,
        "period": str(e.period) if e.period else None,
        "value": e.value,
        "shown": indicator.format(e.value),
        "lower": e.lower,
        "upper": e.upper,
        "provisional": e.provisional,
        "previous_period": str(e.previous_period) if e.previous_period else None,
        "previous_value": e.previous_value,
        "change": e.change,
        "change_unit": e.change_unit,
        "direction": e.direction or None,
        "direction_why": e.direction_why or None,
        "direction_ground": e.direction_ground or None,
        "out_of_date": e.out_of_date,
        "due_again_by": e.due_again.isoformat() if e.due_again else None,
        "england": e.england,
        "region": e.region,
        "statistical_neighbours": e.neighbours,
        "gap_to_england": e.gap_to(e.england),
        "gap_to_region": e.gap_to(e.region),
        "gap_to_statistical_neighbours": e.gap_to(e.neighbours),
        "vs_england": e.significance,
        "vs_region": e.region_significance,
        "rank": e.rank,
        "ranked": e.ranked,
        "quartile_band": e.quartile_band or None,
        "quintile": e.quintile,
        "rank_among_neighbours": e.neighbour_rank,
        "neighbours_ranked": e.neighbour_ranked,
        "target": None
        if target is None
        else {
            "text": target.text,
            "kind": target.kind,
            "rule": target.rule or None,
            "value": target.value,
            "by": target.due_label or None,
        },
        "expected": e.expected,
        "rag": e.rag or None,
        "as_of": e.as_of.isoformat() if e.as_of else None,
        "timing": e.timing if e.target else None,
        "course": e.course or None,
        "on_course": e.on_course,
        "not_judged": e.not_judged or None,
        "gap": e.gap,
        "previous_gap": e.previous_gap,
    }
