"""The numbers a sentence states and what each one is: a level, a change, the level it
changed from, a comparator's value, a gap to a comparator, a target.

By the words around each number, the way a reader takes them: "rose by 3% to 95%" is a
change of 3 to a level of 95; "79% nationally" and "the national average of 82%" are
England's values; "2% below the national average" is a gap. Nothing here knows any
council's indicators: the checks decide what the numbers are about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum


class Role(StrEnum):
    LEVEL = "level"  # the area's own value: "achieved 77%", "rose to 85%"
    CHANGE = "change"  # "rose by 3%", "an increase of 5%", "a 0.7% drop"
    FROM = "from"  # the level before a change: "from 72%"
    COMPARATOR = "comparator"  # another area's value: "79% nationally"
    GAP = "gap"  # a difference from another area: "2% below the national average"
    TARGET = "target"  # "a target of 70%": what is wanted, not what is
    OTHER = "other"  # "the 10% most deprived areas": a share that is no one's value


class Area(StrEnum):
    ENGLAND = "england"
    REGION = "region"
    NEIGHBOURS = "neighbours"

    @property
    def words(self) -> str:
        return {
            "england": "England",
            "region": "the region",
            "neighbours": "statistical neighbours",
        }[self.value]


# A number, with its unit where written: "5.4%", "75 per 10,000", "3 percentage points".
NUMBER = re.compile(
    r"(?<![\w.£$/])(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<decimals>\d+))?(?![\w/])"
    r"(?:\s*(?P<unit>%|per\s?cent\b|percent\b|percentage points?\b|pp\b|points?\b"
    r"|per\s+(?:1,000|10,000|100,000|1000|10000|100000)\b))?",
    re.IGNORECASE,
)
CLAUSE_WORDS = 8  # the most words between a word of change and its "by 3%"
_AREA_WORDS = {
    Area.ENGLAND: r"national(?:ly)?|england(?:'s)?|the country|all england",
    Area.REGION: r"regional(?:ly)?|region|east of england|eastern region"
    r"|(?:north|south)[\s-]?(?:east|west)|(?:east|west)\s+midlands|london|yorkshire",
    Area.NEIGHBOURS: r"(?:statistical\s+)?neighbours?(?:'s)?|snns?|comparators?"
    r"|similar (?:authorities|councils|areas)",
}
AREA = {area: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for area, words in _AREA_WORDS.items()}
_UP = r"increas\w*|ris(?:e|es|en|ing)|rose|improv\w*|grew|grow\w*|up|gain\w*|higher|widen\w*"
_DOWN = (
    r"decreas\w*|drop\w*|f[ae]ll(?:s|en|ing)?|reduc\w*|declin\w*|down|lower|dip\w*|worsen\w*"
    r"|narrow\w*"
)
CHANGE_WORD = re.compile(rf"\b(?:{_UP}|{_DOWN})\b", re.IGNORECASE)
UP_WORD = re.compile(rf"\b(?:{_UP})\b", re.IGNORECASE)
_GAP_AFTER = re.compile(
    r"^\s*(?:points?\s+)?(?P<side>higher|lower|above|below|behind|ahead|better|worse|more|less"
    r"|over|under)\b(?:\s+(?:than|of|that of|the))*\s*(?P<rest>.{0,60})",
    re.IGNORECASE,
)
_CHANGE_BEFORE = re.compile(
    rf"\b(?:{_UP}|{_DOWN})\w*(?:\s+in\s+\w+)?\s+(?:of|by)\s+(?:at\s+least\s+|around\s+|about\s+"
    rf"|almost\s+|nearly\s+|over\s+|just\s+)?$|\bby\s+(?:at\s+least\s+|around\s+|about\s+)?$",
    re.IGNORECASE,
)
# "6% higher than last year", "2% lower than in 2013/14": a change on an earlier time.
_CHANGE_ON_EARLIER = re.compile(
    r"^\s*(?:points?\s+)?(?P<side>higher|lower|up|down|more|less)\s+(?:than|on|from"
    r"|compared\s+(?:to|with))\s+(?:in\s+)?(?:(?:the\s+)?(?:last|previous|prior|preceding)"
    r"\s+(?:year|period|quarter|term)|(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?)\b",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:(?:per\s+cent|percentage\s+points?|points?)\s+)?(?P<word>rise|increase|drop|fall"
    r"|decrease|reduction|improvement|decline|growth|gain|dip)\b",
    re.IGNORECASE,
)
_COMPARATOR_AFTER = re.compile(
    r"^\s*(?:\)\s*)?(?:nationally|in england|across england|for england|regionally"
    r"|(?:the\s+)?national(?:\s+average)?\b|in the region|across the region)",
    re.IGNORECASE,
)
_COMPARATOR_BEFORE = re.compile(
    r"(?P<area>national|england|regional|region|east of england|neighbours?|snns?"
    r"|comparators?)(?:'s)?(?:\s+(?:average|figure|rate|performance|level|mean|score"
    r"|percentage|value))*\s*(?:of|at|is|was|were|stood at|:|=)?\s*\(?\s*$",
    re.IGNORECASE,
)
_TARGET_BEFORE = re.compile(
    r"\b(?:target(?:ed|s)?|ambition|aim(?:s|ing)?\s+(?:to|for)|goal\s+of)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
# "a gap with national of 2.7%", "the gap to national to 3%": a difference from an area.
_GAP_BEFORE = re.compile(
    r"\bgap\s+(?:with|to|from|between)\b(?P<rest>[^.;%]{0,40})$", re.IGNORECASE
)
# "National performance dropped … to 56.1%": a sentence about another area.
_ABOUT_AREA = re.compile(
    r"^\s*(?:the\s+)?(?:national(?:ly)?|england|regional(?:ly)?)\b", re.IGNORECASE
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE)
_NOT_A_LEVEL_AFTER = re.compile(r"^\s*(?:most|least|of the (?:most|least))\b", re.IGNORECASE)
_COMPARED = re.compile(
    r"\b(?:compared\s+(?:to|with)|against|versus|vs\.?)\s*\(?\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Quantity:
    value: float
    decimals: int  # as written: "5.4%" has 1
    unit: str  # "%", "per 10,000", "points" or "" for a bare number
    role: Role
    written: str  # the words as written, for the finding: "rose by 3%"
    start: int
    end: int
    area: Area | None = None  # whose value, for a comparator or a gap
    side: str = ""  # for a gap: "above" or "below"; for a change: "up" or "down"

    @property
    def is_percentage(self) -> bool:
        return self.unit == "%"


def quantities(sentence: str) -> list[Quantity]:
    """Each number in the sentence with its role, in order. Years, dates and counts
    without a unit are left out unless they are all there is (counts of actions are
    read by ``action_counts``)."""
    found = []
    named = areas_named(sentence)
    for match in NUMBER.finditer(sentence):
        unit = _unit(match.group("unit") or "")
        if not unit:
            continue
        quantity = _quantity(sentence, match, unit)
        if quantity.role == Role.COMPARATOR and quantity.area is None and len(named) == 1:
            # "exceeded the national average … – 88% compared to 85.6%"
            quantity = replace(quantity, area=named[0])
        found.append(quantity)
    return found


def _unit(written: str) -> str:
    written = " ".join(written.lower().split())
    if written in ("%", "per cent", "percent", "percentage point", "percentage points", "pp"):
        return "%" if "point" not in written and written != "pp" else "points"
    if written.startswith("point"):
        return "points"
    if written.startswith("per"):
        return "per " + written[3:].strip().replace("1000", "1,000").replace("10000", "10,000")
    return ""


def _quantity(sentence: str, match: re.Match, unit: str) -> Quantity:
    value = float(match.group("number").replace(",", "") + "." + (match.group("decimals") or "0"))
    decimals = len(match.group("decimals") or "")
    before = sentence[: match.start()]
    after = sentence[match.end() :]
    role, area, side, start, end = _role(before, after, match.start(), match.end(), unit)
    return Quantity(
        value,
        decimals,
        "%" if unit == "%" else unit,
        role,
        sentence[start:end].strip(" ,;("),
        start,
        end,
        area,
        side,
    )


# A number's role, its area, its side, and where the words that say so start and end.
_Reading = tuple[Role, "Area | None", str, int, int]


def _role(before: str, after: str, start: int, end: int, unit: str) -> _Reading:
    """The number's role, its area, its side, and the span of words that say so."""
    gap = _GAP_AFTER.match(after)
    if gap:
        # The area straight after: "2% below the national average", not "40% less
        # likely than their peers nationally" (a relative comparison).
        area = area_named(" ".join(gap.group("rest").split()[:2]))
        if area is not None:
            side = _side(gap.group("side"))
            return Role.GAP, area, side, start, end + gap.end("side")
    on_earlier = _CHANGE_ON_EARLIER.match(after)
    if on_earlier:
        side = "up" if on_earlier.group("side").lower() in ("higher", "up", "more") else "down"
        return Role.CHANGE, None, side, start, end + on_earlier.end("side")
    change_after = _CHANGE_AFTER.match(after)
    if change_after:
        side = "up" if UP_WORD.match(change_after.group("word")) else "down"
        article = re.search(r"\b(?:a|an|the)\s+(?:\w+\s+)?$", before)
        begin = article.start() if article else start
        return Role.CHANGE, None, side, begin, end + change_after.end()
    change_before = _CHANGE_BEFORE.search(before)
    if change_before and _has_change_word(before, change_before):
        side = "up" if UP_WORD.search(_last_change_word(before)) else "down"
        begin = _phrase_start(before, change_before.start())
        word = list(CHANGE_WORD.finditer(before))
        if word and not NUMBER.search(before[word[-1].start() :]) and start - word[-1].start() < 60:
            begin = word[-1].start()  # "rose by 3%", not "Thurrock rose by 3%"
        return Role.CHANGE, None, side, begin, end
    gap_before = _GAP_BEFORE.search(before)
    if gap_before and area_named(gap_before.group("rest")):
        return Role.GAP, area_named(gap_before.group("rest")), "", gap_before.start(), end
    comparator_after = _COMPARATOR_AFTER.match(after)
    if comparator_after:
        return Role.COMPARATOR, area_named(after[:30]), "", start, end + comparator_after.end()
    comparator = _COMPARATOR_BEFORE.search(before[-60:])
    if comparator:
        area = area_named(comparator.group("area"))
        begin = len(before) - len(before[-60:]) + comparator.start()
        return Role.COMPARATOR, area, "", begin, end
    if _TARGET_BEFORE.search(before):
        return Role.TARGET, None, "", start, end
    if _FROM_BEFORE.search(before[-40:]):
        return Role.FROM, None, "", start, end
    if _COMPARED.search(before) and unit:
        return Role.COMPARATOR, None, "", start, end
    if _NOT_A_LEVEL_AFTER.match(after):
        return Role.OTHER, None, "", start, end
    if _ABOUT_AREA.match(before):
        return Role.COMPARATOR, area_named(before), "", start, end
    return Role.LEVEL, None, "", start, end


