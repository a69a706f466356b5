"""What the quality check reports: the rules a reviewer applies, and each finding."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    # Must be put right before the plan goes for approval.
    ERROR = "error"
    # Worth a reviewer's question; the plan may still go forward.
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    advice: str


RULES = [
    Rule(
        "milestone-without-number-or-date",
        "Milestones without a number or a date",
        Severity.ERROR,
        "Give each milestone the figure to reach and the date to reach it by.",
    ),
    Rule(
        "objective-without-indicator",
        "Objectives with no indicator",
        Severity.WARNING,
        "Link an indicator that shows whether the objective is being met.",
    ),
    Rule(
        "objective-without-milestone",
        "Objectives with no milestone",
        Severity.WARNING,
        "Add key milestones, with figures and dates, for the years of the plan.",
    ),
    Rule(
        "action-without-measure",
        "Actions with no measure",
        Severity.ERROR,
        "Say what will show the action is done (a report, a figure, a service in place).",
    ),
    Rule(
        "action-without-lead",
        "Actions with no lead",
        Severity.ERROR,
        "Name the person or organisation who leads the action.",
    ),
    Rule(
        "target-without-baseline",
        "Targets with no baseline",
        Severity.WARNING,
        "Record the value the target starts from, or import the indicator's earlier data.",
    ),
    Rule(
        "target-met-at-baseline",
        "Targets already met at the baseline",
        Severity.ERROR,
        "Set a target better than the value the plan starts from, or correct the baseline.",
    ),
    Rule(
        "target-wrong-way",
        "Targets that point the wrong way",
        Severity.ERROR,
        "Ask for better than the baseline: higher or lower, as the indicator's polarity says.",
    ),
    Rule(
        "targets-disagree",
        "Targets that disagree",
        Severity.ERROR,
        "Keep one target for each date, each at least as demanding as the one before it.",
    ),
    Rule(
        "milestone-before-plan",
        "Milestones due before the plan starts",
        Severity.WARNING,
        "Correct the date, or move the milestone to where we are now: it is history.",
    ),
    Rule(
        "document-control",
        "Document control that contradicts itself or is incomplete",
        Severity.ERROR,
        "Make the version, approval, review date and equality impact assessment true.",
    ),
    Rule(
        "empty-section",
        "Sections with no text",
        Severity.ERROR,
        "Write the section, or take its heading out.",
    ),
    Rule(
        "stub-section",
        "Sections that only promise content",
        Severity.ERROR,
        "Write what the words promise, or take them out.",
    ),
    Rule(
        "drafting-note",
        "Drafting notes left in the text",
        Severity.ERROR,
        "Deal with the note and take it out before the plan is approved.",
    ),
    Rule(
        "duplicated-action",
        "Actions written twice",
        Severity.ERROR,
        "Keep one of them, or say how they differ.",
    ),
    Rule(
        "duplicated-milestone",
        "Milestones written twice",
        Severity.ERROR,
        "Keep one of them, or say how they differ.",
    ),
    Rule(
        "aim-without-actions",
        "Aims with no actions this year",
        Severity.WARNING,
        "Add the year's actions for the aim, or say why there are none.",
    ),
    Rule(
        "no-plan-document",
        "Plan document not imported",
        Severity.WARNING,
        "Import the plan document so its milestones and text can be checked.",
    ),
]
RULES_BY_CODE = {rule.code: rule for rule in RULES}


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer would send back, and where it is.

    ``where`` is readable ("Objective 5.1, commitment “Improve housing…”"), ``url`` a
    page to open it on where there is one, ``line`` the line of the source document
    where it was imported from, when known.
    """

    rule: str
    where: str
    words: str
    why: str
    url: str = ""
    line: int | None = None

    @property
    def severity(self) -> Severity:
        return RULES_BY_CODE[self.rule].severity

    @property
    def title(self) -> str:
        return RULES_BY_CODE[self.rule].title

    @property
    def location(self) -> str:
        return f"{self.where}, line {self.line}" if self.line else self.where

    def as_dict(self) -> dict:
        return {**asdict(self), "severity": str(self.severity), "title": self.title}


def grouped(findings: list[Finding]) -> list[tuple[Rule, list[Finding]]]:
    """Findings by rule in the rules' order, every rule included (clean ones empty)."""
    by_rule: dict[str, list[Finding]] = {rule.code: [] for rule in RULES}
    for finding in findings:
        by_rule[finding.rule].append(finding)
    return [(rule, by_rule[rule.code]) for rule in RULES]
