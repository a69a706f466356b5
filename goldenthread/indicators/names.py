"""An indicator as people name it, and the meaningful words of a phrase, for matching
one phrase to another.

A milestone names its indicator, and a higher plan's priority shares its subject with
an aim, in words that differ in form: "two year olds taking up places" and "two-year-old
take-up", "Strengthened Communities" and "safer communities". So words are compared
by a rough lemma (plural and -ing/-ed endings off, a final e off) with the words that
carry no subject (articles, prepositions, "will", "ensure") left out. Numbers are
words too: "16-18" is "16" and "18", "L2" stays "l2".

Pure, no database: the plan's importer (strategy) and the fact check of narrative
(factcheck) both find the indicator a phrase names by the indicators' own titles,
aliases, code words and units, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

import inflection

if TYPE_CHECKING:
    from .models import Indicator

_STOP_TEXT = """
    a about after all also an and any are as at be been being but by can do does
    each for from had has have how in into is it its may more most much must no nor
    of on onto or other our per so such than that the their them then there these
    they this those through to too until up upon us very was we were what when
    where which while who whom will with within would you your
    ensure make making made across including etc
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")

# The field writes its common measures in full or as initials, often both in one
# report ("key stage 2" in a heading, "KS2" in a table): each phrase is read as its
# initials, so either names the indicator. Longer phrases first, as they contain shorter.
_INITIALS = [
    (re.compile(r"\bkey\s*stage\s*(\d)\b"), r"ks\1"),
    (
        re.compile(r"\bnot in (?:full[- ]time )?education,? employment,? (?:or|and) training\b"),
        "neet",
    ),
    (re.compile(r"\b(?:looked[- ]after children|children looked[- ]after)\b"), "cla"),
    (re.compile(r"\blac\b"), "cla"),
    (re.compile(r"\bearly years foundation stage\b"), "eyfs"),
    (re.compile(r"\bfree school meals?\b"), "fsm"),
    (re.compile(r"\bspecial educational needs (?:and|&) disabilit(?:y|ies)\b"), "send"),
    (re.compile(r"\bspecial educational needs?\b"), "sen"),
    (re.compile(r"\beducation,? health and care plans?\b"), "ehcp"),
]


def _as_initials(text: str) -> str:
    for phrase, initials in _INITIALS:
        text = phrase.sub(initials, text)
    return text


@lru_cache(maxsize=100_000)  # a plan's words repeat; inflection tries fifty patterns a word
def lemma(word: str) -> str:
    """A rough lemma: "places" and "place", "taking" and "take", "olds" and "old" agree."""
    word = word.lower()
    if word.isdigit() or len(word) <= 3:
        return word
    word = inflection.singularize(word)
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def words_of(text: str) -> list[str]:
    """The meaningful words of ``text`` as lemmas, in order."""
    text = _as_initials(text.lower().replace("'s", ""))
    return [lemma(w) for w in _WORD.findall(text) if w not in STOP_WORDS]


@lru_cache(maxsize=20_000)  # every milestone is matched against every indicator's names
def word_set(text: str) -> frozenset[str]:
    return frozenset(words_of(text))


class ValueKind(StrEnum):
    PERCENTAGE = "percentage"  # a level in per cent: only a percentage indicator
    COUNT = "count"  # a number that is not a percentage: not a percentage indicator
    CHANGE = "change"  # a percentage change: any indicator
    NONE = "none"  # no number: any indicator


@dataclass(frozen=True)
class IndicatorNames:
    """An indicator as a plan or a report may name it: its title, its aliases and its code's words
    ("neet-16-18" is "NEET 16 18"), with its unit."""

    code: str
    names: tuple[tuple[str, frozenset[str]], ...]  # each name with its meaningful words
    unit: str  # "percentage", "count", "rate", …
    unit_label: str = ""  # "places", "families"

    @classmethod
    def of(cls, indicator: Indicator) -> IndicatorNames:
        return cls.named(
            indicator.code,
            [indicator.title, *(indicator.aliases or "").splitlines()],
            indicator.unit,
            indicator.unit_label,
        )

    @classmethod
    def named(cls, code: str, names: list[str], unit: str, unit_label: str = "") -> IndicatorNames:
        written = [name.strip() for name in [*names, code.replace("-", " ")] if name.strip()]
        return cls(code, tuple((n, word_set(n)) for n in written), unit, unit_label)

    def takes(self, kind: ValueKind) -> bool:
        if kind == ValueKind.PERCENTAGE:
            return self.unit == "percentage"
        if kind == ValueKind.COUNT:
            return self.unit != "percentage"
        return True

    def best_name(self, words: frozenset[str]) -> tuple[int, str]:
        """The longest of its names whose every meaningful word is among ``words``
        (its length in words, and the name), or (0, "")."""
        # Of two names as long, the one written first: a title or alias before the code.
        found = [(len(own), -i, n) for i, (n, own) in enumerate(self.names) if own and own <= words]
        size, _, name = max(found, default=(0, 0, ""))
        return size, name


@dataclass(frozen=True)
class IndicatorMatch:
    """The indicator a phrase names, the name it used, and the indicators it named
    equally when it named more than one (then ``code`` is None: never a guess)."""

    code: str | None = None
    name: str = ""
    ambiguous: tuple[str, ...] = ()


def indicator_for(
    texts: list[str], kind: ValueKind, indicators: list[IndicatorNames]
) -> IndicatorMatch | None:
    """The indicator whose name ``texts`` say most fully: all the words of one of its
    names are in them, and no other indicator's name as long is; the unit's word
    ("400 places") settles a tie. None if no indicator of a fitting unit is named."""
    words = word_set(" ".join(texts))
    named = [(ind.best_name(words), ind) for ind in indicators if ind.takes(kind)]
    scored = [(size, name, ind) for (size, name), ind in named if size]
    if not scored:
        return None
    best = max(size for size, _, _ in scored)
    tied = [(name, ind) for size, name, ind in scored if size == best]
    if len(tied) > 1:
        by_unit = [(n, i) for n, i in tied if i.unit_label and lemma(i.unit_label) in words]
        tied = by_unit if len(by_unit) == 1 else tied
    if len(tied) > 1:
        return IndicatorMatch(ambiguous=tuple(sorted(ind.code for _, ind in tied)))
    name, indicator = tied[0]
    return IndicatorMatch(indicator.code, name)
