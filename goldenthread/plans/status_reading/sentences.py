"""Reading a comment's sentences for what they say about the work: each verb the
lexicon knows is read with the words before it in its clause, so that tense and
negation decide what it means.

"The strategy was published" reports work done; "will be published", "is due to be
published" and "to be published" work still to do; "is being published" work going
on; "has not yet been published" work not done. A verb inside a clause that only sets
the time or condition of another ("once the sample has been agreed"), or used as an
adjective ("the agreed plan"), says nothing about the action.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

from ..models import Status
from . import lexicon as lx


@dataclass(frozen=True)
class Signal:
    """One reading of some words of a comment."""

    status: str
    reading: str  # the name of what was read, shown beside the words
    words: str  # the words themselves, as the comment has them
    decisive: bool = False
    weak: bool = False


class Reading(NamedTuple):
    status: str
    name: str
    decisive: bool = False
    weak: bool = False


@dataclass(frozen=True)
class _Word:
    text: str  # lower-cased
    start: int
    end: int


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s+[-–—]+\s+|\s*\n\s*|\.$")
_CLAUSE_BREAK = re.compile(
    r",|\(|\)|\b(?:but|however|although|though|whilst|while)\b", re.IGNORECASE
)
_VERB_OF_SUBJECT = re.compile(r"\s*(?:is|are|was|were|has|have|will|can)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[./:]\d+)*%?")
# Words that open a new clause after "and": "published and the board agreed it".
_NEW_SUBJECT = lx.DETERMINERS | {"it", "we", "they", "he", "she", "there"}


def normalise(comment: str) -> str:
    """One spelling for the apostrophes and "n't" that reports write in several ways."""
    text = comment.replace("’", "'").replace("‘", "'")
    text = re.sub(r"\bwon't\b", "will not", text, flags=re.IGNORECASE)
    text = re.sub(r"\bcan't\b", "can not", text, flags=re.IGNORECASE)
    return re.sub(r"n't\b", " not", text, flags=re.IGNORECASE)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def read(comment: str) -> tuple[list[Signal], list[str]]:
    """Every signal in the comment, in order, and the sentences set aside as giving
    no update."""
    signals: list[Signal] = []
    no_update: list[str] = []
    for sentence in sentences(normalise(comment)):
        if lx.NO_UPDATE.search(sentence):
            no_update.append(sentence)
            continue
        signals += _phrases(sentence)
        clauses = [c for c in _CLAUSE_BREAK.split(sentence) if c and c.strip()]
        for index, clause in enumerate(clauses):
            following = clauses[index + 1] if index + 1 < len(clauses) else ""
            signals += _verbs(clause, following, first=index == 0)
    return signals, no_update


def _phrases(sentence: str) -> list[Signal]:
    found = []
    for phrase in lx.PHRASES:
        for match in phrase.pattern.finditer(sentence):
            words = match.group(0).strip(" .:;,-")
            status = phrase.status
            if status == Status.COMPLETED and _negated_before(sentence, match.start()):
                found.append(Signal(Status.IN_PROGRESS, "not yet done", words))
                continue
            found.append(Signal(status, phrase.name, words, phrase.decisive, phrase.weak))
    return found


def _negated_before(sentence: str, at: int) -> bool:
    before = _WORD.findall(re.split(r"[,;:]", sentence[:at].lower())[-1])[-4:]
    return any(word in lx.NEGATIONS for word in before)


def _verbs(clause: str, following: str, first: bool) -> list[Signal]:
    words = [_Word(m.group(0), m.start(), m.end()) for m in _WORD.finditer(clause.lower())]
    texts = {w.text for w in words}
    part_of = _some_of(words)
    found = []
    for index, word in enumerate(words):
        known = lx.VERBS.get(word.text) or _redone(word.text)
        if known is None:
            if _being_done(words, index):
                # "still being added": work going on, whatever the verb.
                start = words[index - 1].start
                found.append(Signal(Status.IN_PROGRESS, "work going on", clause[start : word.end]))
            continue
        lemma, kind = known
        if _is_subordinate(words[:index]) or _is_modifier(words, index, kind, following, first):
            continue
        if lemma == "meet" and not texts & lx.TARGET_NOUNS:
            continue
        window = _window(words[:index])
        reading = _reading(lemma, kind, window, texts)
        if reading is None:
            continue
        start, end = _start_of_reading(window, reading.name, word), word.end
        if reading.name == "done" and part_of:  # "3 of 5 sessions delivered"
            reading = Reading(Status.IN_PROGRESS, "partly done")
            start, end = min(start, part_of[0]), max(end, part_of[1])
        words_read = clause[start:end]
        found.append(
            Signal(reading.status, reading.name, words_read, reading.decisive, reading.weak)
        )
    return found


def _redone(form: str) -> tuple[str, str] | None:
    """A verb done again reads as the verb: "relaunched", "recommissioned"."""
    if not form.startswith("re") or form.startswith(("represent", "resent")):
        return None  # to represent is not to present again
    return lx.VERBS.get(form[2:].lstrip("-"))


def _being_done(words: list[_Word], index: int) -> bool:
    word = words[index].text
    return (
        index > 0
        and words[index - 1].text == "being"
        and word.endswith("ed")
        and word not in lx.IN_USE
    )


def _is_subordinate(before: list[_Word]) -> bool:
    return any(w.text in lx.SUBORDINATORS for w in before)


def _window(before: list[_Word]) -> list[_Word]:
    """The words before a verb that belong to its clause: at most six, back to an "and"
    or "or" that starts a new clause."""
    window = before[-6:]
    for i in range(len(window) - 2, -1, -1):
        if window[i].text in {"and", "or"} and window[i + 1].text in _NEW_SUBJECT:
            return window[i + 1 :]
    return window


def _start_of_reading(window: list[_Word], name: str, verb: _Word) -> int:
    """Where the words that decided a reading start: "not yet been published", "will be
    delivered", "was delivered", "being deferred"."""
    if name in {"done", "decision", "work started"}:
        start = verb.start
        for word in reversed(window):
            if word.text not in lx.PERFECT | lx.PASSIVE | lx.ADVERBS:
                break
            if word.text != "being" or name == "decision":
                start = word.start
            if word.text == "being":
                break
        return start
    return window[_first_marker(window, name)].start if window else verb.start


