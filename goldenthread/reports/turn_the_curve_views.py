"""Turn the Curve for one indicator and delivery year: the page, and Word and PDF.

Read as the year's delivery plan is read (``delivery_plan_or_404``: drafts only for
those who manage the partnership, plans only for those who may read them)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from goldenthread.indicators.models import Indicator
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.pages import delivery_plan_or_404
from goldenthread.web.access import partnership_view

from .render import FORMATS
from .render import render as render_file
from .turn_the_curve import TurnTheCurveContext, turn_the_curve

# The formats it is written in: the page itself, and the documents to take to a meeting.
DOCUMENTS = ("docx", "pdf")


def _report(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, code: str
) -> TurnTheCurveContext:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    return turn_the_curve(delivery_plan, get_object_or_404(Indicator, code=code))


@partnership_view()
def turn_the_curve_page(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, code: str
) -> HttpResponse:
    report = _report(request, partnership, year, code)
    downloads = [
        (
            FORMATS[fmt].label,
            reverse("reports:turn_the_curve_file", args=[partnership.slug, year, code, fmt]),
        )
        for fmt in DOCUMENTS
    ]
    return render(
        request,
        "reports/turn_the_curve.html",
        {"nav": "scorecard", "report": report, "downloads": downloads},
    )


@partnership_view()
def turn_the_curve_file(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, code: str, fmt: str
) -> HttpResponse:
    rendered = render_file(_report(request, partnership, year, code), fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    name = f"{partnership.slug}-turn-the-curve-{code}-{year.slug}.{rendered.extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
