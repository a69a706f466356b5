"""The plan quality check: what a reviewer would send back before a plan is approved.

Each rule reads one delivery plan (and the plan, its partnership's targets and the plan
document above it) as stored and returns findings; ``check_plan`` runs them all. The
rules live by subject: ``actions``, ``objectives``, ``targets``, ``milestones`` and
``document``. Every rule runs a fixed number of queries, however large the plan, so the
check and its page stay quick.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import DeliveryPlan
from goldenthread.strategy.models import PlanDocument

from ..findings import Finding
from . import reading
from .actions import (
    actions_without_lead,
    actions_without_measure,
    drafting_notes_in_actions,
    duplicated_actions,
)
from .document import (
    document_control,
    drafting_notes_in_document,
    empty_sections,
    no_document,
    sections,
    stub_sections,
)
from .milestones import duplicated_milestones, milestones_before_the_plan, unfinished_milestones
from .objectives import (
    aims_without_actions,
    drafting_notes_in_objectives,
    objectives_without_indicator,
    objectives_without_milestone,
)
from .targets import (
    area_values,
    baselines,
    partnership_targets,
    targets_met_at_baseline,
    targets_pointing_the_wrong_way,
    targets_that_disagree,
    targets_without_baseline,
)

__all__ = ["check_plan", "delivery_plan_to_check"]


def check_plan(delivery_plan: DeliveryPlan, today: dt.date | None = None) -> list[Finding]:
    """Every finding on a delivery plan and the plan it belongs to, rule by rule.
    ``today`` (by default the local date) is the day a review date has passed by."""
    actions = reading.actions(delivery_plan)
    targets = partnership_targets(delivery_plan)
    values = area_values(delivery_plan, targets)
    starting = baselines(delivery_plan, targets, values)
    document = (
        PlanDocument.objects.filter(plan=delivery_plan.plan)
        .select_related("plan__partnership")
        .first()
    )
    findings = [
        *actions_without_measure(actions, delivery_plan),
        *actions_without_lead(actions, delivery_plan),
        *duplicated_actions(actions, delivery_plan),
        *aims_without_actions(delivery_plan),
        *objectives_without_indicator(delivery_plan),
        *targets_without_baseline(delivery_plan, targets, values),
        *targets_met_at_baseline(delivery_plan, targets, starting),
        *targets_pointing_the_wrong_way(delivery_plan, targets, starting),
        *targets_that_disagree(delivery_plan, targets),
        *drafting_notes_in_actions(actions, delivery_plan),
        *drafting_notes_in_objectives(delivery_plan),
    ]
    if document is None:
        findings.append(no_document(delivery_plan))
        return findings
    milestones = reading.milestones(delivery_plan)
    parts = sections(document)
    return [
        *findings,
        *objectives_without_milestone(delivery_plan),
        *unfinished_milestones(milestones),
        *duplicated_milestones(milestones),
        *milestones_before_the_plan(milestones, delivery_plan.plan),
        *document_control(document, parts, today or timezone.localdate()),
        *empty_sections(document, parts),
        *stub_sections(document, parts),
        *drafting_notes_in_document(document, parts, milestones),
    ]


def delivery_plan_to_check(
    partnership: Partnership, year: FinancialYear | None = None
) -> DeliveryPlan | None:
    """The partnership's delivery plan for a year, or its latest, drafts included: a
    draft is exactly what is checked before it is approved and published."""
    plans = DeliveryPlan.objects.filter(plan__partnership=partnership).select_related(
        "plan__partnership__area"
    )
    if year is not None:
        plans = plans.filter(year_start=year.start)
    return plans.order_by("-year_start").first()
