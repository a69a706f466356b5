"""Findings in words: the sentences a report writes about an indicator.

Each sentence is made from an ``Evaluation`` by a readable template, with the numbers
formatted by the indicator itself, so a sentence can never say other than the numbers
beside it. Changes between percentages are in percentage points; whether a change is
an improvement is decided by polarity; periods are written as users write them; where
data is missing or provisional, the sentence says so.
"""

from __future__ import annotations

from goldenthread.indicators.breakdowns import BreakdownGap, category_label
from goldenthread.indicators.evaluation import Evaluation
from goldenthread.indicators.targets import DUE, MET_AT_BASELINE, NO_DATA_SINCE
from goldenthread.lib.wording import amount, listed, ordinal

QUARTILES = {
    "A": "the top quartile",
    "B": "the second quartile",
    "C": "the third quartile",
    "D": "the bottom quartile",
}
SIGNIFICANCE = {
    # Fingertips' words, first word only: "Better 95%" is "Better" at 95%.
    "Better": "significantly better",
    "Worse": "significantly worse",
    "Similar": "not significantly different",
    "Higher": "significantly higher",
    "Lower": "significantly lower",
    "Highest": "significantly higher",
    "Lowest": "significantly lower",
}


def findings(e: Evaluation, area: str) -> list[str]:
    """Every sentence there is to say, in the order a reader wants them."""
    if not e.has_data:
        return [f"There is no value for {area} yet."]
    sentences = [value_sentence(e, area), change_sentence(e, area)]
    sentences += [comparison_sentence(e), rank_sentence(e, area), target_sentence(e, area)]
    return [s for s in sentences if s]


def value_sentence(e: Evaluation, area: str) -> str:
    provisional = " (provisional)" if e.provisional else ""
    age = f" {e.age_words}." if e.out_of_date else ""
    return f"{area}: {_shown(e, e.value)} {e.period.phrase}{provisional}.{age}"


def change_sentence(e: Evaluation, area: str) -> str:
    """ "It fell from 5.7% in 2013/14 to 5.4%, 0.3 percentage points lower: an improvement." """
    if e.previous_value is None:
        return f"There is no earlier value for {area} to compare with."
    was = f"{_shown(e, e.previous_value)} {e.previous_period.phrase}"
    if e.direction == "no change":
        return f"This is unchanged from {was}."
    verb = "rose" if e.change > 0 else "fell"
    size = _amount(e, abs(e.change))
    judgement = {
        "improving": ": an improvement",
        "worsening": ": a worsening",
        "no significant change": ": not a significant change",
        "change not tested": ": not tested for significance",
    }.get(e.direction, "")
    if judgement and e.direction_why:
        judgement += f" ({e.direction_why})"
    return f"It {verb} from {was} to {_shown(e, e.value)}, {size} {'higher' if e.change > 0 else 'lower'}{judgement}."


def comparison_sentence(e: Evaluation) -> str:
    """England first, with significance where it is known; then the region and neighbours."""
    parts = []
    for name, comparator in (
        ("England", e.england),
        ("the region", e.region),
        ("statistical neighbours", e.neighbours),
    ):
        if comparator is not None:
            parts.append(f"{_relation(e, comparator)} {name} ({_shown(e, comparator)})")
    if not parts:
        return (
            "There is no value for England, the region or statistical neighbours to compare with."
        )
    sentence = "This is " + listed(parts)
    kind, _, level = e.significance.partition(" ")  # "Worse 95%", "Similar"
    if e.england is not None and kind in SIGNIFICANCE:
        sentence += f"; compared with England it is {SIGNIFICANCE[kind]}"
        if level:
            sentence += f" (at {level})"
    return sentence + "."


def rank_sentence(e: Evaluation, area: str) -> str:
    if not e.rank:
        return ""
    return (
        f"{area} ranks {ordinal(e.rank)} of {e.ranked} local authorities (1st is best), "
        f"in {QUARTILES[e.quartile_band]}."
    )


def target_sentence(e: Evaluation, area: str) -> str:
    target = e.target
    if target is None:
        return ""
    if e.out_of_date:
        return f"{_target_words(e)}: not judged, as the value is out of date."
    if not e.rag and e.timing != DUE:
        return f"{_target_words(e)}: {_timing_words(e)}."
    if not e.rag:
        return (
            f"{_target_words(e)}: {e.not_judged.removeprefix('Not judged: ')}, so it is not judged."
        )
    if target.rule == "gap_narrowed":
        return ""  # said by gap_sentence, which names the two groups
    met = {"green": "met", "amber": "not met, but within the tolerance", "red": "not met"}[e.rag]
    expected = f" ({_shown(e, e.expected)} expected {e.period.phrase})" if target.rule else ""
    return f"{_target_words(e)}{expected}: {met}."


def _timing_words(e: Evaluation) -> str:
    """Not yet due, or due with a latest value older than its date: neither is "not met".
    Nor is a target already met at baseline "met"."""
    if e.timing == MET_AT_BASELINE:
        return "already met at baseline, so it is not judged (check the plan)"
    as_at = f"as at {e.as_of:%-d %B %Y}"
    if e.timing == NO_DATA_SINCE:
        return f"no data since it was due (the latest value is {e.period.phrase}), {as_at}"
    due = f" (due {e.target.due_label})" if e.target.rule and e.target.due_label else ""
    words = f"not yet due{due} {as_at}"
    if e.course:
        words += f"; {e.course}, {_shown(e, e.expected)} expected {e.period.phrase}"
    return words


def gap_sentence(e: Evaluation, gap: BreakdownGap) -> str:
    """ "The gap between eligible and not eligible pupils narrowed from 20 to 18 percentage points." """
    latest = gap.latest
    if latest is None:
        return ""
    first, second = category_label(gap.first), category_label(gap.second)
    now = _amount(e, abs(latest.gap))
    if len(gap.points) < 2:
        return f"The gap between {first} and {second} was {now} {latest.period.phrase}."
    before = gap.points[-2]
    was = _amount(e, abs(before.gap)).split(" ", 1)[0]
    verb = (
        "narrowed"
        if gap.narrowed
        else ("did not change" if abs(before.gap) == abs(latest.gap) else "widened")
    )
    if verb == "did not change":
        return f"The gap between {first} and {second} did not change: {now} {latest.period.phrase}."
    return (
        f"The gap between {first} and {second} {verb} from {was} {before.period.phrase} "
        f"to {now} {latest.period.phrase}."
    )


def _shown(e: Evaluation, value: float | None) -> str:
    return e.indicator.format(value)


def _amount(e: Evaluation, difference: float) -> str:
    """A difference in the indicator's unit: percentage points for percentages."""
    return amount(f"{difference:,.{e.indicator.decimals}f}", e.change_unit)


def _relation(e: Evaluation, comparator: float) -> str:
    gap = e.value - comparator
    if round(gap, e.indicator.decimals) == 0:
        return "the same as"
    return f"{_amount(e, abs(gap))} {'above' if gap > 0 else 'below'}"


def _target_words(e: Evaluation) -> str:
    target = e.target
    words = target.text or target.get_kind_display().lower()
    if not target.rule and target.value is not None:
        by = f" by {target.due_label}" if target.due_label else ""
        return f"The {target.get_kind_display().lower()} of {_shown(e, target.value)}{by}"
    return f"The target “{words}”"
