"""Reports in the app: the page, and the same report to download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render as render_page
from django.urls import reverse

from goldenthread.plans.access import partnership_view
from goldenthread.plans.models import Partnership
from goldenthread.plans.views import delivery_plan_for_slug, page_context

from .render import BUILDERS, render


@partnership_view()
def report_page(
    request: HttpRequest, partnership: Partnership, year: str, kind: str
) -> HttpResponse:
    delivery_plan = delivery_plan_for_slug(partnership, year)
    report = BUILDERS[kind](delivery_plan)
    url = reverse("reports:file", args=[partnership.slug, year, kind, "docx"])
    return render_page(request, f"reports/{kind}.html", page_context(
        request, partnership, delivery_plan, "report", report=report,
        docx_url=url, json_url=url.removesuffix("docx") + "json",
    ))  # fmt: skip


@partnership_view()
def report_file(
    request: HttpRequest, partnership: Partnership, year: str, kind: str, fmt: str
) -> HttpResponse:
    report = BUILDERS[kind](delivery_plan_for_slug(partnership, year))
    rendered = render(report, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    name = f"{partnership.slug}-{kind}-report-{year}.{rendered.extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
