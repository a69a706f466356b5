"""A year's delivery plan on the web, for its managers: add, renumber and withdraw its
actions, and roll the year over into the next (a draft; into the next plan after a
plan's last year), placing what has no objective to go under. Thin views: the rules are
in ``drafts.py``, ``authoring.py`` and ``rollover.py``."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from goldenthread.audit.context import Source
from goldenthread.lib.periods import FinancialYear
from goldenthread.lib.wording import counted
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.access import partnership_view

from . import authoring, drafts, rollover
from .authoring_forms import PlacementForm, WithdrawForm
from .authoring_views import Refusal, form_page
from .forms import DraftActionForm, RenumberForm
from .models import Action
from .pages import delivery_plan_or_404


@partnership_view(role=Role.MANAGER)
def add_action(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    if delivery_plan.is_draft:
        return redirect("plans:draft_add", partnership.slug, year)
    form = DraftActionForm(request.POST or None, draft=delivery_plan)
    if request.method == "POST" and form.is_valid():
        try:
            action = drafts.add_action(delivery_plan, by=request.user, **form.cleaned_data)
        except drafts.DraftError as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, f"Action {action.code} has been added to the {year} plan.")
            return redirect(action.get_absolute_url())
    return render(
        request,
        "plans/authoring/add_action.html",
        {"delivery_plan": delivery_plan, "nav": "tree", "form": form},
    )


@partnership_view(role=Role.MANAGER)
def renumber_actions(
    request: HttpRequest, partnership: Partnership, year: FinancialYear
) -> HttpResponse:
    delivery_plan = delivery_plan_or_404(partnership, year, request.user)
    if delivery_plan.is_draft:
        return redirect("plans:draft_renumber", partnership.slug, year)
    actions = (
        Action.objects.for_delivery_plan(delivery_plan).select_related("objective").in_plan_order()
    )
    form = RenumberForm(request.POST or None, draft=delivery_plan, actions=actions)
    if request.method == "POST" and form.is_valid():
        try:
            count = drafts.renumber_actions(delivery_plan, form.codes, by=request.user)
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{counted(count, 'action')} renumbered.")
            return redirect("plans:tree", partnership.slug, year)
    return render(
        request,
        "plans/authoring/renumber_actions.html",
        {"delivery_plan": delivery_plan, "nav": "tree", "form": form},
    )


@partnership_view(role=Role.MANAGER)
def withdraw_action(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related("delivery_plan__plan"),
        pk=pk,
        delivery_plan__plan__partnership=partnership,
    )
    if action.delivery_plan.is_draft:
        return redirect("plans:draft_drop", partnership.slug, action.delivery_plan.year, pk)
    form = WithdrawForm(request.POST or None, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            authoring.withdraw_action(
                action,
                reason=form.cleaned_data["reason"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Action {action.code} is withdrawn.")
            return redirect(action.get_absolute_url())
    return form_page(
        request,
        form,
        heading=f"Withdraw action {action.code}?",
        intro=[
            action.text,
            (
                "It stays in the plan and its reports, with its history, as withdrawn; "
                "the rollover leaves it behind."
            ),
        ],
        button=f"Withdraw action {action.code}",
        warning=True,
        back=(action.get_absolute_url(), f"Back to action {action.code}"),
    )


@partnership_view(role=Role.MANAGER)
def roll_over(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    """``year`` is the year that ends; it rolls into the year after."""
    source = delivery_plan_or_404(partnership, year, request.user)
    to_year = year.next()
    context = {"delivery_plan": source, "to_year": to_year, "nav": "tree"}
    try:
        preview = rollover.roll_over(source.plan, year, to_year, dry_run=True)
    except rollover.RolloverError as error:
        context |= {"refusal": str(error), "no_next_plan": isinstance(error, rollover.NoNextPlan)}
        return render(request, "plans/authoring/rollover.html", context)
    # Bound on any POST: with nothing to place, the form has no fields and an empty POST.
    form = PlacementForm(
        request.POST if request.method == "POST" else None,
        entries=preview.with_fate(rollover.Fate.PLACE),
        plan=preview.plan,
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = rollover.roll_over(
                source.plan,
                year,
                to_year,
                by=request.user,
                via=Source.WEB,
                placements=form.placements,
            )
        except rollover.RolloverError as error:
            form.add_error(None, str(error))
        else:
            waiting = done.with_fate(rollover.Fate.PLACE)
            messages.success(
                request,
                f"{counted(len(done.moving), 'action')} moved to the {to_year} draft"
                + (f"; {counted(len(waiting), 'action')} still to place." if waiting else "."),
            )
            if waiting:
                return redirect("plans:rollover", partnership.slug, year)
            return redirect("plans:draft", partnership.slug, to_year)
    headings = {"from_year": year, "to_year": to_year}
    groups = [
        (rollover.HEADINGS[fate].format(**headings), preview.with_fate(fate))
        for fate in rollover.Fate
        if fate != rollover.Fate.PLACE and preview.with_fate(fate)
    ]
    context |= {"preview": preview, "groups": groups, "form": form}
    return render(request, "plans/authoring/rollover.html", context)
