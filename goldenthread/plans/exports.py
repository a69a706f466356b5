"""The delivery plan as a spreadsheet: one row per action, in plan order, in the shape of
the delivery-plan tracker (``tracker.py``), so that it imports back unchanged; then
goldenthread's own columns (overdue, confidence, how the status was set)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

from . import tracker
from .models import OVERDUE_LABEL, Action, DeliveryPlan

COLUMNS = [*tracker.COLUMNS, *tracker.EXPORT_COLUMNS]
HEADERS = [column.header for column in COLUMNS]


def action_rows(delivery_plan: DeliveryPlan, today: dt.date | None = None) -> Iterator[list]:
    """Each action's row; "Overdue" as of ``today`` (``Action.is_overdue``)."""
    today = today or timezone.localdate()
    actions = (
        Action.objects.for_delivery_plan(delivery_plan)
        .select_related("objective__aim", "delivery_plan")
        .with_leads()
        .in_plan_order()
    )
    for action in actions:
        aim, objective = action.objective.aim, action.objective
        yield [
            f"{aim.number} {aim.title}",
            f"{objective.code} {objective.title}",
            action.code,
            action.text,
            action.measure,
            # Who leads it by the one rule, with their organisation: the words an import
            # links back to the same person and organisation.
            action.lead_in_full if action.names_a_lead else "",
            action.due_date,
            action.status_label,
            action.latest_commentary,
            action.lead_organisation.name if action.lead_organisation else "",
            action.falls_due,
            OVERDUE_LABEL if action.is_overdue(today) else "",
            action.confidence_label if action.confidence else "",
            action.get_status_source_display(),
            action.status_basis,
            action.latest_update_on,
        ]


def as_csv(delivery_plan: DeliveryPlan) -> str:
    return tracker.as_csv(action_rows(delivery_plan), COLUMNS)


def as_xlsx(delivery_plan: DeliveryPlan) -> bytes:
    return tracker.as_xlsx(
        action_rows(delivery_plan),
        title=f"Delivery plan {delivery_plan.year.slug}",
        columns=COLUMNS,
    )


def filename(delivery_plan: DeliveryPlan, extension: str) -> str:
    slug = delivery_plan.plan.partnership.slug
    return f"{slug}-delivery-plan-{delivery_plan.year.slug}.{extension}"
