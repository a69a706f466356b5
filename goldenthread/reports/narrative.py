"""The annual report's narrative, checked against the data before it is published.

Everything people wrote for the report is gathered in one place (``narrative_to_check``)
and read by the fact check (``factcheck.check.check_text``); what it finds is shown to
the manager who publishes, who is asked to confirm, and kept with the published report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass

from goldenthread.commentary import narrative_of
from goldenthread.factcheck.check import check_text
from goldenthread.plans.models import DeliveryPlan

from .models import ReportSection
from .sections import in_report_order, report_aims


def sections_narrative(delivery_plan: DeliveryPlan) -> list[tuple[str, str]]:
    """(where, text) for each of the report's authored sections, in the report's order:
    their Markdown, so that a finding's line is the line the manager wrote."""
    numbers = [aim.number for aim in report_aims(delivery_plan)]
    sections = in_report_order(list(ReportSection.objects.of_report(delivery_plan)), numbers)
    return [(f"The section “{section.title}”", section.body) for section in sections]


# Every source of the annual report's narrative, each (delivery plan) -> [(where, text)].
NARRATIVE_SOURCES: tuple[Callable[[DeliveryPlan], list[tuple[str, str]]], ...] = (
    sections_narrative,
    narrative_of,
)


def narrative_to_check(delivery_plan: DeliveryPlan) -> list[tuple[str, str]]:
    """(where, text) for each piece of narrative the year's annual report holds."""
    return [text for source in NARRATIVE_SOURCES for text in source(delivery_plan)]


@dataclass(frozen=True)
class NarrativeFinding:
    """A finding of the fact check, with where in the report's narrative it is."""

    where: str
    line: int
    text: str
    claim: str
    data: str
    suggestion: str

    def as_dict(self) -> dict:
        return asdict(self)


def check_narrative(delivery_plan: DeliveryPlan) -> list[NarrativeFinding]:
    """Every claim in the report's narrative that the data does not bear out."""
    partnership = delivery_plan.plan.partnership
    found = []
    for where, text in narrative_to_check(delivery_plan):
        for finding in check_text(text, partnership=partnership, year=delivery_plan.year):
            found.append(NarrativeFinding(where=where, **finding.as_dict()))
    return found


def fingerprint(findings: list[NarrativeFinding]) -> str:
    """What a manager confirmed, in short: if the findings change before they publish
    (someone edits a section meanwhile), they are asked again."""
    text = json.dumps([f.as_dict() for f in findings], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()
