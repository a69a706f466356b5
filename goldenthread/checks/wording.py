"""Reading a plan's words for what a reviewer would send back: placeholders where a
number or date should be, and drafting notes the authors left for each other.

Pure functions over text, so that every pattern is tested on the seed plan's own
phrases. Text extracted from Word keeps a table cell's lines apart with two or more
spaces (or a tab, or a new line): a *fragment* is one such line, and what is quoted
back to the reader is the fragment, or the bracket, that holds the words found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Two or more spaces, a tab or a new line: a line break inside a table cell.
_FRAGMENT_BREAK = re.compile(r"\s*(?:\n|\t| {2,})\s*")
_LONGEST_QUOTE = 160


@dataclass(frozen=True)
class Spotted:
    """Words found in a text: what they are, and the words quoted back."""

    kind: str  # what was found, in a reviewer's words
    words: str
    advice: str


@dataclass(frozen=True)
class _Pattern:
    kind: str
    regex: re.Pattern
    advice: str


_ADD_FIGURE = "Replace it with the figure and the date it is due by."

# A milestone that still waits for its number: "from x to y", "specify", "(TBC)%",
# "data to be added", "???", "Specific milestones needed".
PLACEHOLDERS = [
    _Pattern("“x to y” left in", re.compile(r"\b(?:from )?x to y\b", re.IGNORECASE), _ADD_FIGURE),
    _Pattern(
        "“specify” left in",
        # After a dash, a full stop or at the start: "uptake – specify", ". specify not
        # just year one"; not "the strategy will specify", which is prose.
        re.compile(r"(?:^|[-–—.:;]\s*)specify\b", re.IGNORECASE),
        _ADD_FIGURE,
    ),
    _Pattern("“TBC” left in", re.compile(r"\(?\bTBC\b\)?%?"), _ADD_FIGURE),
    _Pattern("“???” left in", re.compile(r"\?{2,}"), _ADD_FIGURE),
    _Pattern(
        "“to be added” left in",
        re.compile(r"\bto be (?:added|confirmed|agreed)\b", re.IGNORECASE),
        "Add the figures, or take the sentence out.",
    ),
    _Pattern(
        "milestones still to be written",
        re.compile(r"\bmilestones? (?:are |is )?(?:still )?needed\b", re.IGNORECASE),
        "Write milestones with a figure and a date for each year of the plan.",
    ),
]

# Notes the authors left for each other, which a published plan must not carry.
DRAFTING_NOTES = [
    _Pattern(
        "a colleague asked to check it",
        re.compile(
            r"\bplease (?:check|amend|add|confirm|update|review|complete)\b|\bcheck/amend\b",
            re.IGNORECASE,
        ),
        "Make the change asked for, then take the note out.",
    ),
    _Pattern(
        "more words asked for",
        re.compile(r"\b(?:more )?needed here\b", re.IGNORECASE),
        "Write what is missing, or take the note out.",
    ),
    _Pattern(
        "a link still to be made",
        re.compile(r"\(\s*(?:[^()]*?[–—-]\s*)?hyperlink\s*\)", re.IGNORECASE),
        "Put in the address of the document meant, or take the note out.",
    ),
    _Pattern(
        "data still to be put in",
        re.compile(r"\(\s*data\s*\)", re.IGNORECASE),
        "Put in the figures meant, or take the note out.",
    ),
]

_NAME_APPENDED = _Pattern(
    "a person's name appended",
    # "prevent homelessness– Barbara Brownlee": a dash then a first and last name that
    # end the text. A name in brackets after a quotation is not matched.
    # "Well–Being Strategy", with no space either side of its dash, is not matched.
    re.compile(r"(?:\s[–—-]\s*|[–—-]\s+)([A-Z][a-z]+(?: [A-Z][a-z'-]+)+)\s*$"),
    "Say who leads it in the lead column, not in the text.",
)

_QUESTION_ADVICE = "Answer the question in the text, or take it out."

# Words that start a real question, or end a tag question ("…, could it?"). A
# question that starts otherwise ("CAMHS strategy?", "Data on smoking … use?") is a
# note to a colleague. Column headers ("Where are we now?") start with these too.
_INTERROGATIVES = frozenset(
    [
        "what",
        "why",
        "how",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "which",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "isn't",
        "aren't",
        "don't",
        "doesn't",
    ]
)
_QUESTION_MARK = re.compile(r"(?<!\?)\?(?!\?)(?=\s|$|[)\"'”’])")
_CLAUSE_START = re.compile(r"[.!?:;•]\s+|^")


def fragments(text: str) -> list[str]:
    """The lines of a table cell or paragraph, as the author wrote them apart."""
    return [part for part in _FRAGMENT_BREAK.split(text) if part.strip()]


def placeholders(text: str) -> list[Spotted]:
    """Placeholders where a figure or a date should be."""
    return _spot(text, PLACEHOLDERS)


def drafting_notes(text: str, *, names: bool = False) -> list[Spotted]:
    """Notes to colleagues left in the text; ``names`` also looks for a person's name
    appended to the end (as authors sign an objective they were asked to write)."""
    spotted = _spot(text, DRAFTING_NOTES, brackets=True)
    for fragment in fragments(text):
        spotted += [
            Spotted("a question left in", words, _QUESTION_ADVICE) for words in _questions(fragment)
        ]
    if names and (match := _NAME_APPENDED.regex.search(text.strip())):
        spotted.append(Spotted(_NAME_APPENDED.kind, match.group(0).strip(), _NAME_APPENDED.advice))
    return _unique(spotted)


def unfinished_wording(text: str, *, names: bool = False) -> list[Spotted]:
    """Everything a reviewer would send back in a passage of narrative or a table cell."""
    return _unique(drafting_notes(text, names=names) + placeholders(text))


def has_figure_or_date(text: str) -> bool:
    """Whether a milestone gives a number or a date to check it against.

    The numbers in names do not count: "level 2", "Key Stage 4", "KS2", "Year 6".
    """
    unnamed = _NAMED_NUMBERS.sub("", text)
    return bool(re.search(r"\d", unnamed) or _MONTH.search(text))


_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
)


_NAMED_NUMBERS = re.compile(
    r"\b(?:level|levels|key stage|KS|year|years|aged|age|phase|tier|step|part|aim|objective)"
    r"\s*\d+(?:\s*(?:and|&|,|-|–|to|/)\s*\d+)*\+?",
    re.IGNORECASE,
)


def normalised(text: str) -> str:
    """Text as compared for duplicates: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split())


