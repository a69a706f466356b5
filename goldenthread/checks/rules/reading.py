"""Reading the plan for the rules: one query each, however large the plan."""

from __future__ import annotations

from django.db.models import QuerySet

from goldenthread.plans.models import Action, DeliveryPlan, Objective
from goldenthread.strategy.models import Commitment, Milestone, PlanDocument


def actions(delivery_plan: DeliveryPlan) -> list[Action]:
    return list(
        Action.objects.filter(delivery_plan=delivery_plan)
        .select_related("objective__aim")
        .in_plan_order()
    )


def objectives(delivery_plan: DeliveryPlan) -> QuerySet[Objective]:
    return (
        Objective.objects.filter(aim__plan=delivery_plan.plan)
        .select_related("aim")
        .order_by("aim__number", "sort_key")
    )


def milestones(delivery_plan: DeliveryPlan) -> list[Milestone]:
    return list(
        Milestone.objects.filter(objective__aim__plan=delivery_plan.plan)
        .select_related("objective__aim__plan__partnership", "commitment")
        .order_by("objective__sort_key", "line", "pk")
    )


def commitments(document: PlanDocument) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(objective__aim__plan=document.plan)
        .select_related("objective")
        .order_by("objective__sort_key", "order")
    )
