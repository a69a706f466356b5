"""The demo's next year: 2014/15 rolled over into a 2015/16 draft."""

from __future__ import annotations

from goldenthread.demo.calendar import AS_AT, PLAN_YEAR
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.rollover import Rollover, roll_over


def demo_rollover(partnership: Partnership) -> Rollover | None:
    """Roll the demo's 2014/15 into a 2015/16 draft, left for the manager to review,
    as at the demo's day.

    Safe to call again: actions already carried are skipped, and once 2015/16 has been
    published nothing more is done.
    """
    from_year = PLAN_YEAR
    published = DeliveryPlan.objects.of(partnership).filter(year_start=from_year.next().start)
    if published.exists():
        return None
    return roll_over(partnership, from_year, from_year.next(), on=AS_AT)
