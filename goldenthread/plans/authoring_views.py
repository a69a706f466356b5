"""Managers shape the plan on the web: its aims and objectives, and the next plan. Thin
views: the rules are in ``authoring.py``, where changes reach the audit trail. A year's
actions and its rollover are ``year_views.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from goldenthread.audit.versions import EditConflict
from goldenthread.lib.periods import FinancialYear
from goldenthread.lib.wording import counted
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.access import partnership_view

from . import authoring, drafts
from .authoring_forms import (
    AimEditForm,
    AimForm,
    AimNumbersForm,
    NextPlanForm,
    ObjectiveEditForm,
    ObjectiveForm,
    VersionForm,
)
from .models import NO_LEAD_LABEL, Aim, Objective, Plan

# What a change to the plan may be refused with, its message shown in the error summary.
Refusal = (authoring.AuthoringError, drafts.DraftError, EditConflict)


def _structure_url(partnership: Partnership, plan: Plan | None = None) -> str:
    url = reverse("plans:structure", args=[partnership.slug])
    return f"{url}#plan-{plan.pk}" if plan else url


def form_page(request: HttpRequest, form, **context: Any) -> HttpResponse:
    """One page for the small forms: ``heading``, ``button``, ``back`` (url, words), and
    optionally ``intro`` and ``warning`` (a red button, for retiring or withdrawing)."""
    return render(
        request, "plans/authoring/form.html", {"form": form, "nav": "structure", **context}
    )


@partnership_view(role=Role.MANAGER)
def structure(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Every plan of the partnership with its aims and objectives, for a manager to shape."""
    objectives = (
        Objective.objects.annotate(action_count=Count("actions"))
        .select_related("lead")
        .order_by("sort_key")
    )
    aims = (
        Aim.objects.annotate(action_count=Count("objectives__actions"))
        .select_related("lead")
        .prefetch_related(Prefetch("objectives", queryset=objectives))
    )
    plans = partnership.plans.prefetch_related(Prefetch("aims", queryset=aims))
    return render(
        request,
        "plans/authoring/structure.html",
        {"plans": plans, "nav": "structure", "no_lead": NO_LEAD_LABEL},
    )


# Aims


def _plan(partnership: Partnership, pk: int) -> Plan:
    return get_object_or_404(Plan, pk=pk, partnership=partnership)


def _aim(partnership: Partnership, pk: int) -> Aim:
    return get_object_or_404(
        Aim.objects.select_related("plan"), pk=pk, plan__partnership=partnership
    )


