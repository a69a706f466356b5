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

# (meaning, patterns over the header's words) in the order they are tried: a header with
# words of two meanings takes the first, so the narrower readings come first.
_READINGS: list[tuple[Column, tuple[str, ...]]] = [
    (Column.STATUS, (r"\brag\b", r"\bstatus\b", r"\brating\b", r"\bb?rag ?b?\b", r"\bon track\b")),
    (
        Column.DUE,
        (
            r"\bdue\b",
            r"\bdeadline\b",
            r"\bwhen\b",
            r"\btime ?scales?\b",
            r"\btime ?frames?\b",
            r"\b(?:target|completion|end|delivery|review) date\b",
            r"(?<!start )(?<!to )\bdates?\b",  # "Progress to date" is a comment
            r"\bby$",
        ),
    ),
    (
        Column.LEAD,
        (
            r"\blead",
            r"\bowners?\b",
            r"\bresponsib",
            r"\baccountab",
            r"\bwho\b",
            r"\bofficer\b",
            r"\bchampion\b",
            r"\bsponsor\b",
        ),
    ),
    (
        Column.CODE,
        (
            r"^(?:\w+ )?(?:ref|reference|refs|no|number|num|code|id|#)$",
            r"^(?:ref|reference|no|code)\b",
        ),
    ),
    (
        Column.COMMENT,
        (
            r"\bcomments?\b",
            r"\bcommentary\b",
            r"\bnext steps?\b",
            r"\bprogress\b",
            r"\bupdates?\b",
            r"\bposition\b",
            r"\bnarrative\b",
            r"\bnotes?\b",
            r"\bremarks?\b",
            r"\bachieved so far\b",
            r"\bevidence\b",
        ),
    ),
    (
        Column.MEASURE,
        (
            r"\bmeasures?\b",
            r"\boutputs?\b",
            r"\bkpis?\b",
            r"\bindicators?\b",
            r"\bsuccess\b",
            r"\bhow will we know\b",
            r"\bmilestones?\b",
            r"\btargets?\b",
            r"\bdeliverables?\b",
            r"\bexpected outcomes?\b",
        ),
    ),
    (
        Column.OBJECTIVE,
        (
            r"\bobjectives?\b",
            r"\bsub ?priorit",
            r"\bwhat we want to achieve\b",
            r"\bgoals?\b",
            r"\boutcomes?\b",
        ),
    ),
    (Column.AIM, (r"\baims?\b", r"\bpriorit", r"\bthemes?\b", r"\bambitions?\b", r"\bpillars?\b")),
    (
        Column.ACTION,
        (
            r"\bactions?\b",
            r"\bwhat (?:we|will we) (?:will )?do\b",
            r"\bwe will\b",
            r"\bactivit",
            r"\btasks?\b",
            r"\bcommitments?\b",
            r"\binterventions?\b",
            r"\bsteps?\b",
            r"\bhow\b",
        ),
    ),
]
# Headers can carry instructions ("Progress update (include evidence of impact and any
# risks to delivery)"); a cell longer than this is a row's content.
LONGEST_HEADER = 120
_COMPILED = [(column, re.compile("|".join(patterns))) for column, patterns in _READINGS]


def words_of(header: str) -> str:
    """A header's words in lower case, punctuation and footnote marks aside."""
    text = re.sub(r"[^a-z0-9#/]+", " ", header.lower().replace("&", " and "))
    return re.sub(r"\s+", " ", text.replace("/", " ")).strip()


def meaning_of(header: str) -> Column | None:
    """What a column with this header holds, or None for a header of no known meaning."""
    words = words_of(header)
    if not words or len(words) > LONGEST_HEADER:
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
    if len(meanings) < 2 or any(len(cell) > LONGEST_HEADER for cell in row):
        return False
    return all(column in meanings.values() for column in needs)
