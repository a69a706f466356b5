"""Narrative checked against the data.

The interface the report's publishing step and the ``fact_check`` command share. Each
sentence is read for the claims of each kind (``actions``, ``values``, ``points``), and
each one the data does not bear out is a finding.
"""

from __future__ import annotations

from goldenthread.indicators.models import Unit
from goldenthread.indicators.names import ValueKind
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.summary import delivery_summary

from .actions import action_findings
from .data import IndicatorData
from .findings import Finding
from .points import points_findings
from .sentences import Passage, plain_passages, sentences
from .values import value_findings


def check_text(
    text: str, *, partnership: Partnership, year: FinancialYear | None = None
) -> list[Finding]:
    """Every numeric claim in ``text`` that the partnership's data for ``year`` does not
    bear out (the latest year when none is given), in the order they appear. ``text``
    may be Markdown; lines are counted from 1."""
    return check_passages(plain_passages(text, markdown=True), partnership=partnership, year=year)


def check_passages(
    passages: list[Passage], *, partnership: Partnership, year: FinancialYear | None = None
) -> list[Finding]:
    """As ``check_text``, for passages already read (a Word document's paragraphs)."""
    delivery_plan = _delivery_plan(partnership, year)
    summary = delivery_summary(delivery_plan) if delivery_plan else None
    as_of = year or (delivery_plan.year if delivery_plan else None)
    data = IndicatorData.load(partnership, as_of.last_day if as_of else None)
    findings: list[Finding] = []
    for sentence in sentences(passages):
        if summary is not None:
            findings += action_findings(sentence, summary)
        # Only the sentence's own words: under a heading naming a percentage, "referrals
        # rose by 12%" may well be a count's relative change.
        about = data.named_by(sentence.text, ValueKind.NONE)
        percentage = about is not None and about.unit == Unit.PERCENTAGE
        findings += points_findings(sentence, about_percentage=percentage)
        findings += value_findings(sentence, data)
    return findings


def _delivery_plan(partnership: Partnership, year: FinancialYear | None) -> DeliveryPlan | None:
    if year is not None:
        return DeliveryPlan.objects.for_year(partnership, year)
    return DeliveryPlan.objects.of(partnership).select_related("plan__partnership").first()
