"""An indicator's value, its comparators' values, and how it stands against them, as a
sentence states them, checked against the data.

A disagreement is claimed only where the sentence names one indicator (``data.py``),
the period is clear (named, or none named and the latest is meant) and the number is in
the indicator's unit. Within rounding is agreement: "77%" agrees with 76.6 at 0
decimals; a figure written to more places than the indicator keeps is compared at the
indicator's. "Similar to" and "in line with" allow the indicator's tolerance, else one
unit (a percentage point) for a percentage and 5% of the comparator for anything else.
"""

from __future__ import annotations

import re

from goldenthread.indicators.models import Indicator, Polarity, Unit
from goldenthread.indicators.names import ValueKind

from .claims import AREA, Area, Quantity, Role, quantities, shown
from .data import Figure, IndicatorData
from .findings import Finding
from .sentences import Sentence

STANDING = re.compile(
    r"\b(?P<word>above|below|higher than|lower than|better than|worse than|in line with"
    r"|similar to|the same as|consistent with|on a par with|exceed(?:s|ed|ing)?|ahead of|behind"
    r")\s+(?:(?:the|all|our|its|their|that of|and)\s+|\w+\s+){0,3}?"
    r"(?P<area>" + "|".join(p.pattern for p in AREA.values()) + r")",
    re.IGNORECASE,
)


# What is wanted, not what is: "Reduce NEET to 5.7%", "we will reach 80% by 2016".
ASPIRATION = re.compile(
    r"^\s*(?:reduce|increase|improve|raise|lower|maintain|achieve|reach|narrow|close|halve"
    r"|double|sustain|ensure)\b|\b(?:will|aims?\s+to|aiming\s+to|plans?\s+to|wants?\s+to"
    r"|intends?\s+to|expects?\s+to|should|target(?:s|ed)?)\b",
    re.IGNORECASE,
)


def value_findings(sentence: Sentence, data: IndicatorData) -> list[Finding]:
    if ASPIRATION.search(sentence.text):
        return []
    found = [q for q in quantities(sentence.text) if q.role != Role.OTHER]
    standings = list(STANDING.finditer(sentence.text))
    if not found and not standings:
        return []
    kind = kind_of_sentence(found)
    indicator = data.indicator_of(sentence, kind, confident=True) if kind else None
    if indicator is None:
        return []
    fitting = [q for q in found if fits(q, indicator)]
    figure = data.figure(indicator, sentence)
    if figure is None:
        return []
    findings = _level(sentence, figure, fitting)
    findings += _comparators(sentence, figure, fitting)
    findings += _standings(sentence, figure, standings)
    findings += _change_size(sentence, figure, found)
    return findings


def kind_of_sentence(found: list[Quantity]) -> ValueKind | None:
    """Which indicators a sentence's numbers can be about: its levels' unit decides."""
    units = {q.unit for q in found if q.role in (Role.LEVEL, Role.COMPARATOR, Role.GAP)}
    units.discard("points")  # of a percentage or of a score
    if units == {"%"}:
        return ValueKind.PERCENTAGE
    if units and all(u.startswith("per ") for u in units):
        return ValueKind.COUNT
    return ValueKind.NONE if not units else None


def fits(quantity: Quantity, indicator: Indicator) -> bool:
    """Is the number in the indicator's unit? A gap or a change in a percentage may be
    in per cent (a slip ``points.py`` finds) or in points."""
    if indicator.unit == Unit.PERCENTAGE:
        if quantity.role in (Role.GAP, Role.CHANGE):
            return quantity.unit in ("%", "points")
        return quantity.unit == "%"
    if indicator.unit == Unit.RATE and indicator.per:
        return quantity.unit == indicator.unit_words
    return False


def agrees(written: Quantity, value: float, indicator: Indicator) -> bool:
    places = min(written.decimals, indicator.decimals)
    return abs(written.value - value) <= 0.5 * 10**-places + 1e-9


def _level(sentence: Sentence, figure: Figure, fitting: list[Quantity]) -> list[Finding]:
    levels = [q for q in fitting if q.role == Role.LEVEL]
    if len(levels) != 1:
        return []  # none, or several: which is the indicator's is not clear
    level, indicator = levels[0], figure.indicator
    if agrees(level, figure.standing.value, indicator):
        return []
    right = indicator.format(figure.standing.value)
    return [
        _finding(
            sentence,
            f"{indicator.title} was {level.written} ({figure.period})",
            f"the data has {right} for {figure.period}",
            _replace_number(level, right),
        )
    ]


def _comparators(sentence: Sentence, figure: Figure, fitting: list[Quantity]) -> list[Finding]:
    findings = []
    for q in fitting:
        if q.role != Role.COMPARATOR or q.area is None:
            continue
        value = figure.comparator(q.area.value)
        if value is None or agrees(q, value, figure.indicator):
            continue
        right = figure.indicator.format(value)
        findings.append(
            _finding(
                sentence,
                f"{q.area.words}'s value was {q.written} ({figure.period})",
                f"the data has {right} for {q.area.words} in {figure.period}",
                _replace_number(q, right),
            )
        )
    for q in fitting:
        if q.role == Role.GAP and q.area is not None and q.side in ("above", "below"):
            findings += _gap(sentence, figure, q)
    return findings


