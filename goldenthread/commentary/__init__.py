"""What people write beside the numbers (``docs/commentary.md``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goldenthread.plans.models import DeliveryPlan


def narrative_of(delivery_plan: DeliveryPlan) -> list[tuple[str, str]]:
    """Every part of the delivery year's commentary and summaries as (where, text), for
    the fact check before publishing (``reading.narrative_of``). Read here, not imported
    with the package, which Django loads before its models are ready."""
    from .reading import narrative_of as read

    return read(delivery_plan)
