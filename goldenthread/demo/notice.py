"""The notice on every page of the demo partnership: demonstration data, and its day.

Given to the page as ``phase_banner`` (a tag and a sentence), which the base template
shows in GOV.UK's phase banner: the web layer knows nothing of the demo.
"""

from __future__ import annotations

from django.http import HttpRequest

from goldenthread.demo.calendar import AS_AT, PLAN_YEAR
from goldenthread.demo.models import NAME, SLUG, DemoPartnership


def demo_notice(request: HttpRequest) -> dict:
    """The banner for a demo partnership's pages; nothing elsewhere.

    Only a partnership with the demo's slug and name is looked up, so no other
    partnership's page pays a query; and the mark load_demo leaves decides, so a real
    partnership that happens to be named so is not called a demonstration.
    """
    current = getattr(request, "partnership", None)
    if current is None or (current.slug, current.name) != (SLUG, NAME):
        return {}
    if not DemoPartnership.objects.filter(partnership_id=current.pk).exists():
        return {}
    return {"phase_banner": {"tag": "Demonstration", "text": notice_text()}}


def notice_text() -> str:
    day = f"{AS_AT:%-d %B %Y}"
    return (
        f"Demonstration data: shown as at {day}, just after the end of the plan's "
        f"{PLAN_YEAR} year. Its rounds, meetings and updates keep their dates in {PLAN_YEAR} "
        f"and {PLAN_YEAR.next()}; goldenthread counts from today, so deadlines and meetings "
        f"after {day} show as passed."
    )
