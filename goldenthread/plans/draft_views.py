"""The draft delivery plan a rollover made: the manager reviews it (adds, drops and
renumbers actions), then publishes it. Rules live in ``drafts.py`` and ``rollover.py``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goldenthread.audit.versions import EditConflict
from goldenthread.lib.periods import FinancialYear
from goldenthread.lib.wording import counted
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.access import partnership_view

from . import drafts, rollover
from .forms import DraftActionForm, DropForm, RenumberForm
from .models import Action, DeliveryPlan
from .pages import delivery_plan_or_404


def _draft_for(partnership: Partnership, year: FinancialYear, user) -> DeliveryPlan:
    draft = delivery_plan_or_404(partnership, year, user)
    if not draft.is_draft:
        raise Http404("That delivery plan is published, not a draft")
    return draft


def _draft_actions(draft: DeliveryPlan):
    return (
        Action.objects.for_delivery_plan(draft)
        .select_related("objective", "carried_from__delivery_plan")
        .with_leads()
        .in_plan_order()
    )


@partnership_view(role=Role.MANAGER)
def draft(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    draft = _draft_for(partnership, year, request.user)
    actions = list(_draft_actions(draft))
    account = rollover.draft_account(draft, actions)
    return render(
        request,
        "plans/draft.html",
        {
            "delivery_plan": draft,
            "nav": "draft",
            "actions": [(a, rollover.origin_of(a), rollover.review_note(a)) for a in actions],
            "account": account,
            "carried_count": account.actions - account.by_origin[rollover.Origin.ADDED],
        },
    )


@partnership_view(role=Role.MANAGER)
def draft_add(request: HttpRequest, partnership: Partnership, year: FinancialYear) -> HttpResponse:
    draft = _draft_for(partnership, year, request.user)
    form = DraftActionForm(request.POST or None, draft=draft)
    if request.method == "POST" and form.is_valid():
        try:
            action = drafts.add_to_draft(draft, by=request.user, **form.cleaned_data)
        except drafts.DraftError as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, f"Action {action.code} has been added to the draft.")
            return redirect("plans:draft", partnership.slug, year)
    return render(
        request, "plans/draft_add.html", {"delivery_plan": draft, "nav": "draft", "form": form}
    )


@partnership_view(role=Role.MANAGER)
def draft_renumber(
    request: HttpRequest, partnership: Partnership, year: FinancialYear
) -> HttpResponse:
    draft = _draft_for(partnership, year, request.user)
    form = RenumberForm(request.POST or None, draft=draft, actions=_draft_actions(draft))
    if request.method == "POST" and form.is_valid():
        try:
            count = drafts.renumber(draft, form.codes, by=request.user)
        except (EditConflict, drafts.DraftError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{counted(count, 'action')} renumbered.")
            return redirect("plans:draft", partnership.slug, year)
    return render(
        request, "plans/draft_renumber.html", {"delivery_plan": draft, "nav": "draft", "form": form}
    )


@partnership_view(role=Role.MANAGER)
def draft_drop(
    request: HttpRequest, partnership: Partnership, year: FinancialYear, pk: int
) -> HttpResponse:
    draft = _draft_for(partnership, year, request.user)
    action = get_object_or_404(_draft_actions(draft), pk=pk)
    form = DropForm(request.POST or None, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            drafts.drop_from_draft(
                action, by=request.user, expected_version=form.cleaned_data["version"]
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"Action {action.code} has been dropped from the draft.")
            return redirect("plans:draft", partnership.slug, year)
    return render(
        request,
        "plans/draft_drop.html",
        {"delivery_plan": draft, "nav": "draft", "action": action, "form": form},
    )


@require_POST
@partnership_view(role=Role.MANAGER)
def draft_publish(
    request: HttpRequest, partnership: Partnership, year: FinancialYear
) -> HttpResponse:
    draft = _draft_for(partnership, year, request.user)
    drafts.publish(draft)
    messages.success(request, f"The {draft.year} delivery plan is published: everyone can read it.")
    return redirect(reverse("plans:overview", args=[partnership.slug]) + f"?year={year.slug}")
