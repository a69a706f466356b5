"""A manager adds, changes, retires and links indicators on the web. Thin: who may
define what is ``permissions.may_define``, the changes are ``indicator_edits.py``."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from goldenthread.audit.versions import EditConflict
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.access import partnership_view

from .indicator_edits import add_indicator, change_indicator, link_to_plan, retire_indicator
from .indicator_forms import IndicatorForm, LinkForm, RestoreForm, RetireForm
from .models import Indicator
from .permissions import may_define


@partnership_view(Role.MANAGER)
def add_indicator_page(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = add_indicator(
            partnership=partnership, fields=form.definition(), by=request.user
        )
        messages.success(request, f"{indicator.title} is added: now link it to the plan.")
        return redirect("indicators:link_indicator", partnership.slug, indicator.code)
    return render(request, "indicators/indicator_edit.html", {"nav": "scorecard", "form": form})


@partnership_view(Role.MANAGER)
def edit_indicator(request: HttpRequest, partnership: Partnership, code: str) -> HttpResponse:
    indicator = _definable(request, partnership, code)
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    if request.method == "POST" and form.is_valid():
        try:
            change_indicator(
                indicator,
                partnership=partnership,
                fields=form.definition(),
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"{form.cleaned_data['title']} is saved.")
            return redirect("indicators:indicator", partnership.slug, indicator.code)
    return render(
        request,
        "indicators/indicator_edit.html",
        {"nav": "scorecard", "form": form, "indicator": indicator},
    )


@partnership_view(Role.MANAGER)
def retire_indicator_page(
    request: HttpRequest, partnership: Partnership, code: str
) -> HttpResponse:
    """Retire an indicator from a date, or bring a retired one back into use."""
    indicator = _definable(request, partnership, code)
    form_class = RestoreForm if indicator.retired_on else RetireForm
    form = form_class(request.POST or None, initial={"version": indicator.version})
    if request.method == "POST" and form.is_valid():
        try:
            retire_indicator(
                indicator,
                partnership=partnership,
                on=form.cleaned_data.get("retired_on"),
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            done = "is retired" if form_class is RetireForm else "is back in use"
            messages.success(request, f"{indicator.title} {done}.")
            return redirect("indicators:indicator", partnership.slug, indicator.code)
    return render(
        request,
        "indicators/indicator_retire.html",
        {"nav": "scorecard", "form": form, "indicator": indicator},
    )


@partnership_view(Role.MANAGER)
def link_indicator(request: HttpRequest, partnership: Partnership, code: str) -> HttpResponse:
    """Link any indicator in use to the partnership's own objectives and actions."""
    indicator = get_object_or_404(Indicator, code=code)
    own = {
        "objectives": indicator.objectives.filter(aim__plan__partnership=partnership),
        "actions": indicator.actions.filter(delivery_plan__plan__partnership=partnership),
    }
    form = LinkForm(request.POST or None, partnership=partnership, initial=own)
    if request.method == "POST" and form.is_valid():
        try:
            link_to_plan(
                indicator,
                partnership=partnership,
                objectives=list(form.cleaned_data["objectives"]),
                actions=list(form.cleaned_data["actions"]),
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, f"The plan's links to {indicator.title} are saved.")
            return redirect("indicators:indicator", partnership.slug, indicator.code)
    chosen = _chosen(form, own)
    actions = form.fields["actions"].queryset.order_by("-delivery_plan__year_start", "sort_key")
    return render(
        request,
        "indicators/indicator_link.html",
        {
            "nav": "scorecard",
            "form": form,
            "indicator": indicator,
            "objectives": form.fields["objectives"].queryset,
            "years": [
                (year, list(group))
                for year, group in groupby(actions, key=lambda a: a.delivery_plan.year)
            ],
            "chosen": chosen,
        },
    )


def _definable(request: HttpRequest, partnership: Partnership, code: str) -> Indicator:
    indicator = get_object_or_404(Indicator, code=code)
    if why_not := may_define(request.user, indicator, partnership):
        raise PermissionDenied(why_not)
    return indicator


def _chosen(form: LinkForm, own: dict) -> dict[str, set[str]]:
    """The boxes to tick: as sent, or as linked now."""
    if form.is_bound:
        return {name: set(form.data.getlist(name)) for name in own}
    return {
        name: {str(pk) for pk in query.values_list("pk", flat=True)} for name, query in own.items()
    }
