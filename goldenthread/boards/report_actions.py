"""Which actions are done by a report going to a board: "Receive a report on X".

Plans word these many ways ("Receive a report on…", "Receive report on…", "Prepare
report on…", "Report from the LAC Manager…", "Report to H&WBB", "(HWBB Report)", "… presented to the LSCB"). The rule
is deliberately about the action's own text, not its progress comment: it decides what
the forward plan should expect to see on an agenda, before anything has happened.
"""

from __future__ import annotations

import re

# Each pattern, with the name shown to people when asked why an action was picked.
REPORT_ACTION_PATTERNS: dict[str, re.Pattern[str]] = {
    # Boards receive papers of several names: "Receive Communications Plan from…".
    "receive a report": re.compile(
        r"\breceiv\w*\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?"
        r"(?:reports?|plan|paper|update|review|statement)\b",
        re.IGNORECASE,
    ),
    # "Report to H&WBB", "reporting to the board": but not "Report to include the data".
    "report to": re.compile(
        r"\breport(?:s|ed|ing)?\s+to\s+(?!include|cover|show|set|be\b)", re.IGNORECASE
    ),
    "presented to": re.compile(r"\bpresent(?:ed|s|ing)?\s+to\b", re.IGNORECASE),
    "prepare a report": re.compile(
        r"\b(?:prepare|produce|update|submit)\w*\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,2}?reports?\s+(?:on|to|from)\b",
        re.IGNORECASE,
    ),
    # An action that is itself the report: "Report from the LAC Manager setting out…".
    "report on": re.compile(r"^\s*(?:an?\s+)?(?:[\w-]+\s+)?report\s+(?:on|from)\b", re.IGNORECASE),
    "board report": re.compile(r"\b(?:H&WBB|HWBB|LSCB|O&S)\s+report\b", re.IGNORECASE),
}


def report_rule(text: str) -> str:
    """The name of the first pattern the action text matches, or "" if none does."""
    for name, pattern in REPORT_ACTION_PATTERNS.items():
        if pattern.search(text or ""):
            return name
    return ""


def is_report_action(text: str) -> bool:
    """Is this an action a report presented at a board meeting completes?"""
    return bool(report_rule(text))
