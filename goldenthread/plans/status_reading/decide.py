"""From the signals in a comment to one status, how sure, and why.

* A decision about the action's fate this year (withdrawn, deferred, carried forward)
  is decisive: it wins over descriptions of the work in the same comment.
* Work reported done and work reported open ("completed … awaiting sign-off", "in
  place … being progressed") make the action in progress, marked *unsure*. So does work
  done beside work not started: part of it is done, so it is neither.
* Not started wins over in progress ("not started; awaiting funding").
* What is only planned or expected ("will be delivered in 2015/16") does not undo work
  reported done in the same comment: a report of one year often names the next step.
* Nothing read: not known.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Status
from .sentences import Signal

FATES: list[str] = [Status.WITHDRAWN, Status.DEFERRED, Status.CARRIED_FORWARD]


@dataclass(frozen=True)
class Inference:
    status: str  # "" when not known
    rule: str
    basis: str  # the words that decided it
    certain: bool
    explanation: str


def label(status: str) -> str:
    return Status(status).label.lower() if status else "not known"


def decide(signals: list[Signal]) -> Inference:
    """One status from a comment's signals, with the words that decided it."""
    if not signals:
        return Inference("", "", "", False, "Nothing in the comment says: the status is not known.")
    fates = [s for s in signals if s.decisive]
    if fates:
        fates.sort(key=lambda s: FATES.index(s.status))
        return _chosen(fates[0], fates[1:])
    by_status: dict[str, list[Signal]] = {}
    for signal in signals:
        by_status.setdefault(signal.status, []).append(signal)
    done = by_status.get(Status.COMPLETED, [])
    not_started = by_status.get(Status.NOT_STARTED, [])
    open_ = by_status.get(Status.IN_PROGRESS, [])
    strong_open = [s for s in open_ if not s.weak]
    if done and (not_started or strong_open):
        against = (not_started or strong_open)[0]
        return _mixed(against, done[0])
    if not_started:
        return _chosen(not_started[0], [])
    if done:
        return _chosen(done[0], [])
    return _chosen(strong_open[0] if strong_open else open_[0], [])


def _chosen(signal: Signal, others: list[Signal]) -> Inference:
    disagreeing = [o for o in others if o.status != signal.status]
    reading = f"“{signal.words}” ({signal.reading}): {label(signal.status)}"
    if not disagreeing:
        return Inference(signal.status, signal.reading, signal.words, True, reading + ".")
    return Inference(
        signal.status,
        signal.reading,
        signal.words,
        False,
        reading + ", though " + _also(disagreeing) + ".",
    )


def _mixed(open_: Signal, done: Signal) -> Inference:
    """Part reported done, part still open or not started: in progress, unsure."""
    return Inference(
        Status.IN_PROGRESS,
        open_.reading,
        open_.words,
        False,
        f"“{done.words}” suggests completed, but “{open_.words}” suggests "
        f"{label(open_.status)}: some of it is still to do, so in progress.",
    )


def _also(signals: list[Signal]) -> str:
    return "; ".join(f"“{s.words}” suggests {label(s.status)}" for s in signals)
