"""Reports in the app: the page, and the same report to download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render as render_page
from django.urls import reverse

from goldenthread.plans.access import partnership_view
from goldenthread.plans.models import Partnership
from goldenthread.plans.views import delivery_plan_for_slug, page_context

from .annual import annual_report
from .render import render


@partnership_view()
def annual_page(request: HttpRequest, partnership: Partnership, year: str) -> HttpResponse:
    delivery_plan = delivery_plan_for_slug(partnership, year)
    report = annual_report(delivery_plan)
    url = reverse("reports:annual_file", args=[partnership.slug, year, "docx"])
    return render_page(request, "reports/annual.html", page_context(
        request, partnership, delivery_plan, "report", report=report,
        docx_url=url, json_url=url.removesuffix("docx") + "json",
    ))  # fmt: skip


@partnership_view()
def annual_file(
    request: HttpRequest, partnership: Partnership, year: str, fmt: str
) -> HttpResponse:
    report = annual_report(delivery_plan_for_slug(partnership, year))
    rendered = render(report, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    name = f"{partnership.slug}-annual-report-{year}.{rendered.extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
