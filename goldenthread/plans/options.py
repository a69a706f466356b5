"""The delivery plan a command's ``--partnership`` and ``--year`` name."""

from __future__ import annotations

from django.core.management.base import CommandError

from goldenthread.web.options import financial_year, partnership_from

from .models import DeliveryPlan


def delivery_plan_from(options: dict) -> DeliveryPlan:
    partnership = partnership_from(options["partnership"])
    year = financial_year(options["year"])
    delivery_plan = DeliveryPlan.objects.for_year(partnership, year)
    if delivery_plan is None:
        raise CommandError(f"{partnership.name} has no delivery plan for {year}.")
    return delivery_plan
