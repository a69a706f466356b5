"""Reading an action's status from its progress comment and any status column.

Leads report progress in free text ("Report presented to H&WBB on 13.11.14", "This
report is still pending", "Awaiting sign-off", "c/f to next financial year"). The
comment is read sentence by sentence: each verb the lexicon knows is read with the
words before it, so tense and negation decide what it says ("was delivered",
"will be delivered", "not yet delivered"), and fixed phrases name decisions about the
action's fate ("no longer required", "rolled into next year's plan", "postponed").
decide.py weighs what was read, stated.py a Status or RAG column beside it.

An inferred status keeps the words that decided it, and goes to the review list; when
nothing says, the status stays *not known* rather than a guess.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Status
from . import lexicon as lx
from .decide import Inference, decide
from .sentences import Signal, read
from .stated import from_column, weigh

__all__ = ["Inference", "Signal", "infer_status"]


def infer_status(comment: str, stated: str = "") -> Inference:
    """The status a comment (and a status or RAG column, if any) signals, the words that
    decided it, and how sure that is."""
    comment_reading = _read_comment(comment or "")
    if not (stated or "").strip():
        return comment_reading
    column, is_colour = from_column(stated, _read_comment)
    return weigh(column, is_colour, comment_reading)


def _read_comment(comment: str) -> Inference:
    signals, no_update = read(comment)
    if not signals and no_update:
        return Inference(
            "", "", "", False, f"“{no_update[0]}” gives no update: the status is not known."
        )
    inference = decide(signals)
    recurring = lx.RECURRING.search(comment)
    if inference.status == Status.COMPLETED and inference.certain and recurring:
        return replace(
            inference,
            certain=False,
            explanation=f"{inference.explanation} “{recurring.group(0)}”: the work recurs, "
            "so it may not be finished.",
        )
    return inference
