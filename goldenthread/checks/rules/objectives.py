"""Rules on the plan's aims and objectives."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from goldenthread.indicators.models import Indicator
from goldenthread.plans.models import Action, Aim, DeliveryPlan
from goldenthread.strategy.models import Milestone

from ..findings import Finding
from ..wording import unfinished_wording
from .places import objective_where, tree_url
from .reading import objectives


def aims_without_actions(delivery_plan: DeliveryPlan) -> list[Finding]:
    """An aim the year's delivery plan does nothing for."""
    this_year = Action.objects.filter(delivery_plan=delivery_plan, objective__aim=OuterRef("pk"))
    aims = Aim.objects.filter(plan=delivery_plan.plan).exclude(Exists(this_year))
    return [
        Finding(
            "aim-without-actions",
            f"Aim {aim.number}: {aim.title}",
            aim.title,
            f"The delivery plan for {delivery_plan.year} has no action under this aim.",
        )
        for aim in aims
    ]


def objectives_without_indicator(delivery_plan: DeliveryPlan) -> list[Finding]:
    """An objective nothing measures: no indicator of its own, none on its actions."""
    own = Indicator.objects.filter(objectives=OuterRef("pk"))
    through_actions = Indicator.objects.filter(
        actions__objective=OuterRef("pk"), actions__delivery_plan=delivery_plan
    )
    unmeasured = objectives(delivery_plan).exclude(Exists(own)).exclude(Exists(through_actions))
    return [
        Finding(
            "objective-without-indicator",
            objective_where(objective),
            objective.title,
            "No indicator is linked to the objective or to any of its actions this year.",
            url=tree_url(delivery_plan, objective.aim.number),
        )
        for objective in unmeasured
    ]


def objectives_without_milestone(delivery_plan: DeliveryPlan) -> list[Finding]:
    """An objective whose table in the plan gives no key milestone."""
    milestones = Milestone.objects.filter(objective=OuterRef("pk"))
    without = objectives(delivery_plan).exclude(Exists(milestones))
    return [
        Finding(
            "objective-without-milestone",
            objective_where(objective),
            objective.title,
            "The plan gives no key milestone for this objective.",
            url=tree_url(delivery_plan, objective.aim.number),
        )
        for objective in without
    ]


def drafting_notes_in_objectives(delivery_plan: DeliveryPlan) -> list[Finding]:
    return [
        Finding(
            "drafting-note",
            objective_where(objective),
            spotted.words,
            f"In the objective: {spotted.kind}. {spotted.advice}",
            url=tree_url(delivery_plan, objective.aim.number),
        )
        for objective in objectives(delivery_plan)
        for spotted in unfinished_wording(objective.title, names=True)
    ]