def _spot(text: str, patterns: list[_Pattern], *, brackets: bool = False) -> list[Spotted]:
    spotted = []
    for fragment in fragments(text):
        for pattern in patterns:
            for match in pattern.regex.finditer(fragment):
                words = _quote(fragment, match, brackets=brackets)
                spotted.append(Spotted(pattern.kind, words, pattern.advice))
    return _unique(spotted)


def _quote(fragment: str, match: re.Match, *, brackets: bool) -> str:
    """With ``brackets``, the bracket the match is in (to the fragment's end if it is
    never closed); otherwise, or outside brackets, the fragment, shortened around the
    match when it is long."""
    opened = fragment.rfind("(", 0, match.start() + 1)
    if brackets and opened != -1 and ")" not in fragment[opened : match.start()]:
        closed = fragment.find(")", match.end() - 1)
        return fragment[opened : closed + 1 if closed != -1 else len(fragment)].strip()
    return _shortened(fragment, match.start(), match.end())


def _shortened(fragment: str, start: int, end: int) -> str:
    if len(fragment) <= _LONGEST_QUOTE:
        return fragment.strip()
    margin = (_LONGEST_QUOTE - (end - start)) // 2
    left, right = max(0, start - margin), min(len(fragment), end + margin)
    return (
        f"{'…' if left else ''}{fragment[left:right].strip()}{'…' if right < len(fragment) else ''}"
    )


def _questions(fragment: str) -> list[str]:
    """Questions to colleagues in a fragment, each with what follows it on its line
    ("Data on smoking/alcohol & drug use? Am not prepared to use Tell Us 2009")."""
    found = []
    for mark in _QUESTION_MARK.finditer(fragment):
        start = _clause_start(fragment, mark.start())
        clause = fragment[start : mark.start()]
        if _is_real_question(clause):
            continue
        found.append(_shortened(fragment[start:], 0, mark.end() - start))
    return found


def _clause_start(fragment: str, before: int) -> int:
    starts = [m.end() for m in _CLAUSE_START.finditer(fragment, 0, before)]
    return starts[-1] if starts else 0


def _is_real_question(clause: str) -> bool:
    words = re.findall(r"[\w']+", clause.lower())
    if not words:
        return True
    tag = clause.rsplit(",", 1)[-1].split() if "," in clause else []
    return words[0] in _INTERROGATIVES or bool(tag and tag[0].lower() in _INTERROGATIVES)


def _unique(spotted: list[Spotted]) -> list[Spotted]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for item in spotted:
        if (item.kind, item.words) not in seen:
            seen.add((item.kind, item.words))
            kept.append(item)
    return kept


# Stubs: a short paragraph that only promises what should be there ("Two examples",
# "Case studies to follow", "Insert chart here", "Budget TBC").
_STUB_LONGEST = 8  # words; a longer paragraph is prose that may use these words
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")
_STUB_SIGNALS = re.compile(
    r"\b(?:TBC|TBA|TBD|TODO)\b|\bto (?:follow|come)\b|\bcoming soon\b|\bplaceholder\b"
    r"|\bto be (?:added|written|inserted|drafted|completed|confirmed|agreed|provided|supplied)\b"
    r"|\binsert\b.*\bhere\b|\blorem ipsum\b|^\W*(?:x{3,}|\.{3,}|…)\W*$",
    re.IGNORECASE,
)
# What a paragraph can promise, and the words that count or place it: a paragraph of
# nothing else ("Two examples", "3 case studies", "Some quotes here") is a stub.
# fmt: off
_PROMISED = frozenset({
    "example", "examples", "case", "study", "studies", "quote", "quotes", "quotation",
    "quotations", "story", "stories", "illustration", "illustrations", "chart", "charts",
    "graph", "graphs", "table", "tables", "figure", "figures", "diagram", "diagrams",
    "map", "maps", "picture", "pictures", "photo", "photos", "image", "images",
})
_PROMISE_WORDS = frozenset({
    "a", "an", "the", "some", "few", "several", "more", "further", "key", "good",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "of", "our", "here", "below", "above", "later", "add", "insert", "include", "see",
})
# fmt: on


def stub_paragraphs(text: str) -> list[str]:
    """The paragraphs of a section that only promise content, as written."""
    return [
        paragraph
        for paragraph in (p.strip(" -•\t") for p in _PARAGRAPH_BREAK.split(text))
        if paragraph and _is_stub(paragraph)
    ]


def _is_stub(paragraph: str) -> bool:
    words = re.findall(r"[\w']+", paragraph.lower())
    if len(words) > _STUB_LONGEST:
        return False
    if _STUB_SIGNALS.search(paragraph):
        return True
    promised = [w for w in words if w in _PROMISED]
    rest = [w for w in words if w not in _PROMISED and w not in _PROMISE_WORDS]
    return bool(promised) and all(w.isdigit() for w in rest)
