"""A round on the demo that collects values, for the browser tests to visit."""

from __future__ import annotations

import datetime as dt

from goldenthread.indicators.models import Indicator, IndicatorOwner
from goldenthread.lib.periods import FinancialYear
from goldenthread.people.models import Person
from goldenthread.plans.models import DeliveryPlan
from goldenthread.rounds.models import UpdateRound
from goldenthread.rounds.services import open_round

# A percentage by financial year, and a count: the contributor "Sam Reid" owns both.
OWNED = ("care-leavers-eet", "apprenticeships-l2-l3")


def open_values_round() -> UpdateRound:
    """A round on the demo's 2014/15 plan that asks Sam Reid for two values."""
    sam = Person.objects.get(partnership__slug="thurrock", user__username="contributor")
    for indicator in Indicator.objects.filter(code__in=OWNED):
        IndicatorOwner.objects.get_or_create(
            partnership=sam.partnership, indicator=indicator, defaults={"person": sam}
        )
    delivery_plan = DeliveryPlan.objects.for_year(sam.partnership, FinancialYear(2014))
    return open_round(
        delivery_plan,
        title="2014/15 values",
        quarter="Q4 2014/15",
        deadline=dt.date(2015, 4, 30),
        collect_values=True,
        today=dt.date(2015, 4, 2),
    )
