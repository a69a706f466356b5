"""Reading an action's status from the words of its progress comment.

Leads report progress as free text ("Report presented to H&WBB on 13.11.14", "This
report is still pending", "c/f to next financial year"). Each rule below names a phrase
that signals a status. The rules are applied to the whole comment:

* A decision about the action's fate this year (withdrawn, deferred, carried forward)
  is decisive: it overrides words such as "ongoing" or "awaiting" in the same comment.
* Otherwise, if phrases for different statuses appear together ("completed … in draft",
  "in place … being progressed"), the status first in ``PRECEDENCE`` is taken but the
  inference is marked *unsure*, naming the phrases that disagreed.
* If no rule matches, the status is left *not known*: the importer says so rather than
  guess, and the action goes to the review list like every inferred status.

The table of rules is printed in ``docs/importing.md``; a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Status


@dataclass(frozen=True)
class Rule:
    name: str
    status: str
    pattern: re.Pattern[str]
    example: str

    def find(self, comment: str) -> str | None:
        match = self.pattern.search(comment)
        return match.group(0) if match else None


def _rule(name: str, status: str, pattern: str, example: str) -> Rule:
    return Rule(name, status, re.compile(pattern, re.IGNORECASE), example)


RULES: list[Rule] = [
    _rule(
        "no longer valid",
        Status.WITHDRAWN,
        r"\bno longer (?:alive|valid|required|needed|relevant|applicable)\b|\bwithdrawn\b",
        "This objective is no longer alive and valid",
    ),
    _rule(
        "deferred",
        Status.DEFERRED,
        r"\b(?:being |been )?(?:deferred|postponed)\b|\bon hold\b",
        "this report is being deferred until the next financial year",
    ),
    _rule(
        "carried forward",
        Status.CARRIED_FORWARD,
        r"\bcarr(?:y|ied|ying) (?:it )?forward\b|\bc/f\b|\brolled (?:over|forward)\b",
        "Carry forward to the 15/16 plan",
    ),
    _rule(
        "in next year's plan",
        Status.CARRIED_FORWARD,
        r"\b(?:included in|part of|moved (?:in)?to|into) the (?:\d{2}|\d{4})/\d{1,2} plan\b",
        "review will be undertaken as part of the 15/16 plan",
    ),
    _rule(
        "still pending",
        Status.NOT_STARTED,
        r"\bstill pending\b|\bnot (?:yet )?(?:started|begun|commenced)\b|\bnot yet received\b",
        "This report is still pending",
    ),
    _rule(
        "ongoing",
        Status.IN_PROGRESS,
        r"\bongoing\b|\bon-going\b|\bin progress\b|\bunder ?way\b",
        "This is an ongoing piece of work",
    ),
    _rule(
        "being worked on",
        Status.IN_PROGRESS,
        r"\bbeing (?:progressed|actively|looked at|developed|undertaken|done|"
        r"worked|reviewed|delivered)\b",
        "Links with Local CCGs being progressed",
    ),
    _rule(
        "awaiting",
        Status.IN_PROGRESS,
        r"\bawaiting\b|\bstill await(?:ing|ed)\b|\bin draft\b|\bdue to be\b",
        "awaiting final report to be submitted to CSC",
    ),
    _rule(
        "making progress",
        Status.IN_PROGRESS,
        r"\b(?:good|steady|slow) progress\b|\bprogress which is\b|\bcontinu(?:ed|es|ing)\b",
        "The latest report for this shows good progress",
    ),
    _rule(
        "below target",
        Status.IN_PROGRESS,
        r"\bbelow target\b|\bnot (?:yet )?(?:met|achieved)\b",
        "Performance below target",
    ),
    _rule(
        "completed",
        Status.COMPLETED,
        r"\b(?:completed?|finali[sz]ed|achieved)\b",
        "This report has been completed and finalised",
    ),
    _rule(
        "report went to a board",
        Status.COMPLETED,
        r"\b(?:presented|submitted|taken|brought|reported) to\b|\bhas been received\b|"
        r"\bis received by\b|\b(?:report|paper|plan|strategy|statement)\b[^.]{0,40}\b"
        r"(?:provided|produced|agreed|approved|published|updated|refreshed)\b",
        "Report presented to H&WBB on 13.11.14",
    ),
    _rule(
        "in place",
        Status.COMPLETED,
        r"\b(?:now |is |are )?in place\b|\bimplemented\b|\blaunched\b|\btook place\b|"
        r"\bestablished\b|\bevaluated\b|\baccredited\b|\bopened\b",
        "MASH implemented. Officially launched Sep 14",
    ),
    _rule(
        "agreed or approved",
        Status.COMPLETED,
        r"\b(?:agreed|approved|produced|provided)\b",
        "Comms plan agreed for campaigns",
    ),
]

# Which status wins when phrases for several appear in one comment.
PRECEDENCE = [
    Status.WITHDRAWN,
    Status.DEFERRED,
    Status.CARRIED_FORWARD,
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.COMPLETED,
]
DECISIVE = {Status.WITHDRAWN, Status.DEFERRED, Status.CARRIED_FORWARD}


@dataclass(frozen=True)
class Inference:
    status: str  # "" when not known
    rule: str
    basis: str  # the words that decided it
    certain: bool
    explanation: str


def infer_status(comment: str) -> Inference:
    """The status a comment signals, the words that decided it, and how sure that is."""
    found = [(rule, words) for rule in RULES if (words := rule.find(comment or ""))]
    if not found:
        return Inference("", "", "", False, "No rule matched: the status is not known.")
    found.sort(key=lambda item: PRECEDENCE.index(item[0].status))
    rule, words = found[0]
    others = [(r, w) for r, w in found if r.status != rule.status]
    if not others or rule.status in DECISIVE:
        return Inference(rule.status, rule.name, words, True, f"“{words}” ({rule.name}).")
    disagreeing = "; ".join(f"“{w}” suggests {Status(r.status).label.lower()}" for r, w in others)
    return Inference(
        rule.status,
        rule.name,
        words,
        False,
        f"“{words}” suggests {Status(rule.status).label.lower()}, but {disagreeing}.",
    )
