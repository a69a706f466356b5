"""The golden thread, read from the database in a fixed number of queries: higher plans'
priorities → the aims serving them → objectives → commitments and milestones → this
year's actions and the indicators that measure them; and back up from an objective to
the priorities it serves."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Action, Aim, DeliveryPlan, Objective, Plan

from .models import Commitment, HigherPlan, Milestone, PlanDocument, Priority


@dataclass
class ObjectiveThread:
    objective: Objective
    commitments: list[Commitment]
    actions: list[Action]
    indicators: list

    @property
    def milestones(self) -> list[Milestone]:
        return [m for commitment in self.commitments for m in commitment.milestones.all()]


@dataclass
class AimThread:
    aim: Aim
    serves: list[Priority]
    objectives: list[ObjectiveThread] = field(default_factory=list)


@dataclass
class Thread:
    plan: Plan | None
    higher_plans: list[HigherPlan]
    aims: list[AimThread]
    delivery_plan: DeliveryPlan | None


def document_plan(partnership: Partnership, user=None) -> Plan | None:
    """The plan whose document is shown: the latest with one, else the latest plan;
    for a ``user``, only among the plans they may read."""
    plans = partnership.plans.all() if user is None else partnership.plans.visible_to(user)
    documented = PlanDocument.objects.filter(plan__in=plans)
    plan_id = documented.order_by("-plan__start_year").values_list("plan", flat=True).first()
    return plans.filter(pk=plan_id).first() if plan_id else plans.first()


def plan_tree(plan: Plan) -> list[Aim]:
    """Aims → objectives → commitments → milestones (with indicator and target)."""
    milestones = Milestone.objects.select_related("indicator", "target").order_by("order")
    commitments = Commitment.objects.order_by("order").prefetch_related(
        Prefetch("milestones", queryset=milestones)
    )
    objectives = Objective.objects.order_by("sort_key").prefetch_related(
        Prefetch("commitments", queryset=commitments)
    )
    return list(plan.aims.prefetch_related(Prefetch("objectives", queryset=objectives)))


def golden_thread(partnership: Partnership, user=None) -> Thread:
    plan = document_plan(partnership, user)
    higher_plans = list(
        partnership.higher_plans.prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.prefetch_related("aims"))
        )
    )
    if plan is None:
        return Thread(None, higher_plans, [], None)
    delivery_plan = DeliveryPlan.objects.current(partnership, user)
    actions_by_objective: dict[int, list[Action]] = {}
    if delivery_plan is not None and delivery_plan.plan_id == plan.pk:
        actions = (
            Action.objects.for_delivery_plan(delivery_plan)
            .prefetch_related("indicators")
            .order_by("sort_key")
        )
        for action in actions:
            actions_by_objective.setdefault(action.objective_id, []).append(action)
    serving: dict[int, list[Priority]] = {}
    for higher_plan in higher_plans:
        for priority in higher_plan.priorities.all():
            for aim in priority.aims.all():
                serving.setdefault(aim.pk, []).append(priority)
    aims = plan_tree(plan)
    indicators = _indicators_by_objective([o for a in aims for o in a.objectives.all()])
    return Thread(
        plan,
        higher_plans,
        [
            AimThread(
                aim,
                serving.get(aim.pk, []),
                [
                    ObjectiveThread(
                        objective,
                        list(objective.commitments.all()),
                        actions_by_objective.get(objective.pk, []),
                        indicators.get(objective.pk, []),
                    )
                    for objective in aim.objectives.all()
                ],
            )
            for aim in aims
        ],
        delivery_plan,
    )


def _indicators_by_objective(objectives: list[Objective]) -> dict[int, list]:
    through = Objective.indicators.through
    rows = through.objects.filter(objective__in=objectives).select_related("indicator")
    found: dict[int, list] = {}
    for row in rows.order_by("indicator__code"):
        found.setdefault(row.objective_id, []).append(row.indicator)
    return found


def priorities_served(objective: Objective) -> list[Priority]:
    """The higher plans' priorities an objective serves, through its aim."""
    return list(
        Priority.objects.filter(aims=objective.aim_id)
        .select_related("higher_plan")
        .order_by("higher_plan__title", "number")
    )
