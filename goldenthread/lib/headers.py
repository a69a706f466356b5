"""What a table's column holds, from what its header means rather than its exact words.

Councils head the same column many ways: "Lead", "Lead officer", "Owner", "Responsible";
"Due date", "Deadline", "By when", "Timescale"; "Comments", "Progress", "Update",
"Position". A header is read by its words, most specific first, so "Progress rating" is
a status and "Progress update" a comment, "Target date" a due date and "Target" a
measure, "Action ref" a code and "Action owner" a lead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum


class Column(StrEnum):
    AIM = "aim"
    OBJECTIVE = "objective"
    CODE = "code"
    ACTION = "action"
    MEASURE = "measure"
    LEAD = "lead"
    DUE = "due"
    STATUS = "status"
    COMMENT = "comment"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Column.AIM: "aim or priority",
    Column.OBJECTIVE: "objective",
    Column.CODE: "reference or code",
    Column.ACTION: "action",
    Column.MEASURE: "measure or output",
    Column.LEAD: "lead",
    Column.DUE: "due date",
    Column.STATUS: "status or RAG",
    Column.COMMENT: "comments or progress",
}

# (meaning, pattern over the header's words) in the order they are tried: a header with
# words of two meanings takes the first, so the narrower readings come first.
_READINGS: list[tuple[Column, str]] = [
    (Column.STATUS, r"\brag\b|\bstatus\b|\brating\b|\bb?rag ?b?\b|\bon track\b"),
    (
        Column.DUE,
        r"\bdue\b|\bdeadline\b|\bby when\b|\bwhen\b|\btime ?scales?\b|\btime ?frames?\b|"
        r"\b(?:target|completion|end|delivery|review) date\b|\bdates?\b|\bby$",
    ),
    (
        Column.LEAD,
        r"\blead|\bowners?\b|\bresponsib|\baccountab|\bwho\b|\bofficer\b|\bchampion\b|"
        r"\bsponsor\b",
    ),
    (
        Column.CODE,
        r"^(?:\w+ )?(?:ref|reference|refs|no|number|num|code|id|#)$|^(?:ref|reference|no|code)\b",
    ),
    (
        Column.COMMENT,
        r"\bcomments?\b|\bcommentary\b|\bprogress\b|\bupdates?\b|\bposition\b|\bnarrative\b|"
        r"\bnotes?\b|\bremarks?\b|\bachieved so far\b|\bevidence\b",
    ),
    (
        Column.MEASURE,
        r"\bmeasures?\b|\boutputs?\b|\bkpis?\b|\bindicators?\b|\bsuccess\b|\bhow will we know\b|"
        r"\bmilestones?\b|\btargets?\b|\boutcomes? measures?\b|\bevidence of impact\b|"
        r"\bdeliverables?\b",
    ),
    (
        Column.OBJECTIVE,
        r"\bobjectives?\b|\bsub ?priorit|\bwhat we want to achieve\b|\bgoals?\b|\boutcomes?\b",
    ),
    (Column.AIM, r"\baims?\b|\bpriorit|\bthemes?\b|\bambitions?\b|\bpillars?\b"),
    (
        Column.ACTION,
        r"\bactions?\b|\bwhat (?:we|will we) (?:will )?do\b|\bwe will\b|\bactivit|\btasks?\b|"
        r"\bcommitments?\b|\binterventions?\b|\bsteps?\b|\bhow\b",
    ),
]
_COMPILED = [(column, re.compile(pattern)) for column, pattern in _READINGS]


def words_of(header: str) -> str:
    """A header's words in lower case, punctuation and footnote marks aside."""
    text = re.sub(r"[^a-z0-9#/]+", " ", header.lower().replace("&", " and "))
    return re.sub(r"\s+", " ", text.replace("/", " ")).strip()


def meaning_of(header: str) -> Column | None:
    """What a column with this header holds, or None for a header of no known meaning."""
    words = words_of(header)
    if not words or len(words) > 60:
        return None  # a long cell is a row's content, not a header
    return next((column for column, pattern in _COMPILED if pattern.search(words)), None)


def meanings_of(row: Sequence[str]) -> dict[int, Column]:
    """Each column's meaning in a header row, by position. The first of two columns of
    one meaning keeps it; an empty header has none (the reader of a table decides what
    it holds, often the title beside a code under a header spanning both)."""
    found: dict[int, Column] = {}
    taken: set[Column] = set()
    for index, cell in enumerate(row):
        meaning = meaning_of(cell)
        if meaning is not None and meaning not in taken:
            found[index] = meaning
            taken.add(meaning)
    return found


def is_header_row(row: Sequence[str], *, needs: Sequence[Column] = (Column.ACTION,)) -> bool:
    """Whether a row is a table's header: at least two cells of known meaning, among
    them every column ``needs``, and no cell that reads as a long sentence."""
    meanings = meanings_of(row)
    if len(meanings) < 2 or any(len(cell) > 80 for cell in row):
        return False
    return all(column in meanings.values() for column in needs)
