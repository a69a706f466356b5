"""The delivery plan as a spreadsheet: one row per action, in plan order."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

from django.utils import timezone

from .models import OVERDUE_LABEL, Action, DeliveryPlan

COLUMNS = [
    ("Aim", 6),
    ("Aim title", 30),
    ("Objective", 10),
    ("Objective title", 40),
    ("Action code", 10),
    ("Action", 60),
    ("Measure", 30),
    ("Lead", 20),
    ("Lead organisation", 24),
    ("Due date", 12),
    ("Falls due", 12),
    ("Overdue", 10),
    ("Status", 16),
    ("Confidence", 12),
    ("Status source", 12),
    ("Inferred from", 30),
    ("Latest commentary", 60),
    ("Last update", 12),
]
HEADERS = [name for name, _ in COLUMNS]


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
        aim = action.objective.aim
        yield [
            aim.number,
            aim.title,
            action.objective.code,
            action.objective.title,
            action.code,
            action.text,
            action.measure,
            action.lead_name,
            action.lead_organisation.name if action.lead_organisation else "",
            action.due_date,
            action.falls_due,
            OVERDUE_LABEL if action.is_overdue(today) else "",
            action.status_label,
            action.confidence_label if action.confidence else "",
            action.get_status_source_display(),
            action.status_basis,
            action.latest_commentary,
            action.latest_update_on,
        ]


def as_csv(delivery_plan: DeliveryPlan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for row in action_rows(delivery_plan):
        writer.writerow(
            "" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row
        )
    return buffer.getvalue()


def as_xlsx(delivery_plan: DeliveryPlan) -> bytes:
    # Here rather than at the top: openpyxl is slow to load, and the plan's views that
    # import this module rarely write a workbook.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Delivery plan {delivery_plan.year.slug}"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in action_rows(delivery_plan):
        sheet.append(row)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        if HEADERS[index - 1] in ("Due date", "Falls due", "Last update"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(delivery_plan: DeliveryPlan, extension: str) -> str:
    slug = delivery_plan.plan.partnership.slug
    return f"{slug}-delivery-plan-{delivery_plan.year.slug}.{extension}"
