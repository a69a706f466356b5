"""Aims and objectives as reports name them, in headings, captions, rows and cells.

"Strategic Aim 3", "Aim 1: …", "Priority 2 - …", "Outcome A", "Objective 1.2 …",
"Theme: …": a word that names the level, then a number, letter or code, then the title.
A heading with the word but no number ("Priority: safer streets") is numbered in order
by its reader. A cell of a tracker's aim or objective column may also be just a code and
a title ("1.2 Improve attainment") or a title alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goldenthread.lib.codes import code_parts, is_code, normal_code

AIM_WORDS = r"aim|priority|theme|ambition|pillar|outcome"
OBJECTIVE_WORDS = r"objective|sub[\s-]?priority|goal"
_LABEL = r"[A-Za-z]{0,3}\s?\d+(?:\.\d+)*[A-Za-z]?|[A-Za-z]"
_HEADING = re.compile(
    rf"^(?:strategic|key|our|corporate)?\s*(?P<word>{AIM_WORDS}|{OBJECTIVE_WORDS})\b\s*"
    rf"(?:(?P<label>{_LABEL})\b)?\s*(?P<sep>[:.\-–—])?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_CAPTION_PREFIX = re.compile(r"^table\s+\d+\s*[:.\-–—]?\s*", re.IGNORECASE)
_LEADING_CODE = re.compile(r"^(?P<code>\S+?)[.):\-–]?\s+(?P<title>\S.*)$")
# "– Priorities for 2014/2015" after an aim's title says when, not what.
_FOR_YEAR = re.compile(r"\s*[–—-]\s*Priorities\s+for\b.*$", re.IGNORECASE)


@dataclass(frozen=True)
class Named:
    """An aim or objective as a heading or cell names it."""

    level: str  # "aim" or "objective"
    word: str  # the word that named it, lower case: "priority", "objective"
    label: str | None  # its number, letter or code as written; None if it has none
    title: str

    @property
    def aim_number(self) -> int | None:
        """The number an aim's label gives it: "3" and "P3" are 3, "C" is 3."""
        if self.label is None:
            return None
        numbers = re.findall(r"\d+", self.label)
        if numbers:
            return int(numbers[-1])
        return ord(self.label.lower()) - ord("a") + 1


def named_in(text: str, *, caption: bool = False) -> Named | None:
    """What a heading, caption or heading row names, or None if it names no aim or
    objective. The word alone is not enough ("Priority areas for action"): it needs a
    number or a separator before its title."""
    if caption:
        text = _CAPTION_PREFIX.sub("", text)
    match = _HEADING.match(" ".join(text.split()))
    if not match or not (match["label"] or match["sep"]):
        return None
    word = match["word"].lower()
    label = normal_code(match["label"]) if match["label"] else None
    level = "objective" if re.fullmatch(OBJECTIVE_WORDS, word, re.IGNORECASE) else "aim"
    if level == "aim" and label and is_code(label) and _numbers_in(label) > 1:
        level = "objective"  # "Priority 1.2" is the second under priority 1
    title = match["title"].strip(" :.-–—")
    return Named(level, word, label, _FOR_YEAR.sub("", title).strip() if level == "aim" else title)


def split_code(text: str, *, bare_number: bool = False) -> tuple[str, str]:
    """A cell's leading code and the rest: "1.2 Improve attainment" → ("1.2", "Improve
    attainment"); "Improve attainment" → ("", "Improve attainment"). A bare number is a
    code only when followed by a point, bracket or colon ("1. Improve"), so "2015 plan
    agreed" keeps its year, or in an aim or objective column (``bare_number``), where
    "1 Children are safe" is aim 1."""
    text = " ".join(text.split())
    if is_code(text):
        return normal_code(text), ""
    match = _LEADING_CODE.match(text)
    if match and is_code(match["code"]):
        code = match["code"]
        marked = text[len(code)] in ".):-–" if len(text) > len(code) else False
        if not code.isdigit() or marked or bare_number:
            return normal_code(code), match["title"].strip()
    return "", text


def _numbers_in(label: str) -> int:
    return sum(isinstance(part, int) for part in code_parts(label))
