"""The notice on every page of the demo partnership: demonstration data, and its day."""

from __future__ import annotations

from django.http import HttpRequest

from goldenthread.demo.calendar import AS_AT
from goldenthread.demo.models import NAME, SLUG, DemoPartnership


def demo_notice(request: HttpRequest) -> dict:
    """``demo_as_at`` on a demo partnership's pages; nothing elsewhere.

    Only a partnership with the demo's slug and name is looked up, so no other
    partnership's page pays a query; and the mark load_demo leaves decides, so a real
    partnership that happens to be named so is not called a demonstration.
    """
    current = getattr(request, "partnership", None)
    if current is None or (current.slug, current.name) != (SLUG, NAME):
        return {}
    if not DemoPartnership.objects.filter(partnership_id=current.pk).exists():
        return {}
    return {"demo_as_at": AS_AT}
