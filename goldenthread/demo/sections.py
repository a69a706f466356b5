"""The demo's annual report opens with a foreword its managers wrote: an authored
section (``reports.sections``), to show one in every format."""

from __future__ import annotations

from django.utils import timezone

from goldenthread.demo.calendar import PLAN_YEAR
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import DeliveryPlan
from goldenthread.reports.models import Place, ReportSection

FOREWORD = """This report sets out what the partners did in the year, what is still to
do, and how the indicators the partnership watches have moved.

**Thank you** to everyone who led an action this year, and to the children and young
people who told us what matters to them:

> We want adults to listen to us, and to tell us what happened next.

Our priorities stay the same:

- keeping children safe when they need protection
- help for families as early as it can make a difference
- young people leaving care, ready for adult life

*A foreword written for the demonstration: a partnership writes its own.*
"""


def load_demo_foreword(partnership: Partnership) -> ReportSection:
    """The foreword of the 2014/15 annual report, once."""
    delivery_plan = DeliveryPlan.objects.for_year(partnership, PLAN_YEAR)
    section, _ = ReportSection.objects.get_or_create(
        delivery_plan=delivery_plan,
        title="Foreword",
        defaults={"body": FOREWORD, "place": Place.START, "written_at": timezone.now()},
    )
    return section
