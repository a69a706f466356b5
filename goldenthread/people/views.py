"""A partnership's organisations and people, kept by its managers; and action leads."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from goldenthread.accounts.models import Role
from goldenthread.plans.access import partnership_view
from goldenthread.plans.models import Action, Partnership
from goldenthread.plans.services import EditConflict
from goldenthread.plans.views import page_context

from .forms import ActionLeadForm, OrganisationForm, PersonForm
from .leads import set_lead


@partnership_view(role=Role.MANAGER)
def people(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    organisations = partnership.organisations.prefetch_related("people")
    persons = partnership.people.prefetch_related("organisations").select_related("user")
    return render(request, "people/people.html", page_context(
        request, partnership, partnership.latest_delivery_plan(request.user), "people",
        organisations=organisations, people=persons,
    ))  # fmt: skip


def _add(request: HttpRequest, partnership: Partnership, form_class, noun: str) -> HttpResponse:
    form = form_class(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        added = form.save()
        messages.success(request, f"{added} has been added.")
        return redirect("people:people", partnership.slug)
    return render(request, "people/add.html", page_context(
        request, partnership, None, "people", form=form, noun=noun,
    ))  # fmt: skip


@partnership_view(role=Role.MANAGER)
def add_person(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return _add(request, partnership, PersonForm, "person")


@partnership_view(role=Role.MANAGER)
def add_organisation(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return _add(request, partnership, OrganisationForm, "organisation")


@partnership_view(role=Role.MANAGER)
def action_lead(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.select_related("delivery_plan__plan"),
        pk=pk,
        delivery_plan__plan__partnership=partnership,
    )
    form = ActionLeadForm(
        request.POST or None,
        partnership=partnership,
        initial={"lead_person": action.lead_person_id,
                 "lead_organisation": action.lead_organisation_id, "version": action.version},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            set_lead(action, person=form.cleaned_data["lead_person"],
                     organisation=form.cleaned_data["lead_organisation"], by=request.user,
                     expected_version=form.cleaned_data["version"])  # fmt: skip
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"The lead of action {action.code} has been saved.")
            return redirect(action)
    return render(request, "people/action_lead.html", page_context(
        request, partnership, action.delivery_plan, "tree", action=action, form=form,
        people_url=reverse("people:people", args=[partnership.slug]),
    ))  # fmt: skip