def _has_change_word(before: str, found: re.Match) -> bool:
    """'by 3%' is a change only where a word of change comes shortly before it in its
    clause: "rose by 3%", "boys improving by 2% and girls by 3%"; not "supported by 45%
    of respondents" after an increase earlier in the sentence."""
    if not found.group(0).lower().startswith("by"):
        return True
    words = list(CHANGE_WORD.finditer(before))
    if not words:
        return False
    between = before[words[-1].end() : found.start()]
    # A stop, or a verb of its own, starts another clause: "… and the plan was supported by"
    new_clause = re.search(r"[;:.]|\b(?:was|were|is|are|has|have|had|which|that)\b", between)
    return not new_clause and len(between.split()) <= CLAUSE_WORDS


def _last_change_word(before: str) -> str:
    words = CHANGE_WORD.findall(before)
    return words[-1] if words else ""


def _phrase_start(before: str, at: int) -> int:
    """Where the change's phrase starts: "rose by", "an increase of", "girls by"."""
    head = before[:at]
    word = re.search(r"(?:\b(?:a|an|the)\s+)?(?:\w+\s+){0,1}$", head)
    return word.start() if word else at


def _side(word: str) -> str:
    word = word.lower()
    if word in ("higher", "above", "ahead", "more", "over"):
        return "above"
    if word in ("better", "worse"):
        return word
    return "below"


def area_named(text: str) -> Area | None:
    """The first comparator area the words name, if any."""
    found = [(m.start(), area) for area, pattern in AREA.items() if (m := pattern.search(text))]
    return min(found)[1] if found else None


def areas_named(text: str) -> list[Area]:
    return [area for area, pattern in AREA.items() if pattern.search(text)]


def shown(value: float, decimals: int | None = None) -> str:
    """A number as a report writes it: "3", "0.7", "1,250"; to ``decimals`` places
    where given."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