@partnership_view(role=Role.MANAGER)
def add_aim(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    plan = _plan(partnership, pk)
    numbers = list(plan.aims.values_list("number", flat=True))
    form = AimForm(request.POST or None, initial={"number": max(numbers, default=0) + 1})
    if request.method == "POST" and form.is_valid():
        try:
            aim = authoring.add_aim(plan, **form.cleaned_data)
        except authoring.AuthoringError as error:
            form.add_error("number", str(error))
        else:
            messages.success(request, f"Aim {aim.number} has been added to {plan.title}.")
            return redirect(_structure_url(partnership, plan))
    return form_page(
        request,
        form,
        heading=f"Add an aim to {plan.title}",
        button="Add aim",
        back=(_structure_url(partnership, plan), "Back to the plan's aims and objectives"),
    )


@partnership_view(role=Role.MANAGER)
def edit_aim(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    aim = _aim(partnership, pk)
    initial = {"title": aim.title, "version": aim.version, "lead": aim.lead_id}
    form = AimEditForm(request.POST or None, initial=initial, aim=aim)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.edit_aim(
                aim,
                title=form.cleaned_data["title"],
                lead=form.cleaned_data["lead"],
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"Aim {aim.number} has been saved.")
            return redirect(_structure_url(partnership, aim.plan))
    return form_page(
        request,
        form,
        heading=f"Edit aim {aim.number}",
        button="Save aim",
        back=(_structure_url(partnership, aim.plan), "Back to the plan's aims and objectives"),
    )


@partnership_view(role=Role.MANAGER)
def renumber_aims(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    plan = _plan(partnership, pk)
    form = AimNumbersForm(request.POST or None, plan=plan, aims=list(plan.aims.all()))
    if request.method == "POST" and form.is_valid():
        try:
            count = authoring.renumber_aims(plan, form.numbers)
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{counted(count, 'aim')} renumbered.")
            return redirect(_structure_url(partnership, plan))
    return render(
        request,
        "plans/authoring/renumber_aims.html",
        {"plan": plan, "form": form, "nav": "structure"},
    )


@partnership_view(role=Role.MANAGER)
def retire_aim(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    aim = _aim(partnership, pk)
    return _retire(request, partnership, aim, f"aim {aim.number}")


def _retire(request: HttpRequest, partnership: Partnership, record, name: str) -> HttpResponse:
    """Retire an aim or objective, or bring a retired one back into use."""
    retiring = record.retired_on is None
    plan = record.plan if isinstance(record, Aim) else record.aim.plan
    form = VersionForm(request.POST or None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            authoring.set_retired(
                record, retired=retiring, expected_version=form.cleaned_data["version"]
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            done = "retired" if retiring else "back in use"
            messages.success(request, f"{name.capitalize()} is {done}.")
            return redirect(_structure_url(partnership, plan))
    intro = (
        f"{name.capitalize()} stays in the plan with its history, shown as retired, and "
        "its actions stay where they are. New delivery plans leave it off: the rollover "
        "lists its unfinished actions for you to place elsewhere."
        if retiring
        else f"{name.capitalize()} will take new actions again, and the rollover carries "
        "its actions as before."
    )
    return form_page(
        request,
        form,
        heading=f"{'Retire' if retiring else 'Bring back'} {name}?",
        intro=[str(record), intro],
        button=f"{'Retire' if retiring else 'Bring back'} {name}",
        warning=retiring,
        back=(_structure_url(partnership, plan), "Back to the plan's aims and objectives"),
    )


def _delete(request: HttpRequest, partnership: Partnership, record, name: str) -> HttpResponse:
    """Delete an aim or objective that has no actions (``authoring.delete_unused``)."""
    plan = record.plan if isinstance(record, Aim) else record.aim.plan
    form = VersionForm(request.POST or None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            authoring.delete_unused(record, expected_version=form.cleaned_data["version"])
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{name.capitalize()} has been deleted.")
            return redirect(_structure_url(partnership, plan))
    return form_page(
        request,
        form,
        heading=f"Delete {name}?",
        intro=[
            str(record),
            "No action is numbered under it, so it can be deleted; the audit trail keeps "
            "a record of it."
            + (" Its objectives are deleted with it." if isinstance(record, Aim) else ""),
        ],
        button=f"Delete {name}",
        warning=True,
        back=(_structure_url(partnership, plan), "Back to the plan's aims and objectives"),
    )


@partnership_view(role=Role.MANAGER)
def delete_aim(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    aim = _aim(partnership, pk)
    return _delete(request, partnership, aim, f"aim {aim.number}")


# Objectives


def _objective(partnership: Partnership, pk: int) -> Objective:
    return get_object_or_404(
        Objective.objects.select_related("aim__plan"), pk=pk, aim__plan__partnership=partnership
    )


@partnership_view(role=Role.MANAGER)
def add_objective(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    aim = _aim(partnership, pk)
    initial = {"code": f"{aim.number}.{aim.objectives.count() + 1}"}
    form = ObjectiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            objective = authoring.add_objective(aim, **form.cleaned_data)
        except authoring.AuthoringError as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, f"Objective {objective.code} has been added.")
            return redirect(_structure_url(partnership, aim.plan))
    return form_page(
        request,
        form,
        heading=f"Add an objective to aim {aim.number}",
        intro=[str(aim)],
        button="Add objective",
        back=(_structure_url(partnership, aim.plan), "Back to the plan's aims and objectives"),
    )


@partnership_view(role=Role.MANAGER)
def edit_objective(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    objective = _objective(partnership, pk)
    initial = {
        "aim": objective.aim_id,
        "code": objective.code,
        "title": objective.title,
        "version": objective.version,
        "lead": objective.lead_id,
    }
    form = ObjectiveEditForm(request.POST or None, initial=initial, objective=objective)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.edit_objective(
                objective,
                aim=form.cleaned_data["aim"],
                code=form.cleaned_data["code"],
                title=form.cleaned_data["title"],
                lead=form.cleaned_data["lead"],
                expected_version=form.cleaned_data["version"],
            )
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Objective {objective.code} has been saved.")
            return redirect(_structure_url(partnership, objective.aim.plan))
    return form_page(
        request,
        form,
        heading=f"Edit objective {objective.code}",
        button="Save objective",
        back=(
            _structure_url(partnership, objective.aim.plan),
            "Back to the plan's aims and objectives",
        ),
    )


@partnership_view(role=Role.MANAGER)
def retire_objective(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    objective = _objective(partnership, pk)
    return _retire(request, partnership, objective, f"objective {objective.code}")


@partnership_view(role=Role.MANAGER)
def delete_objective(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    objective = _objective(partnership, pk)
    return _delete(request, partnership, objective, f"objective {objective.code}")


# The next plan


@partnership_view(role=Role.MANAGER)
def next_plan(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    before = partnership.plans.order_by("-start_year").first()
    initial = {}
    if before is not None:
        first = before.last_year.next()
        span = before.end_year - before.start_year
        initial = {"first_year": first, "last_year": FinancialYear(first.start + span - 1)}
    form = NextPlanForm(request.POST or None, before=before, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = authoring.set_up_next_plan(partnership, **form.cleaned_data)
        except authoring.AuthoringError as error:
            form.add_error("first_year", str(error))
        else:
            messages.success(
                request,
                f"{plan.title} is set up, from {plan.first_year} to {plan.last_year}, with "
                f"{counted(plan.aims.count(), 'aim')}.",
            )
            return redirect(_structure_url(partnership, plan))
    return render(
        request,
        "plans/authoring/next_plan.html",
        {"form": form, "before": before, "nav": "structure"},
    )
