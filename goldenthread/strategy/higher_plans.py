"""The golden thread as a plan's narrative states it: which higher plans it serves, which
of their priorities, and how. Pure functions over the narrative's lines.

Plans say it in many ways: "The Plan also supports the delivery of the Community
Strategy, especially priority one:", "is the vehicle to deliver the first aim of the
Health and Well-Being Strategy", "delivers priorities 1 and 3 of …", "contributes to its
other priorities:" followed by a bulleted or numbered list, "Aim 2 contributes to
priority 3 of …". What is read:

- a higher plan is a name in capitals ending Strategy, Plan, Framework or Compact
  ("Thurrock's Community Strategy"), not this plan's own name;
- "<plan> has four aims" (or priorities, outcomes, themes): its priorities are the
  first numbered list of that length;
- a priority is named by number ("priority one", "priorities 2 and 3", "the first
  aim"), by a quoted title, by the line after a statement ending in a colon, by the
  list after "other priorities:", or as "its other priorities" (all the others);
- what the plan does for it is the verb nearest before it on the line: deliver, be
  the vehicle for, be responsible for delivery of (delivers); contribute to, support,
  help deliver (contributes). Delivering outweighs contributing when both are said;
- a sentence that starts "Aim 2 …" or "Aims 1 and 3 …" says which of this plan's aims
  serve the priorities it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goldenthread.indicators.names import lemma, word_set

NUMBER_WORDS = {
    word: n
    for n, words in enumerate(
        [
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
            ("nine", "ninth"),
            ("ten", "tenth"),
        ],
        start=1,
    )
    for word in words
}
_NUMBER = r"(?:\d+|" + "|".join(NUMBER_WORDS) + r")"
_NUMBERS = rf"{_NUMBER}(?:\s*(?:,|and|&|or)\s*{_NUMBER})*"
_NOUN = r"(?:priorit(?:y|ies)|aims?|outcomes?|themes?|ambitions?|objectives?|goals?)"
_NAME = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|&|the|in)\s+)*)+(?:Strategy|Plan|Framework|Compact))\b"
)
_HAS = re.compile(rf"\bhas (\w+) {_NOUN}\b", re.IGNORECASE)
_VERB = re.compile(
    r"(?P<contributes>contribut\w*\s+to|support\w*(?:\s+the\s+delivery\s+of)?"
    r"|help\w*\s+(?:to\s+)?(?:deliver|achieve)\w*|in\s+support\s+of)"
    r"|(?P<delivers>deliver\w*|(?:is|are|be)\s+the\s+vehicle|responsible\s+for\s+(?:the\s+)?delivery)",
    re.IGNORECASE,
)
_BY_NUMBER = re.compile(
    rf"\b{_NOUN}\s+(?P<numbers>{_NUMBERS})\b|(?:\bthe|['’]s)\s+(?P<ordinal>\w+)\s+{_NOUN}\b",
    re.IGNORECASE,
)
_OTHERS = re.compile(
    rf"\b(?:the|its|their)\s+(?:\w+\s+)?other\s+{_NOUN}|\ball\s+(?:of\s+)?(?:its|the)\s+{_NOUN}",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"(?<!\w)['‘“\"]([^'‘’“”\"]{8,}?)['’”\"](?!\w)")
_STATED_AIMS = re.compile(
    rf"(?:^|[.;:]\s+)(?:our\s+|this\s+plan's\s+)?aims?\s+(?P<aims>{_NUMBERS})\s+(?=[a-z])",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*]\s+)?(?:(\d+)[.)]\s+)?(.+?)\s*$")
_BULLETED = re.compile(r"^\s*(?:[-•*]\s+|\d+[.)]\s+)")
DELIVERS, CONTRIBUTES = "delivers", "contributes"
_OWN = "\x00this plan"


@dataclass
class Priority:
    number: int
    title: str
    line: int
    delivered: bool = False  # the plan says it delivers it
    contributed: bool = False  # the plan says it contributes to it
    aims: list[int] = field(default_factory=list)  # this plan's aims the text says serve it
    statement: str = ""  # the words that say so, for a reader to check
    statement_line: int = 0


@dataclass
class HigherPlan:
    title: str
    priorities: list[Priority] = field(default_factory=list)


@dataclass
class _Ref:
    """One mention of a priority: by number, by title, or "the others"."""

    plan: str
    relation: str
    line: int
    statement: str
    number: int | None = None
    title: str = ""
    others: bool = False
    aims: list[int] = field(default_factory=list)


def read_higher_plans(lines: list[tuple[int, str]], own_name: str = "") -> list[HigherPlan]:
    """The higher plans, with their priorities, that the narrative ``lines`` ((number,
    text) pairs, list items starting "- ") say this plan serves."""
    names: dict[str, str] = {}  # key → title as first written
    listed: dict[str, list[Priority]] = {}
    refs: list[_Ref] = []
    last = ""
    own = set(_key(own_name).split())
    for index, (_, text) in enumerate(lines):
        found = [(m.start(), _title(m.group(1))) for m in _NAME.finditer(text)]
        # This plan's own name stays, so that what is said of it is said of no other.
        found = [(at, _OWN if set(_key(t).split()) <= own else t) for at, t in found if t]
        for _, title in found:
            if title != _OWN:
                names.setdefault(_key(title), title)
        has = _HAS.search(text)
        if has and found and has.group(1).lower() in NUMBER_WORDS:
            count = NUMBER_WORDS[has.group(1).lower()]
            listed.setdefault(_key(_nearest(found, has.start(), last)), _numbered(lines, count))
        refs += _refs(lines, index, found, last)
        last = _nearest(found, len(text), last) if found else last
        last = "" if last == _OWN else last
    return _plans(names, listed, refs)


def _refs(lines, index: int, found: list[tuple[int, str]], last: str) -> list[_Ref]:
    number, text = lines[index]
    verbs = [
        (m.start(), DELIVERS if m.group("delivers") else CONTRIBUTES) for m in _VERB.finditer(text)
    ]
    if not verbs:
        return []
    stated = [(m.start(), m.end(), _numbers(m.group("aims"))) for m in _STATED_AIMS.finditer(text)]
    taken = [(start, end) for start, end, _ in stated]
    refs: list[_Ref] = []

    def add(at: int, line: int | None = None, **what) -> None:
        # The verb before it ("delivers priority 2"), else after it ("priority 2 is
        # delivered through this plan").
        relation = next((r for start, r in reversed(verbs) if start < at), verbs[0][1])
        plan = _nearest(found, at, last)
        if not plan or plan == _OWN:
            return
        aims = next((a for start, _, a in reversed(stated) if start < at), [])
        refs.append(_Ref(plan, relation, line or number, text.strip(), aims=aims, **what))

    for match in _BY_NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        if match.group("numbers"):
            for n in _numbers(match.group("numbers")):
                add(match.start(), number=n)
        elif match.group("ordinal").lower() in NUMBER_WORDS:
            add(match.start(), number=NUMBER_WORDS[match.group("ordinal").lower()])
    numbered = len(refs)
    # A quotation is a priority's title only where the line speaks of a plan or its
    # priorities: elsewhere it is a phrase ("a 'commissioner of school places'").
    quotes = _QUOTED.finditer(text) if found or re.search(_NOUN, text, re.IGNORECASE) else []
    for match in quotes:
        title = match.group(1).strip()
        # "priority 1 of the Community Strategy, 'A great start'": the quote titles it.
        before = _BY_NUMBER.search(text, 0, match.start())
        verb_between = any(before and before.end() < at < match.start() for at, _ in verbs)
        if numbered == 1 and before and not verb_between and not refs[0].title:
            refs[0].title = title
        else:
            add(match.start(), title=title)
    others = _OTHERS.search(text)
    following = _following(lines, index) if text.rstrip().endswith(":") else []
    if others:
        if following:
            for item_line, item in following:
                add(others.start(), title=item, line=item_line)
        else:
            add(others.start(), others=True)
    elif len(following) == 1 and refs and refs[-1].number is not None and not refs[-1].title:
        refs[-1].title = following[0][1]
    elif following and re.search(rf"{_NOUN}\s*(?:of|are|is)?\s*:\s*$", text, re.IGNORECASE):
        for item_line, item in following:
            add(len(text), title=item, line=item_line)
    return refs


def _plans(names: dict[str, str], listed: dict[str, list[Priority]], refs: list[_Ref]):
    plans: list[HigherPlan] = []
    for key, title in names.items():
        priorities = [Priority(p.number, p.title, p.line) for p in listed.get(key, [])]
        mine = [r for r in refs if _key(r.plan) == key]
        if not mine and not priorities:
            continue
        for ref in [r for r in mine if not r.others]:
            priority = _priority_for(priorities, ref)
            _apply(priority, ref)
        for ref in [r for r in mine if r.others]:
            for priority in priorities:
                if not priority.delivered and not priority.contributed:
                    _apply(priority, ref)
        if any(p.delivered or p.contributed for p in priorities):
            plans.append(HigherPlan(title, sorted(priorities, key=lambda p: p.number)))
    return plans


def _priority_for(priorities: list[Priority], ref: _Ref) -> Priority:
    if ref.number is not None:
        found = next((p for p in priorities if p.number == ref.number), None)
        if found is None:
            found = Priority(ref.number, ref.title, ref.line)
            priorities.append(found)
        found.title = found.title or ref.title
        return found
    found = next((p for p in priorities if _key(p.title) == _key(ref.title)), None)
    if found is None:
        number = max((p.number for p in priorities), default=0) + 1
        found = Priority(number, ref.title, ref.line)
        priorities.append(found)
    return found


def _apply(priority: Priority, ref: _Ref) -> None:
    if ref.relation == DELIVERS:
        priority.delivered, priority.contributed = True, False
    elif not priority.delivered:
        priority.contributed = True
    for aim in ref.aims:
        if aim not in priority.aims:
            priority.aims.append(aim)
    if not priority.statement or ref.relation == DELIVERS:
        priority.statement, priority.statement_line = ref.statement, ref.line


def _following(lines, index: int) -> list[tuple[int, str]]:
    """The list after a line ending in a colon, or the one line after it."""
    items: list[tuple[int, str]] = []
    for number, text in lines[index + 1 :]:
        if not text.strip():
            continue
        if _BULLETED.match(text):
            item = _LIST_ITEM.match(text)
            assert item is not None
            items.append((number, re.sub(r"(?:;\s*and|[;.,])\s*$", "", item.group(2)).strip()))
            continue
        if not items:
            return [(number, _unquote(text))]
        break
    return items


def _numbered(lines, count: int) -> list[Priority]:
    """The first numbered list of ``count`` items."""
    run: list[Priority] = []
    for number, text in lines:
        match = re.match(r"^\s*-?\s*(\d+)[.)]\s+(.+?)\s*$", text)
        if match:
            run.append(Priority(int(match.group(1)), match.group(2), number))
            continue
        if len(run) == count:
            return run
        if text.strip():
            run = []
    return run if len(run) == count else []


def _nearest(found: list[tuple[int, str]], at: int, last: str) -> str:
    """The plan named nearest before ``at`` on the line, else after it, else the last
    one named before the line."""
    before = [title for start, title in found if start <= at]
    if before:
        return before[-1]
    return found[0][1] if found else last


def _numbers(text: str) -> list[int]:
    words = re.findall(_NUMBER, text, re.IGNORECASE)
    return [int(w) if w.isdigit() else NUMBER_WORDS[w.lower()] for w in words]


def _title(name: str) -> str:
    name = re.sub(r"^(?:(?:The|This|Our|Its|Part\s+\w+\s+of(?:\s+the)?)\s+)+", "", name.strip())
    return "" if name in {"Strategy", "Plan", "Framework", "Compact"} else name


def _key(text: str) -> str:
    text = re.sub(r"['’]s\b", "", text.lower())
    return " ".join(w for w in re.findall(r"[a-z0-9]+", text) if w not in {"the", "s"})


def _unquote(text: str) -> str:
    text = re.sub(r"^#+\s*", "", text).replace("**", "").strip()
    return text.strip("'\"‘’“” ")


# Which aims serve a priority the plan contributes to -----------------------------------

# Verbs of intent say what a plan does, not what it is about: "Improve health" and
# "Promote the attainment" share no subject.
INTENT_WORDS = frozenset(
    lemma(w)
    for w in [
        "improve",
        "promote",
        "increase",
        "reduce",
        "support",
        "develop",
        "provide",
        "create",
        "build",
        "encourage",
        "deliver",
        "achieve",
        "enable",
        "strengthen",
        "continue",
        "maintain",
        "raise",
        "narrow",
        "better",
        "good",
        "great",
    ]
)


def aims_sharing_subjects(title: str, aims: dict[int, list[tuple[str, str]]]) -> dict[int, str]:
    """The aims whose words share a subject with a priority's ``title``, each with the
    basis a reader can check: "shares 'health' with objective 3.3 Narrow health
    inequalities…". ``aims`` gives each aim's number and its texts, each with what it is
    ("aim 2", "objective 2.3"). A word in more than half of the aims is the plan's
    general vocabulary ("children", "young people"), not a shared subject."""
    words_of_aim = {
        n: {w for _, text in texts for w in word_set(text)} for n, texts in aims.items()
    }
    general = {
        w
        for w in set().union(*words_of_aim.values(), set())
        if sum(w in words for words in words_of_aim.values()) * 2 > len(aims)
    }
    wanted = word_set(title) - general - INTENT_WORDS
    found: dict[int, str] = {}
    for number, texts in aims.items():
        for what, text in texts:
            shared = sorted(wanted & word_set(text), key=title.lower().find)
            if shared:
                words = " and ".join(f"“{_written(w, title)}”" for w in shared)
                found[number] = f"shares {words} with {what} {text}"
                break
    return found


def _written(lemma_: str, text: str) -> str:
    """The word as ``text`` writes it."""
    return next((w for w in re.findall(r"\w+", text) if lemma(w.lower()) == lemma_), lemma_)
