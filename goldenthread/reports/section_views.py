"""The annual report's authored sections, kept by the partnership's managers: the
report's outline to order them, a page to write each (with a preview), its images."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goldenthread.audit.versions import EditConflict
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.plans.pages import delivery_plan_or_404
from goldenthread.web.access import partnership_view

from .forms import SectionForm, SectionImageForm
from .models import PublishedImage, PublishedReport, ReportSection, SectionImage
from .sections import (
    AuthoredSection,
    add_image,
    add_section,
    change_section,
    delete_section,
    move,
    outline,
    picture_of,
    remove_image,
    report_aims,
)


@partnership_view(Role.MANAGER)
def sections(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    return render(
        request,
        "reports/sections.html",
        {
            "nav": "report",
            "delivery_plan": delivery_plan,
            "outline": outline(delivery_plan, report_aims(delivery_plan)),
        },
    )


@partnership_view(Role.MANAGER)
def new_section(
    request: HttpRequest, partnership: Partnership, year: FinancialYear
) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    form = SectionForm(request.POST or None, aims=report_aims(delivery_plan))
    if request.method == "POST" and form.is_valid() and "preview" not in request.POST:
        section = add_section(delivery_plan, **form.changes(), by=request.user)
        messages.success(request, f"The section “{section.title}” is added to the report.")
        return redirect("reports:edit_section", partnership.slug, section.pk)
    return _page(request, form, delivery_plan, None)


def _section(partnership: Partnership, pk: int) -> ReportSection:
    return get_object_or_404(
        ReportSection.objects.select_related("delivery_plan__plan", "aim"),
        delivery_plan__plan__partnership=partnership,
        pk=pk,
    )


@partnership_view(Role.MANAGER)
def edit_section(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    section = _section(partnership, pk)
    aims = report_aims(section.delivery_plan)
    form = SectionForm(request.POST or None, aims=aims, section=section)
    if request.method == "POST" and form.is_valid() and "preview" not in request.POST:
        try:
            change_section(
                section,
                fields=form.changes(),
                expected_version=form.cleaned_data["version"] or 0,
                by=request.user,
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"The section “{form.cleaned_data['title']}” is saved.")
            return redirect("reports:sections", partnership.slug, section.delivery_plan.year)
    return _page(request, form, section.delivery_plan, section)


def _page(request, form, delivery_plan, section, image_form=None, status=200) -> HttpResponse:
    preview = None
    if "preview" in request.POST and form.is_valid():
        preview = _preview(form, section)
    return render(
        request,
        "reports/section.html",
        {
            "nav": "report",
            "delivery_plan": delivery_plan,
            "form": form,
            "section": section,
            "images": section.images.all() if section else [],
            "image_form": image_form or SectionImageForm(),
            "preview": preview,
        },
        status=status,
    )


def _preview(form: SectionForm, section: ReportSection | None) -> AuthoredSection:
    """The section as the report would show it, not saved."""
    images = section.images.all() if section else []
    pictures = tuple(p for image in images if (p := picture_of(image)) is not None)
    return AuthoredSection(0, form.cleaned_data["title"], "", form.cleaned_data["body"], pictures)


@require_POST
@partnership_view(Role.MANAGER)
def upload_image(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    section = _section(partnership, pk)
    image_form = SectionImageForm(request.POST, request.FILES)
    if image_form.is_valid():
        try:
            image = add_image(
                section,
                image_form.cleaned_data["image"],
                alt_text=image_form.cleaned_data["alt_text"],
            )
        except ValidationError as error:
            image_form.add_error("image", error)
        else:
            messages.success(
                request, f"{image.name} is uploaded: show it with ![{image.alt_text}]({image.name})"
            )
            return redirect("reports:edit_section", partnership.slug, section.pk)
    form = SectionForm(aims=report_aims(section.delivery_plan), section=section)
    return _page(request, form, section.delivery_plan, section, image_form, status=400)


@require_POST
@partnership_view(Role.MANAGER)
def delete_image(
    request: HttpRequest, partnership: Partnership, pk: int, image_pk: int
) -> HttpResponse:
    section = _section(partnership, pk)
    image = get_object_or_404(SectionImage, section=section, pk=image_pk)
    remove_image(image)
    messages.success(
        request,
        f"{image.name} is removed from the section. Published reports keep their own copy.",
    )
    return redirect("reports:edit_section", partnership.slug, section.pk)


@partnership_view(Role.MANAGER)
def remove_section(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    section = _section(partnership, pk)
    if request.method == "POST":
        delete_section(section)
        messages.success(
            request,
            f"The section “{section.title}” is deleted. Published reports keep it as it was.",
        )
        return redirect("reports:sections", partnership.slug, section.delivery_plan.year)
    return render(
        request,
        "reports/delete_section.html",
        {"nav": "report", "section": section, "delivery_plan": section.delivery_plan},
    )


@require_POST
@partnership_view(Role.MANAGER)
def move_section(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    section = _section(partnership, pk)
    move(section, -1 if request.POST.get("direction") == "up" else 1)
    url = reverse("reports:sections", args=[partnership.slug, section.delivery_plan.year])
    return redirect(f"{url}#section-{section.pk}")


@partnership_view()
def published_image(
    request: HttpRequest, partnership: Partnership, pk: int, name: str
) -> FileResponse:
    """An image of a published report's section, as it was published."""
    report = get_object_or_404(
        PublishedReport.objects.visible_to(request.user), partnership=partnership, pk=pk
    )
    image = get_object_or_404(PublishedImage, report=report, name=name)
    kind = "image/png" if name.endswith(".png") else "image/jpeg"
    response = FileResponse(image.file.open("rb"), content_type=kind)
    response["X-Content-Type-Options"] = "nosniff"
    return response
