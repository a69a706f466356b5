"""The plan quality check's page and its JSON download: thin over ``rules``."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from goldenthread.accounts.permissions import can_manage
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.access import partnership_view
from goldenthread.plans.models import DeliveryPlan, Partnership
from goldenthread.plans.views import page_context

from .findings import Severity, grouped
from .rules import check_plan, delivery_plan_to_check


def _delivery_plan(request: HttpRequest, partnership: Partnership, year: str) -> DeliveryPlan:
    """The year's delivery plan; a draft only for those who manage the partnership."""
    try:
        delivery_plan = delivery_plan_to_check(partnership, FinancialYear.parse(year))
    except ValueError:
        raise Http404("Not a financial year") from None
    if delivery_plan is None or (
        delivery_plan.is_draft and not can_manage(request.user, partnership)
    ):
        raise Http404("No delivery plan for that year")
    return delivery_plan


@partnership_view()
def check(request: HttpRequest, partnership: Partnership, year: str) -> HttpResponse:
    delivery_plan = _delivery_plan(request, partnership, year)
    findings = check_plan(delivery_plan)
    errors = sum(1 for finding in findings if finding.severity == Severity.ERROR)
    return render(request, "checks/check.html", page_context(
        request, partnership, delivery_plan, "check",
        findings=findings, groups=grouped(findings), errors=errors,
        warnings=len(findings) - errors,
        json_url=reverse("checks:check_json", args=[partnership.slug, year]),
    ))  # fmt: skip


@partnership_view()
def check_json(request: HttpRequest, partnership: Partnership, year: str) -> HttpResponse:
    delivery_plan = _delivery_plan(request, partnership, year)
    findings = [finding.as_dict() for finding in check_plan(delivery_plan)]
    response = JsonResponse(findings, safe=False, json_dumps_params={"indent": 2})
    name = f"{partnership.slug}-plan-check-{delivery_plan.year.slug}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
