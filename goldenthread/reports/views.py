"""Reports in the app: the page, and the same report to download."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as render_page
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from goldenthread.caching.fragments import remembered
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.logo import logo_of
from goldenthread.partnerships.models import Partnership, Role, Visibility
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.pages import delivery_plan_or_404
from goldenthread.web.access import partnership_view

from .archive import publish
from .forms import LogoForm
from .models import PublishedFile, PublishedReport
from .narrative import check_narrative, fingerprint
from .render import FORMATS, KINDS, render


@partnership_view()
def report_page(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, kind: str
) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    # Lazily: a page whose parts all come from the cache never builds the report.
    report = SimpleLazyObject(
        lambda: remembered(request, f"report:{kind}", lambda: KINDS[kind].build(delivery_plan))
    )
    args = [partnership.slug, year]
    downloads = [
        (f.label, reverse("reports:file", args=[*args, kind, fmt])) for fmt, f in FORMATS.items()
    ]
    others = [
        (k.label, reverse("reports:report", args=[*args, name]))
        for name, k in KINDS.items()
        if name != kind
    ]
    return render_page(
        request,
        f"reports/{kind}.html",
        {
            "delivery_plan": delivery_plan,
            "nav": "report",
            "report": report,
            "downloads": downloads,
            "other_reports": others,
            "kind": kind,
            "archive_url": reverse("reports:archive", args=[partnership.slug]),
            "visibilities": Visibility.choices,
        },
    )


@partnership_view()
def report_file(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, kind: str, fmt: str
) -> HttpResponse:
    report = KINDS[kind].build(delivery_plan_or_404(partnership, year, request.user))
    rendered = render(report, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    name = f"{partnership.slug}-{kind}-report-{year.slug}.{rendered.extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@partnership_view(Role.MANAGER)
def publish_report(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, kind: str
) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    visibility = request.POST.get("visibility") or delivery_plan.plan.visibility
    if visibility not in Visibility.values:
        return HttpResponseBadRequest(
            "Choose who may read the report: private, partners or public."
        )
    checked = kind == "annual"  # the kind with narrative
    findings = check_narrative(delivery_plan) if checked else []
    if findings and request.POST.get("confirmed") != fingerprint(findings):
        return render_page(
            request,
            "reports/confirm_publish.html",
            {
                "delivery_plan": delivery_plan,
                "nav": "report",
                "kind": kind,
                "findings": findings,
                "fingerprint": fingerprint(findings),
                "visibility": visibility,
            },
        )
    published = publish(
        delivery_plan,
        kind,
        by=request.user,
        visibility=visibility,
        findings=[finding.as_dict() for finding in findings] if checked else None,
    )
    messages.success(
        request, f"Published {published}. Later changes to the data will not alter it."
    )
    return redirect(published)


@partnership_view()
def archive(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    published = (
        PublishedReport.objects.visible_to(request.user)
        .filter(partnership=partnership)
        .select_related("delivery_plan", "published_by")
        .prefetch_related("files")
    )
    delivery_plan = DeliveryPlan.objects.current(partnership, request.user)
    return render_page(
        request,
        "reports/archive.html",
        {"delivery_plan": delivery_plan, "nav": "report", "published": published},
    )


@partnership_view()
def published_report(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    published = get_object_or_404(
        PublishedReport.objects.visible_to(request.user).select_related(
            "delivery_plan", "published_by"
        ),
        partnership=partnership,
        pk=pk,
    )
    versions = (
        PublishedReport.objects.visible_to(request.user)
        .filter(delivery_plan=published.delivery_plan, kind=published.kind)
        .select_related("published_by")
    )
    return render_page(
        request,
        "reports/published.html",
        {
            "delivery_plan": published.delivery_plan,
            "nav": "report",
            "published": published,
            "files": published.files.all(),
            "versions": versions,
            "labels": FORMATS,
        },
    )


@partnership_view()
def published_file(
    request: HttpRequest, partnership: Partnership, pk: int, fmt: str
) -> FileResponse:
    report = get_object_or_404(
        PublishedReport.objects.visible_to(request.user), partnership=partnership, pk=pk
    )
    stored = get_object_or_404(PublishedFile, report=report, format=fmt)
    name = stored.file.name.rsplit("/", 1)[-1]
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=FORMATS[fmt].content_type,
    )


@partnership_view(Role.MANAGER)
def logo(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = LogoForm(request.POST or None, request.FILES or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The logo is saved: it heads every report from now on.")
        return redirect("reports:logo", partnership.slug)
    return render_page(request, "reports/logo.html", {"nav": "report", "form": form})


@partnership_view()
def logo_image(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """The logo, served from storage by the app: uploads are never served as pages."""
    image = logo_of(partnership)
    if image is None:
        raise Http404("This partnership has no logo.")
    kind = "image/png" if image.startswith(b"\x89PNG") else "image/jpeg"
    response = HttpResponse(image, content_type=kind)
    response["X-Content-Type-Options"] = "nosniff"
    return response
