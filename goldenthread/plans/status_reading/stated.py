"""Reading a status or RAG column beside the comment, and weighing the two together.

A RAG colour rates how delivery is going, not what became of the action: Green is on
track, Amber at risk, Red off track, and all three mean the work is still open, so in
progress. In councils' RAG+B schemes Blue is the fourth colour, for actions complete
or closed. Because a colour is a rating, a comment that reports what happened
outweighs it: "Launched in September" beside an Amber is completed.

A status written in words ("Complete", "Not started - carried forward", "Deferred") is
read like a comment. When it and the comment disagree, a decision about the action's
fate wins, then a reported event in the comment (a thing done); otherwise the column,
the lead's own word, wins; either way the status is marked unsure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import Status
from .decide import FATES, Inference, label

# Colours and their one-letter and paired forms ("A/G": between Amber and Green).
_COLOUR = re.compile(
    r"^(?:(?:green|amber|red|g|a|r)(?:\s*[/-]\s*(?:green|amber|red|g|a|r))?|blue|b)$"
)
# Single words a status column uses that a comment would not ("Met", "Done").
_WORDS = {
    "done": Status.COMPLETED,
    "met": Status.COMPLETED,
    "closed": Status.COMPLETED,
    "open": Status.IN_PROGRESS,
    "overdue": Status.IN_PROGRESS,
    "started": Status.IN_PROGRESS,
}


def colour(stated: str) -> str | None:
    """The status a RAG colour stands for, or None if ``stated`` is no colour."""
    text = stated.strip().lower()
    if not _COLOUR.match(text):
        return None
    return Status.COMPLETED if text in {"blue", "b"} else Status.IN_PROGRESS


def from_column(stated: str, read: Callable[[str], Inference]) -> tuple[Inference, bool]:
    """What the column says, and whether it is a colour."""
    text = stated.strip()
    status = colour(text)
    if status:
        why = "a RAG colour for work still open" if status != Status.COMPLETED else "Blue, closed"
        return Inference(status, "status column", text, True, f"“{text}” ({why})."), True
    word = _WORDS.get(text.lower().rstrip("."))
    if word:
        return Inference(word, "status column", text, True, f"“{text}” (status column)."), False
    words = read(text)
    if not words.status:
        return words, False
    why = f"“{text}” (status column: “{words.basis}”, {words.rule})."
    return Inference(words.status, "status column", text, words.certain, why), False


def weigh(stated: Inference, is_colour: bool, comment: Inference) -> Inference:
    """The status from a status column and a comment together."""
    if not stated.status:
        return comment
    if not comment.status:
        return _column(stated, stated.certain, "")
    if stated.status == comment.status:
        return _both(comment, stated)
    if is_colour:
        # Blue says closed; a comment saying otherwise leaves it in doubt.
        certain = comment.certain and stated.status != Status.COMPLETED
        return _over_column(comment, stated, certain)
    if stated.status in FATES:
        certain = comment.status not in {Status.COMPLETED, *FATES}
        return _column(stated, certain, comment.basis)
    if comment.status in FATES or comment.status == Status.COMPLETED:
        return _over_column(comment, stated, False)
    return _column(stated, False, comment.basis)


def _both(comment: Inference, stated: Inference) -> Inference:
    return Inference(
        comment.status,
        comment.rule,
        f"{stated.basis}; {comment.basis}",
        comment.certain,
        f"The status column (“{stated.basis}”) and the comment agree. {comment.explanation}",
    )


def _column(stated: Inference, certain: bool, against: str) -> Inference:
    why = f"The status column says “{stated.basis}”: {label(stated.status)}."
    if against:
        why += f" The comment's “{against}” points elsewhere."
    return Inference(stated.status, "status column", stated.basis, certain, why)


def _over_column(comment: Inference, stated: Inference, certain: bool) -> Inference:
    return Inference(
        comment.status,
        comment.rule,
        comment.basis,
        certain,
        f"{comment.explanation} The comment outweighs the status column’s “{stated.basis}” "
        f"({label(stated.status)}).",
    )