def _first_marker(window: list[_Word], name: str) -> int:
    markers = {
        "not yet done": lx.NEGATIONS | {"yet", "still"},
        "not started": lx.NEGATIONS | {"yet", "still"},
        "still to be done": lx.MODALS | {"to", "due"},
        "to start": lx.MODALS | {"to", "due"},
        "work going on": {"being"} | lx.PROGRESSIVE,
        "partly done": lx.PARTIAL,
        "a draft": lx.DRAFT,
    }.get(name, set())
    for i, word in enumerate(window):
        if word.text in markers:
            return i
    return len(window) - 1 if window else 0


def _reading(lemma: str, kind: str, window: list[_Word], texts: set[str]) -> Reading | None:
    """What one verb form says, read with the words before it in its clause."""
    before = [w.text for w in window]
    near = [w for w in before if w not in lx.ADVERBS]
    negated = any(w in lx.NEGATIONS for w in before) or _yet_to(before)
    future = any(w in lx.MODALS for w in before) or near[-2:] == ["to", "be"]
    fate = lx.FATE_VERBS.get(lemma)
    if kind == lx.BASE:
        future = future or near[-1:] == ["to"]
        if not (negated or future) and lemma == "complete":
            kind = lx.PAST  # "Complete.", "is complete": the adjective
    if kind == lx.PRESENT:
        return None
    if kind == lx.ING:
        if not near or near[-1] not in lx.PROGRESSIVE | {"be"}:
            return None
        if fate:
            return Reading(fate, "decision", decisive=True)
        return Reading(Status.IN_PROGRESS, "work going on")
    if kind == lx.BASE and not (negated or future):
        return None
    if fate:
        return None if negated else Reading(fate, "decision", decisive=True)
    if lemma in lx.WORK_VERBS and lemma not in lx.DONE_VERBS:
        if near[-1:] == ["being"]:
            return Reading(Status.IN_PROGRESS, "work going on")
        if negated and not future and kind == lx.PAST:
            return Reading(Status.NOT_STARTED, "not started")  # "has not been progressed"
        return None
    if negated:
        if lemma in lx.START_VERBS or lemma in lx.NOT_DONE_MEANS_NOT_STARTED:
            return Reading(Status.NOT_STARTED, "not started")
        return Reading(Status.IN_PROGRESS, "not yet done")
    if future:
        if lemma in lx.START_VERBS:
            return Reading(Status.NOT_STARTED, "to start")
        return Reading(Status.IN_PROGRESS, "still to be done", weak=True)
    if near[-1:] == ["being"]:
        return Reading(Status.IN_PROGRESS, "work going on")
    if any(w in lx.PARTIAL for w in before[-2:]) or any(w.endswith("%") for w in before[-2:]):
        return Reading(Status.IN_PROGRESS, "partly done")
    if any(w in lx.DRAFT for w in before[-3:]):
        return Reading(Status.IN_PROGRESS, "a draft")
    if lemma in lx.START_VERBS:
        if texts & lx.IN_PLACE_WHEN_STARTED:
            return Reading(Status.COMPLETED, "done")
        return Reading(Status.IN_PROGRESS, "work started")
    return Reading(Status.COMPLETED, "done")


def _some_of(words: list[_Word]) -> tuple[int, int] | None:
    """Where a clause says part of a number ("3 of 5 sessions", "two of the four
    localities", "12 of the 40 schools"): the span of those words, or None."""
    texts = [w.text for w in words]
    numbers = [lx.NUMBERS.get(t, int(t) if t.isdigit() else None) for t in texts]
    for i, part in enumerate(numbers):
        j = i + 2
        if j < len(texts) and texts[j] == "the":
            j += 1
        if part is None or j >= len(texts) or texts[i + 1] != "of":
            continue
        whole = numbers[j]
        if whole is not None and part < whole:
            return words[i].start, words[j].end
    return None


def _yet_to(before: list[str]) -> bool:
    """ "yet to be published", "still to be agreed": not done."""
    return any(a in {"yet", "still"} and b == "to" for a, b in itertools.pairwise(before))


def _is_modifier(words: list[_Word], index: int, kind: str, following: str, first: bool) -> bool:
    """A past form used as an adjective says nothing about this action: "the agreed
    plan", "an established process", or "Data, published by ONS, is not available"."""
    if kind != lx.PAST:
        return False
    if index > 0:
        return words[index - 1].text in lx.DETERMINERS | {"newly"}
    # A clause that opens with the participle after a comma, followed by a verb of the
    # subject's own, describes the subject.
    return not first and bool(_VERB_OF_SUBJECT.match(following))
