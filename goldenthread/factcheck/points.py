"""Changes and gaps between percentages, written in per cent.

From 72% to 77% is a rise of 5 percentage points, not of 5%: 5% of 72% is 3.6 points.
A change or a gap written as N% is a finding wherever what changed is a percentage
(the sentence, or the one before it in its paragraph, gives a level in per cent, or its
own words name an indicator measured in per cent) and not a number of things ("the number of
apprenticeships is forecast as a 24% decrease" is a true relative change). Where the
sentence gives both levels, the size is checked too.
"""

from __future__ import annotations

import re

from .claims import Quantity, Role, quantities, shown
from .findings import Finding
from .sentences import Sentence

# What is counted, not measured in per cent: its changes may well be relative.
_COUNTED = re.compile(
    r"\b(?:number|numbers|count|total|spend(?:ing)?|budget|cost|costs|income|population)\b"
    r"|£|\$",
    re.IGNORECASE,
)
_LEVEL_ROLES = (Role.LEVEL, Role.FROM, Role.COMPARATOR, Role.TARGET)


def points_findings(sentence: Sentence, *, about_percentage: bool = False) -> list[Finding]:
    """A finding for each change or gap between percentages the sentence writes in per
    cent. ``about_percentage``: the sentence names an indicator measured in per cent."""
    found = quantities(sentence.text)
    slips = [q for q in found if q.role in (Role.CHANGE, Role.GAP) and q.is_percentage]
    if not slips or not between_percentages(sentence, found, about_percentage):
        return []
    return [_finding(sentence, slip, found) for slip in slips]


def between_percentages(sentence: Sentence, found: list[Quantity], about_percentage: bool) -> bool:
    if any(q.unit.startswith("per ") for q in found):
        return False  # a rate per 10,000: its changes in per cent may be relative
    first = min(q.start for q in found if q.role in (Role.CHANGE, Role.GAP))
    if _COUNTED.search(sentence.text[:first]):
        return False
    if about_percentage or any(q.is_percentage and q.role in _LEVEL_ROLES for q in found):
        return True
    before = sentence.context[0] if sentence.context else ""
    return any(q.is_percentage and q.role == Role.LEVEL for q in quantities(before))


def _finding(sentence: Sentence, slip: Quantity, found: list[Quantity]) -> Finding:
    size, worked = _size(slip, found)
    kind = "change" if slip.role == Role.CHANGE else "difference"
    data = f"a {kind} between two percentages is in percentage points"
    if worked:
        data = f"{worked}: {data}"
    return Finding(
        line=sentence.line,
        text=sentence.text,
        claim=f"a {kind} of {shown(slip.value)}% between percentages (“{slip.written}”)",
        data=data,
        suggestion=in_points(slip, size),
    )


def _size(slip: Quantity, found: list[Quantity]) -> tuple[float, str]:
    """The size the sentence's own levels give, where it gives both ("from 72% to 77%"),
    with the working; else the size as written."""
    if slip.role != Role.CHANGE:
        return slip.value, ""
    start = [q for q in found if q.is_percentage and q.role == Role.FROM]
    after = [
        q
        for q in found
        if start and q.start > start[0].end and q.is_percentage and q.role == Role.LEVEL
    ]
    if not after or not start:
        return slip.value, ""
    first, last = start[0].value, after[0].value
    size = round(abs(last - first), 6)
    return size, f"from {shown(first)}% to {shown(last)}% is {shown(size)} points"


def in_points(slip: Quantity, size: float) -> str:
    """The words as written with the size in percentage points: "rose by 3 percentage
    points", "a 0.7 percentage point drop" (singular before a noun)."""
    number = re.escape(_number_text(slip))
    before_noun = re.search(
        rf"{number}\s*%\s+(?!(?:above|below|behind|ahead|higher|lower)\b)\w", slip.written
    )
    unit = "percentage point" if before_noun or size == 1 else "percentage points"
    return re.sub(rf"{number}\s*%", f"{shown(size)} {unit}", slip.written, count=1)


def _number_text(slip: Quantity) -> str:
    found = re.search(r"\d[\d,]*(?:\.\d+)?(?=\s*%)", slip.written)
    return found.group(0) if found else shown(slip.value)
