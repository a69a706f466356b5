"""Setting up a partnership and its plan, before any report is imported."""

from __future__ import annotations

from django.db import transaction

from goldenthread.areas.models import Area
from goldenthread.partnerships.models import Partnership, Visibility

from .models import Plan


@transaction.atomic
def set_up_partnership(
    *,
    name: str,
    slug: str,
    area_code: str,
    area_name: str,
    plan_title: str,
    plan_start_year: int,
    plan_end_year: int,
    visibility: str = Visibility.PARTNERS,
) -> tuple[Partnership, Plan]:
    """Create the partnership, its area and its plan, or find them if they exist.

    Safe to run again: existing records are found by the area's ONS code, the
    partnership's slug and the plan's title, and left as they are.
    """
    if plan_end_year < plan_start_year:
        raise ValueError(f"The plan ends ({plan_end_year}) before it starts ({plan_start_year}).")
    Area(code=area_code, name=area_name, kind=Area.Kind.LOCAL_AUTHORITY).full_clean(
        validate_unique=False
    )
    area, _ = Area.objects.get_or_create(
        code=area_code, defaults={"name": area_name, "kind": Area.Kind.LOCAL_AUTHORITY}
    )
    partnership, _ = Partnership.objects.get_or_create(
        slug=slug, defaults={"name": name, "area": area, "visibility": visibility}
    )
    plan, _ = Plan.objects.get_or_create(
        partnership=partnership,
        title=plan_title,
        defaults={
            "start_year": plan_start_year,
            "end_year": plan_end_year,
            "visibility": visibility,
        },
    )
    return partnership, plan
