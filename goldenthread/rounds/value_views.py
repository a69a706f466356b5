"""The pages of values collected in a round: an owner's "my indicators", and a
manager signing values off or sending them back. Thin: rules live in values.py and
signoff.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goldenthread.audit.versions import EditConflict
from goldenthread.lib.wording import counted
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.people.models import Person
from goldenthread.web.access import partnership_view

from . import signoff, values
from .forms import SendBackForm
from .models import RoundValue
from .my_actions import NothingToSave
from .my_indicators import my_values, save_values, value_rows
from .views import round_for


# The link in an owner's email lands here: contributors enter the values they own.
@partnership_view(role=Role.CONTRIBUTOR)
def my_indicators_view(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    update_round = round_for(partnership, pk)
    person = Person.objects.linked_to(request.user, partnership)
    if person is None:
        return render(request, "rounds/not_an_owner.html", {"nav": "rounds", "round": update_round})
    values = my_values(person, update_round)
    rows = value_rows(values, request.POST if request.method == "POST" else None)
    problem = None
    if request.method == "POST" and all(row.is_valid() for row in rows):
        if not update_round.is_open:
            problem = f"{update_round} is closed: ask a manager to enter any late value."
        else:
            try:
                entered = save_values(rows, by=request.user)
            except (NothingToSave, EditConflict) as refused:
                problem = str(refused)
            else:
                them = "it" if len(entered) == 1 else "them"
                messages.success(
                    request,
                    f"{counted(len(entered), 'value')} saved: provisional until a manager "
                    f"signs {them} off. Your commentary is saved too.",
                )
                return redirect(request.path)
    return render(
        request,
        "rounds/my_indicators.html",
        {
            "nav": "rounds",
            "round": update_round,
            "person": person,
            "rows": rows,
            "problem": problem,
            "errors": [
                (row, field) for row in rows if row.is_bound for field in row if field.errors
            ],
            "row_errors": [e for row in rows if row.is_bound for e in row.non_field_errors()],
        },
    )


def _asked(partnership: Partnership, pk: int, value_pk: int) -> RoundValue:
    update_round = round_for(partnership, pk)
    return get_object_or_404(update_round.values.select_related("indicator"), pk=value_pk)


def _version(request: HttpRequest, name: str = "version") -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return 0  # no version read: refused as changed meanwhile


def _to_values(partnership: Partnership, pk: int) -> str:
    return reverse("rounds:round", args=[partnership.slug, pk]) + "#values"


@require_POST
@partnership_view(role=Role.MANAGER)
def sign_off_one(request: HttpRequest, partnership: Partnership, pk: int, value_pk: int):
    asked = _asked(partnership, pk, value_pk)
    try:
        signoff.sign_off(asked, by=request.user, expected_version=_version(request))
    except signoff.SignOffError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, f"{asked.indicator.title} for {asked.period} is signed off and published."
        )
    return redirect(_to_values(partnership, pk))


@require_POST
@partnership_view(role=Role.MANAGER)
def sign_off_all(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    update_round = round_for(partnership, pk)
    versions = {}
    for name, given in request.POST.items():
        if name.startswith("version-") and given.isdigit() and name[8:].isdigit():
            versions[int(name[8:])] = int(given)
    try:
        published = signoff.sign_off_all(update_round, by=request.user, versions=versions)
    except signoff.SignOffError as refused:
        messages.error(request, f"Nothing was signed off. {refused}")
    else:
        messages.success(request, f"{counted(len(published), 'value')} signed off and published.")
    return redirect(_to_values(partnership, pk))


@partnership_view(role=Role.MANAGER)
def send_back_view(
    request: HttpRequest, partnership: Partnership, pk: int, value_pk: int
) -> HttpResponse:
    asked = _asked(partnership, pk, value_pk)
    form = SendBackForm(request.POST or None, initial={"version": asked.version})
    if request.method == "POST" and form.is_valid():
        try:
            signoff.send_back(
                asked,
                by=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except signoff.SignOffError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, f"{asked.indicator.title} is sent back to {asked.owner.name}."
            )
            return redirect(_to_values(partnership, pk))
    return render(
        request,
        "rounds/send_back.html",
        {"nav": "rounds", "round": asked.update_round, "asked": asked, "form": form},
    )


@partnership_view(role=Role.MANAGER)
def asked_values(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """The values the round asks for: a manager changes the period of any not entered
    yet, or asks the owners of indicators named since the round opened."""
    update_round = round_for(partnership, pk)
    asked = list(update_round.values.select_related("indicator", "period", "owner"))
    problem = None
    if request.method == "POST" and "ask" in request.POST:
        added = values.ask_for_values(update_round)
        messages.success(request, f"{counted(len(added), 'more value')} asked for.")
        return redirect("rounds:asked_values", partnership.slug, pk)
    if request.method == "POST":
        try:
            changed = values.change_periods(
                [
                    (
                        v,
                        request.POST.get(f"period-{v.pk}", v.period.label),
                        _version(request, f"version-{v.pk}"),
                    )
                    for v in asked
                ]
            )
        except (ValueError, EditConflict) as refused:
            problem = str(refused)
        else:
            messages.success(request, f"{counted(changed, 'period')} changed.")
            return redirect("rounds:asked_values", partnership.slug, pk)
    return render(
        request,
        "rounds/asked_values.html",
        {"nav": "rounds", "round": update_round, "asked": asked, "problem": problem},
    )
