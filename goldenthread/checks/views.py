"""The plan quality check's page and its JSON download: thin over ``rules``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from goldenthread.caching.fragments import render_parts
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.pages import delivery_plan_or_404
from goldenthread.web.access import partnership_view

from .findings import Severity, grouped
from .rules import check_plan


@partnership_view()
def check(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    return render_parts(
        request, "checks/check.html", {"delivery_plan": delivery_plan, "nav": "check"},
        lambda: _check_parts(partnership, delivery_plan),
    )  # fmt: skip


def _check_parts(partnership: Partnership, delivery_plan: DeliveryPlan) -> dict:
    findings = check_plan(delivery_plan)
    errors = sum(1 for finding in findings if finding.severity == Severity.ERROR)
    return {
        "findings": findings,
        "groups": grouped(findings),
        "errors": errors,
        "warnings": len(findings) - errors,
        "json_url": reverse("checks:check_json", args=[partnership.slug, delivery_plan.year]),
    }


@partnership_view()
def check_json(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    findings = [finding.as_dict() for finding in check_plan(delivery_plan)]
    response = JsonResponse(findings, safe=False, json_dumps_params={"indent": 2})
    name = f"{partnership.slug}-plan-check-{delivery_plan.year.slug}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
