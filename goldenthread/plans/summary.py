"""A delivery year in figures, and where the annual report's own claim disagrees with them.

The same summary feeds ``goldenthread summary`` and the partnership overview page, so
the numbers a board member reads on screen and the numbers an officer prints agree.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from goldenthread.lib.wording import counted

from .models import Action, AnnualReport, DeliveryPlan, Status


def claim_of(delivery_plan: DeliveryPlan) -> dict[str, int | None] | None:
    report = AnnualReport.objects.filter(delivery_plan=delivery_plan).first()
    if report is None:
        return None
    return {
        "actions": report.claimed_actions,
        "completed": report.claimed_completed,
        "carried_forward": report.claimed_carried_forward,
    }


def discrepancies(
    claimed: dict[str, int | None] | None, actions: int, by_status: dict[str, int], not_known: int
) -> list[str]:
    """One sentence for each figure the report states that its own tables do not bear out."""
    if not claimed:
        return []
    sentences = []
    if claimed["actions"] is not None and claimed["actions"] != actions:
        sentences.append(
            f"The report says {counted(claimed['actions'], 'action')} formed the delivery "
            f"programme; its tables list {actions}."
        )
    unknown = (
        f" ({counted(not_known, 'more action has', 'more actions have')} no known status)"
        if not_known
        else ""
    )
    for key, label in (("completed", "completed"), ("carried_forward", "carried forward")):
        said = claimed[key]
        found = by_status[key]
        if said is not None and said != found:
            sentences.append(
                f"The report says {counted(said, 'action was', 'actions were')} "
                f"{label}; the statuses of its actions show {found}{unknown}."
            )
    return sentences


def delivery_summary(delivery_plan: DeliveryPlan) -> dict[str, Any]:
    """The year's actions by status; each action's status, lead and due date; the claim and
    its disagreements."""
    actions = Action.objects.for_delivery_plan(delivery_plan)
    counts = actions.status_counts()
    not_known = counts.pop("not_known")
    in_order = list(actions.in_plan_order().with_leads())
    statuses = {action.code: (action.status or None) for action in in_order}
    claimed = claim_of(delivery_plan)
    return {
        "partnership": delivery_plan.plan.partnership.slug,
        "year": str(delivery_plan.year),
        "actions": len(statuses),
        "by_status": counts,
        "not_known": [code for code, status in statuses.items() if status is None],
        "statuses": statuses,
        # Who leads each action by the one rule (the person, else the organisation, else
        # the plan's words), and the day it is due where one is given.
        "leads": {a.code: (a.lead_name if a.names_a_lead else None) for a in in_order},
        "due": {a.code: (a.due_date.isoformat() if a.due_date else None) for a in in_order},
        "claimed": claimed,
        "discrepancies": discrepancies(claimed, len(statuses), counts, not_known),
    }


def status_table(delivery_plan: DeliveryPlan) -> list[dict[str, Any]]:
    """Per aim, the count of actions in each status, with a total row last."""
    keys = [*Status.values, "not_known"]
    rows = {
        aim.number: {"aim": aim, "counts": dict.fromkeys(keys, 0)}
        for aim in delivery_plan.plan.aims.all()
    }
    total = dict.fromkeys(keys, 0)
    grouped = (
        Action.objects.for_delivery_plan(delivery_plan)
        .order_by()
        .values_list("objective__aim__number", "status")
        .annotate(n=Count("id"))
    )
    for number, status, n in grouped:
        rows[number]["counts"][status or "not_known"] += n
        total[status or "not_known"] += n
    table = [row for row in rows.values() if any(row["counts"].values())]
    table.append({"aim": None, "counts": total})
    for row in table:
        row["total"] = sum(row["counts"].values())
    return table
