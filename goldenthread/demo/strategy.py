"""The demo's plan document: Thurrock's Children and Young People's Plan 2013–2016."""

from __future__ import annotations

from pathlib import Path

from goldenthread.partnerships.models import Partnership
from goldenthread.strategy.importer import PlanImportResult, import_plan

PLAN_DOCUMENT = Path(__file__).parent / "data" / "thurrock-cypp-2013-16-plan.txt"


def load_plan_document(partnership: Partnership) -> PlanImportResult:
    """Import the plan document into the partnership's plan. Run after the annual
    report, so the plan's aims and objectives link to the report's; safe to run again."""
    return import_plan(PLAN_DOCUMENT, partnership=partnership)
