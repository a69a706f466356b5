"""Counts of a year's actions by status: "76 actions formed the delivery programme",
"Of these actions 55 were completed", "5 required further work", "12 are in progress".

Checked against the one summary of the year that every report and command uses
(``plans.summary.delivery_summary``), so the fact check and the tables agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from goldenthread.lib.wording import counted
from goldenthread.plans.models import Status

from .findings import Finding
from .sentences import Sentence

_ACTION = re.compile(r"\bactions?\b", re.IGNORECASE)
_COUNT = r"(?<![\w.,%£/])(?P<n>\d{1,4})(?![\w.,%/]\d|\s*%|\s*per\b)"
# The words after a count that say what became of the actions, to a key of the summary
# ("actions" is the year's total).
_STATUS_WORDS: list[tuple[str, str]] = [
    (
        "actions",
        (
            r"(?:\w+\s+){0,2}(?:formed|made up|were (?:set|agreed|planned|included) in"
            r"|in (?:the|this year's) (?:delivery )?(?:plan|programme))"
        ),
    ),
    (
        Status.CARRIED_FORWARD.value,
        (
            r"(?:\w+\s+){0,3}(?:required|need(?:ed|s)?|requiring)\s+"
            r"further work|(?:\w+\s+){0,3}(?:carried|rolled|brought)\s+(?:forward|over)"
            r"|(?:\w+\s+){0,4}included in (?:the|next year's) (?:\d{4}/\d{1,4} )?plan"
        ),
    ),
    (
        Status.COMPLETED.value,
        (
            r"(?:\w+\s+){0,2}(?:were|was|have been|had been|are|is)?\s*"
            r"(?:completed|complete|achieved|delivered|met)\b"
        ),
    ),
    (
        Status.IN_PROGRESS.value,
        (
            r"(?:\w+\s+){0,2}(?:are|were|is|was|remain)?\s*"
            r"(?:in progress|ongoing|on track|underway|under way)\b"
        ),
    ),
    (
        Status.NOT_STARTED.value,
        (
            r"(?:\w+\s+){0,2}(?:have|had|were)?\s*not (?:yet )?"
            r"(?:started|begun)\b"
        ),
    ),
    (Status.DEFERRED.value, r"(?:\w+\s+){0,2}(?:were|was|have been)?\s*deferred\b"),
    (Status.WITHDRAWN.value, r"(?:\w+\s+){0,2}(?:were|was|have been)?\s*withdrawn\b"),
]
# "41 of the 82 actions were completed" claims both counts.
_OF_ALL = r"(?:\s+(?:out\s+)?of\s+(?:the\s+|our\s+|these\s+|its\s+|all\s+)?(?P<all>\d{1,4}))?"
_CLAIMS = [
    (key, re.compile(rf"{_COUNT}{_OF_ALL}\s+(?:actions?\s+)?(?:{words})", re.IGNORECASE))
    for key, words in _STATUS_WORDS
]
_TOTAL = re.compile(
    rf"(?:\btotal of|\bof (?:the|our|these|its|all)|\ball(?: of the)?|\bthere (?:were|are))"
    rf"\s+{_COUNT}\s+actions\b"
    rf"|{_COUNT.replace('?P<n>', '?P<m>')}\s+actions\s+in\s+(?:total|all)\b",
    re.IGNORECASE,
)
_LABELS = {"actions": "in the delivery plan", **{s.value: s.label.lower() for s in Status}}


@dataclass(frozen=True)
class ActionCount:
    key: str  # "actions" or a status
    count: int
    written: str


def action_counts(sentence: Sentence) -> list[ActionCount]:
    """The counts of actions the sentence claims: only in a sentence about actions (it,
    or the one before it in its paragraph, says "action")."""
    about_actions = _ACTION.search(sentence.text) or (
        sentence.context and _ACTION.search(sentence.context[0])
    )
    if not about_actions:
        return []
    claims: dict[int, ActionCount] = {}
    for key, pattern in _CLAIMS:
        for found in pattern.finditer(sentence.text):
            if found.start() in claims:
                continue
            claims[found.start()] = ActionCount(key, int(found.group("n")), found.group(0))
            if found.group("all") and key != "actions":
                claims[found.start("all")] = ActionCount("actions", int(found.group("all")), "")
    for found in _TOTAL.finditer(sentence.text):
        if not any(c.key == "actions" for c in claims.values()):
            count = int(found.group("n") or found.group("m"))
            claims[found.start()] = ActionCount("actions", count, found.group(0))
    return [claims[at] for at in sorted(claims)]


def action_findings(sentence: Sentence, summary: dict[str, Any]) -> list[Finding]:
    """A finding for each count the summary of the year does not bear out."""
    findings = []
    for claim in action_counts(sentence):
        found = summary["actions"] if claim.key == "actions" else summary["by_status"][claim.key]
        if claim.count == found:
            continue
        label = _LABELS[claim.key]
        of_all = "" if claim.key == "actions" else f" of {summary['actions']}"
        not_known = len(summary["not_known"])
        unknown = f" ({not_known} with no known status)" if not_known else ""
        findings.append(
            Finding(
                line=sentence.line,
                text=sentence.text,
                claim=f"{counted(claim.count, 'action')} {label} (“{claim.written}”)",
                data=f"the delivery plan {summary['year']}'s tables show "
                f"{counted(found, 'action')} {label}{of_all}{unknown}",
                suggestion=_suggestion(claim, found),
            )
        )
    return findings


def _suggestion(claim: ActionCount, found: int) -> str:
    if not claim.written:
        return f"{found} actions"
    return re.sub(rf"\b{claim.count}\b", str(found), claim.written, count=1)
