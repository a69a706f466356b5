"""Narrative as sentences, each with the line it is on and the headings above it.

A finding must point a writer to the place to fix: the line of a text or Markdown file,
or the paragraph of a Word document. A sentence alone often does not say what it is
about ("Thurrock achieved 77% compared to 79% nationally" under the heading "Pupils
achieving level 4 or above in reading, writing and maths"), so each keeps the headings
above it and the sentences before it in its paragraph, nearest first, for the claims'
readers to look further when its own words name no indicator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from goldenthread.indicators.names import word_set

# A plain-text heading: a short line that does not end as a sentence does.
HEADING_WORDS = 15
PLAIN_LEVELS = 3
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•–]|\d{1,3}[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s*>\s?")
_EMPHASIS = re.compile(r"(\*\*|__|`|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# A sentence ends at . ! or ? followed by a space and a capital, a digit or a bracket;
# not inside a number ("5.4%"), nor after a short abbreviation ("e.g.", "No.").
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9£])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|no|vs|approx|dr|mr|mrs|ms|st|cf)\.)$", re.IGNORECASE
)


@dataclass(frozen=True)
class Passage:
    """A line of text (a paragraph of Word, a table's cell) with the headings above it,
    outermost first."""

    line: int
    text: str
    headings: tuple[str, ...] = ()
    is_heading: bool = False
    in_table: bool = False  # a table's cell: its column, unread, may say its period


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str
    # What it may be about, nearest first: the sentences before it in its paragraph,
    # then the headings above it, innermost first.
    context: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()  # the headings alone, innermost first
    in_table: bool = False


def plain_passages(text: str, *, markdown: bool = False) -> list[Passage]:
    """The passages of a text or Markdown file, numbered by line. A table row's cells
    (separated by tabs, or by ``|`` in Markdown) are passages of the same line."""
    passages: list[Passage] = []
    outline: dict[int, str] = {}
    plain: list[str] = []  # plain text's headings, outermost first (see ``nest``)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or set(line) <= set("|-: \t"):
            continue
        found = _MARKDOWN_HEADING.match(line)
        if found:
            level = len(found.group(1))
            outline = {k: v for k, v in outline.items() if k < level}
            outline[level] = clean(found.group(2), markdown)
            plain = []
            passages.append(Passage(number, outline[level], tuple(outline.values()), True))
            continue
        if is_plain_heading(line) and not (passages and _unfinished(passages[-1])):
            plain = nest(plain, clean(line, markdown))
            passages.append(Passage(number, plain[-1], (*outline.values(), *plain), True))
            continue
        if passages and _unfinished(passages[-1]) and "\t" not in line and "|" not in line:
            # A sentence broken over two lines ("… between KS1 and" / "KS2 in …")
            last = passages.pop()
            passages.append(
                Passage(last.line, f"{last.text} {clean(line, markdown)}", last.headings)
            )
            continue
        cells = line.strip("|").split("|") if markdown and "|" in line else line.split("\t")
        for cell in cells:
            cleaned = clean(cell, markdown)
            if cleaned:
                headings = (*outline.values(), *plain)
                passages.append(Passage(number, cleaned, headings, in_table=len(cells) > 1))
    return passages


def nest(outline: list[str], heading: str) -> list[str]:
    """Plain text's headings have no levels: a heading that shares most of its words
    with the one before is its sibling and takes its place ("Pupils achieving level 4
    in writing" after "… in reading"); any other sits under it ("Pupils achieving …"
    under "KS2 performance"), the last three kept."""
    words = word_set(heading)
    while outline and _siblings(word_set(outline[-1]), words):
        outline = outline[:-1]
    return [*outline, heading][-PLAIN_LEVELS:]


def _siblings(one: frozenset[str], other: frozenset[str]) -> bool:
    shorter = min(len(one), len(other))
    return bool(shorter) and len(one & other) * 2 >= shorter


_DANGLING = re.compile(
    r"\b(?:and|or|of|the|a|an|to|in|between|with|for|by|from|than)$", re.IGNORECASE
)


def _unfinished(passage: Passage) -> bool:
    """A paragraph that stops mid-sentence, on a word that must be followed."""
    return not (passage.is_heading or passage.in_table) and bool(_DANGLING.search(passage.text))


def is_plain_heading(line: str) -> bool:
    """A short line, not a list item nor a table row, that does not end as a sentence."""
    if "\t" in line or _LIST_MARK.match(line) or line.startswith("|") or _DANGLING.search(line):
        return False
    return len(line.split()) <= HEADING_WORDS and not re.search(r"[.!?;:,]\W*$", line)


def clean(text: str, markdown: bool = True) -> str:
    """Text without its list bullet, and in Markdown without quotes, emphasis and links
    (plain text keeps its stars: "5+ GCSEs A*-C")."""
    text = _LIST_MARK.sub("", text)
    if markdown:
        text = _LINK.sub(r"\1", _EMPHASIS.sub("", _QUOTE_MARK.sub("", text)))
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        before = text[start : end.start()]
        if _ABBREVIATION.search(before):
            continue
        pieces.append(before.strip())
        start = end.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def sentences(passages: Iterable[Passage]) -> Iterator[Sentence]:
    """Each sentence of the passages, with its context. A heading is read too (a short
    line may be a claim: "Thurrock achieved 77%"), with the headings above it."""
    for passage in passages:
        before: list[str] = []
        headings = tuple(reversed(passage.headings))
        if passage.is_heading:
            headings = headings[1:]
        for text in split_sentences(passage.text):
            context = (*reversed(before), *headings)
            yield Sentence(passage.line, text, context, headings, passage.in_table)
            before.append(text)
