"""The meaningful words of a plan's phrases, for matching one phrase to another.

A milestone names its indicator, and a higher plan's priority shares its subject with
an aim, in words that differ in form: "two year olds taking up places" and "two-year-old
take-up", "Strengthened Communities" and "safer communities". So words are compared
by a rough lemma (plural and -ing/-ed endings off, a final e off) with the words that
carry no subject (articles, prepositions, "will", "ensure") left out. Numbers are
words too: "16-18" is "16" and "18", "L2" stays "l2".
"""

from __future__ import annotations

import re

import inflection

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
    return [lemma(w) for w in _WORD.findall(text.lower().replace("'s", "")) if w not in STOP_WORDS]


def word_set(text: str) -> frozenset[str]:
    return frozenset(words_of(text))
