"""What every app's pages share about the plan: the delivery plan a page is about, and
the plan's sections of the partnership's navigation."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.navigation import Section, add_section, page_section

from .models import DeliveryPlan


def delivery_plan_or_404(partnership: Partnership, year: FinancialYear, user) -> DeliveryPlan:
    """The delivery plan a URL's year names, if this user may read it; else 404.

    Drafts are found only for those who manage the partnership, and plans only for
    those who may read them (``DeliveryPlanQuerySet.visible_to``).
    """
    delivery_plan = DeliveryPlan.objects.for_year(partnership, year, user)
    if delivery_plan is None:
        raise Http404("No delivery plan for that year")
    return delivery_plan


def current_delivery_plan(request: HttpRequest) -> dict:
    """Context processor: the year a partnership page is about, unless the page says.

    Read only if the page uses it (the navigation does), so a page about another year,
    or about no year, costs nothing.
    """
    partnership = getattr(request, "partnership", None)
    if partnership is None:
        return {}
    return {
        "delivery_plan": SimpleLazyObject(
            lambda: DeliveryPlan.objects.current(partnership, request.user)
        )
    }


def _overview(partnership: Partnership, delivery_plan: DeliveryPlan):
    url = reverse("plans:overview", args=[partnership.slug])
    return "Overview", f"{url}?year={delivery_plan.year.slug}"


def _plan(partnership: Partnership, delivery_plan: DeliveryPlan):
    url = reverse("plans:tree", args=[partnership.slug, delivery_plan.year])
    return f"Plan {delivery_plan.year}", url


def _review(partnership: Partnership, delivery_plan: DeliveryPlan):
    return "Review statuses", reverse("plans:review", args=[partnership.slug, delivery_plan.year])


def add_sections() -> None:
    add_section(Section("overview", 10, _overview))
    add_section(Section("tree", 20, _plan))
    add_section(Section("review", 90, _review, role=Role.MANAGER))
    add_section(
        page_section("structure", 92, "Aims and objectives", "plans:structure", Role.MANAGER)
    )