def _gap(sentence: Sentence, figure: Figure, gap: Quantity) -> list[Finding]:
    value = figure.comparator(gap.area.value) if gap.area else None
    if value is None or gap.area is None:
        return []
    difference = figure.standing.value - value
    side = "above" if difference > 0 else "below"
    size = abs(difference)
    if side == gap.side and abs(size - gap.value) <= 0.5 * 10**-gap.decimals + 1e-9:
        return []
    indicator = figure.indicator
    places = indicator.decimals
    worked = f"{indicator.format(figure.standing.value)} against {indicator.format(value)}"
    return [
        _finding(
            sentence,
            f"{shown(gap.value)} {gap.side} {gap.area.words} (“{gap.written}”)",
            f"{worked} for {gap.area.words} in {figure.period}: "
            f"{shown(size, places)} {_points(indicator)} {side}",
            f"{shown(size, places)} {_points(indicator)} {side}",
        )
    ]


def _standings(sentence: Sentence, figure: Figure, standings: list[re.Match[str]]) -> list[Finding]:
    findings = []
    for found in standings:
        word = found.group("word").lower()
        area = next((a for a, p in AREA.items() if p.fullmatch(found.group("area"))), None)
        if area is None:
            continue
        value = figure.comparator(area.value)
        if value is None:
            continue
        said = _said(word, figure.indicator)
        actual = _stands(figure.standing.value, value, figure.indicator, said)
        if said == actual:
            continue
        indicator = figure.indicator
        findings.append(
            _finding(
                sentence,
                f"{indicator.title} {found.group(0)} ({figure.period})",
                f"{indicator.format(figure.standing.value)} against "
                f"{indicator.format(value)} for {area.words} in {figure.period}",
                f"{_WORDS[actual]} {_area_phrase(area)}",
            )
        )
    return findings


_WORDS = {
    "above": "above",
    "below": "below",
    "similar": "similar to",
    "better": "better than",
    "worse": "worse than",
}


def _area_phrase(area: Area) -> str:
    return {
        Area.ENGLAND: "the national average",
        Area.REGION: "the regional average",
        Area.NEIGHBOURS: "the statistical neighbours' average",
    }[area]


def _said(word: str, indicator: Indicator) -> str:
    if word in ("in line with", "similar to", "the same as", "consistent with", "on a par with"):
        return "similar"
    if word in ("better than", "worse than"):
        return word.split()[0]
    if word in ("above", "higher than", "ahead of", "over") or word.startswith("exceed"):
        return "above"
    return "below"


def _stands(value: float, comparator: float, indicator: Indicator, said: str) -> str:
    if said == "similar" and abs(value - comparator) <= similar_within(indicator, comparator):
        return "similar"
    if said in ("better", "worse") and indicator.polarity in (
        Polarity.HIGH_IS_GOOD,
        Polarity.LOW_IS_GOOD,
    ):
        higher_is_better = indicator.polarity == Polarity.HIGH_IS_GOOD
        return "better" if (value > comparator) == higher_is_better else "worse"
    if said == "similar":
        return "above" if value > comparator else "below"
    if value == comparator:
        return "similar"
    return "above" if value > comparator else "below"


def similar_within(indicator: Indicator, comparator: float) -> float:
    if indicator.tolerance:
        return indicator.tolerance
    return 1.0 if indicator.unit == Unit.PERCENTAGE else abs(comparator) * 0.05


def _change_size(sentence: Sentence, figure: Figure, found: list[Quantity]) -> list[Finding]:
    """A change the sentence states against the change from the previous period, where
    the data has both and the sentence names no other period to change from."""
    changes = [q for q in found if q.role == Role.CHANGE]
    previous = figure.standing.previous_value
    if (
        len(changes) != 1
        or previous is None
        or re.search(r"\bsince\b", sentence.text, re.IGNORECASE)
    ):
        return []
    change, indicator = changes[0], figure.indicator
    if not fits(change, indicator) and change.unit != "points":
        return []  # a relative change of a rate or a count ("fell by 5%") is not a size
    size = figure.standing.value - previous
    side = "up" if size > 0 else "down"
    if side == change.side and abs(abs(size) - change.value) <= 0.5 * 10**-change.decimals + 1e-9:
        return []
    places = indicator.decimals
    moved = shown(abs(size), places)
    if float(moved.replace(",", "")) == 0:
        actual = f"no change ({indicator.format(figure.standing.value)})"
    else:
        actual = f"{'a rise' if side == 'up' else 'a fall'} of {moved} {_points(indicator)}"
    return [
        _finding(
            sentence,
            f"a change of {change.written} in {indicator.title}",
            f"from {indicator.format(previous)} to {indicator.format(figure.standing.value)} "
            f"({figure.period}) is {actual}",
            actual,
        )
    ]


def _points(indicator: Indicator) -> str:
    """The unit of a change or gap, as the scorecard says it (``Evaluation.change_unit``):
    percentage points for a percentage, else the indicator's own ("per 10,000")."""
    if indicator.unit == Unit.PERCENTAGE:
        return "percentage points"
    return indicator.unit_words or "points"


def _replace_number(quantity: Quantity, right: str) -> str:
    return re.sub(r"\d[\d,]*(?:\.\d+)?\s*(?:%|per\s+[\d,]+)?", right, quantity.written, count=1)


def _finding(sentence: Sentence, claim: str, data: str, suggestion: str) -> Finding:
    return Finding(sentence.line, sentence.text, claim, data, suggestion)
