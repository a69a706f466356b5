"""A partnership's organisations and people, kept by its managers; and action leads."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from goldenthread.audit.versions import EditConflict
from goldenthread.partnerships.models import Membership, Partnership, Role
from goldenthread.web.access import partnership_view

from .edits import change_organisation, change_person, retire
from .forms import (
    EditOrganisationForm,
    EditPersonForm,
    MemberForm,
    OrganisationForm,
    PersonForm,
    RetireForm,
    RoleForm,
    Versioned,
)
from .members import LastAdministrator, add_member, change_role, remove_member
from .models import Organisation, Person


@partnership_view(role=Role.MANAGER)
def people(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    organisations = partnership.organisations.prefetch_related("people")
    persons = partnership.people.prefetch_related("organisations").select_related("user")
    return render(
        request,
        "people/people.html",
        {"nav": "people", "organisations": organisations, "people": persons},
    )


def _add(request: HttpRequest, partnership: Partnership, form_class, noun: str) -> HttpResponse:
    form = form_class(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        added = form.save()
        messages.success(request, f"{added} has been added.")
        return redirect("people:people", partnership.slug)
    return render(
        request,
        "people/add.html",
        {"nav": "people", "form": form, "noun": noun},
    )


@partnership_view(role=Role.MANAGER)
def add_person(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return _add(request, partnership, PersonForm, "person")


@partnership_view(role=Role.MANAGER)
def add_organisation(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return _add(request, partnership, OrganisationForm, "organisation")


@partnership_view(role=Role.MANAGER)
def edit_person(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, partnership=partnership, pk=pk)
    form = EditPersonForm(request.POST or None, instance=person, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            change_person(
                person,
                fields=form.changes(),
                organisations=list(form.cleaned_data["organisations"]),
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"{form.cleaned_data['name']}'s details are saved.")
            return redirect("people:people", partnership.slug)
    return _edit_page(request, form, Person.objects.get(pk=pk), "person")


@partnership_view(role=Role.MANAGER)
def edit_organisation(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, partnership=partnership, pk=pk)
    form = EditOrganisationForm(
        request.POST or None, instance=organisation, partnership=partnership
    )
    if request.method == "POST" and form.is_valid():
        try:
            change_organisation(
                organisation, fields=form.changes(), expected_version=form.cleaned_data["version"]
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"{form.cleaned_data['name']} is saved.")
            return redirect("people:people", partnership.slug)
    return _edit_page(request, form, Organisation.objects.get(pk=pk), "organisation")


def _edit_page(request: HttpRequest, form, record: models.Model, noun: str) -> HttpResponse:
    return render(
        request, "people/edit.html", {"nav": "people", "form": form, "record": record, "noun": noun}
    )


@partnership_view(role=Role.MANAGER)
def retire_person(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    return _retire(request, get_object_or_404(Person, partnership=partnership, pk=pk), "person")


@partnership_view(role=Role.MANAGER)
def retire_organisation(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, partnership=partnership, pk=pk)
    return _retire(request, organisation, "organisation")


def _retire(request: HttpRequest, record: Person | Organisation, noun: str) -> HttpResponse:
    """Retire a person or organisation from a date, or bring a retired one back."""
    form_class = Versioned if record.retired_on else RetireForm
    form = form_class(request.POST or None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data.get("retired_on")
        try:
            retire(record, on=on, expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"{record} is {'retired' if on else 'back'}.")
            return redirect("people:people", record.partnership.slug)
    return render(
        request,
        "people/retire.html",
        {"nav": "people", "form": form, "record": record, "noun": noun},
    )


@partnership_view(role=Role.ADMINISTRATOR)
def members(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    memberships = partnership.memberships.select_related("user").order_by(
        "user__last_name", "user__first_name", "user__username"
    )
    return render(
        request,
        "people/members.html",
        {
            "nav": "people",
            "memberships": [
                (m, RoleForm(initial={"role": m.role}, prefix=f"m{m.pk}")) for m in memberships
            ],
        },
    )


@partnership_view(role=Role.ADMINISTRATOR)
def add_member_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership, invited = add_member(
            partnership, site_url=settings.SITE_URL, **form.cleaned_data
        )
        note = {
            True: " An email with a link to choose a password is on its way to them.",
            False: " The email with a link to choose a password could not be sent: ask them "
            "to use “Forgotten your password?” on the sign-in page.",
            None: "",
        }[invited]
        messages.success(
            request,
            f"{membership.user.email} is now {membership.get_role_display().lower()}.{note}",
        )
        return redirect("people:members", partnership.slug)
    return render(request, "people/add_member.html", {"nav": "people", "form": form})


@partnership_view(role=Role.ADMINISTRATOR)
def member_role(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Change a member's role, or remove them (POST only, from the members page)."""
    membership = get_object_or_404(
        Membership.objects.select_related("user"), partnership=partnership, pk=pk
    )
    if request.method != "POST":
        return redirect("people:members", partnership.slug)
    who = membership.user.get_full_name() or membership.user.get_username()
    try:
        if "remove" in request.POST:
            remove_member(membership)
            messages.success(request, f"{who} is no longer a member.")
        else:
            form = RoleForm(request.POST, prefix=f"m{membership.pk}")
            if not form.is_valid():
                messages.error(request, "Choose one of the roles.")
            else:
                membership = change_role(membership, form.cleaned_data["role"])
                messages.success(request, f"{who} is now {membership.get_role_display().lower()}.")
    except LastAdministrator as refused:
        messages.error(request, str(refused))
    return redirect("people:members", partnership.slug)
