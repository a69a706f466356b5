"""Update rounds' pages, and "my actions". Thin: rules live in models and services."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from goldenthread.audit.versions import EditConflict
from goldenthread.lib.wording import counted, with_article
from goldenthread.mail.outbox import send_again
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.people.models import Person
from goldenthread.plans.models import DeliveryPlan
from goldenthread.web.access import partnership_view

from . import services
from .emails import recipients_due, reminder_kind
from .forms import ActionUpdateRow, OpenRoundForm
from .models import EmailKind, RoundEmail, UpdateRound
from .my_actions import NothingToSave, my_actions, save_updates
from .tasks import send_round_emails


def round_for(partnership: Partnership, pk: int, user=None) -> UpdateRound:
    """The partnership's round; given a user, only if they may read its delivery plan's
    actions (the indicator values a round asks for are not the plan's: no user)."""
    rounds = UpdateRound.objects.for_partnership(partnership)
    if user is not None:
        rounds = rounds.visible_to(user)
    return get_object_or_404(
        rounds.select_related("delivery_plan__plan__partnership", "closed_by"),
        pk=pk,
    )


@partnership_view(role=Role.CONTRIBUTOR)
def round_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    rounds = UpdateRound.objects.for_partnership(partnership).select_related("delivery_plan")
    return render(
        request,
        "rounds/round_list.html",
        {"nav": "rounds", "rounds": rounds, "today": timezone.localdate()},
    )


@partnership_view(role=Role.MANAGER)
def open_round(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    delivery_plans = list(DeliveryPlan.objects.of(partnership).select_related("plan"))
    form = OpenRoundForm(request.POST or None, delivery_plans=delivery_plans)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_round = services.open_round(
                data["delivery_plan"],
                title=f"{data['quarter']} updates",
                quarter=data["quarter"],
                deadline=data["deadline"],
                remind_days_before=data["remind_days_before"],
                overdue_days_after=data["overdue_days_after"],
                collect_values=data["collect_values"],
                by=request.user,
            )
        except services.RoundError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, f"{update_round} is open: its leads are being emailed.")
            return redirect(update_round)
    return render(request, "rounds/open_round.html", {"nav": "rounds", "form": form})


@partnership_view(role=Role.CONTRIBUTOR)
def round_detail(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    update_round = round_for(partnership, pk, request.user)
    today = timezone.localdate()
    leads = update_round.leads_progress(today)
    owners = update_round.owners_progress(today)
    emails = RoundEmail.objects.filter(update_round=update_round).select_related("person", "email")
    return render(
        request,
        "rounds/round.html",
        {
            "delivery_plan": update_round.delivery_plan,
            "nav": "rounds",
            "round": update_round,
            "leads": leads,
            "emails": emails,
            "failed_emails": [e for e in emails if e.email and e.email.has_failed],
            "today": today,
            "past_deadline": update_round.is_past_deadline(today),
            "updated_count": sum(len(lead.updated) for lead in leads),
            "action_count": sum(len(lead.actions) for lead in leads),
            "done_count": sum(1 for lead in leads if lead.person and lead.is_done),
            "lead_count": sum(1 for lead in leads if lead.person),
            "reminder_label": EmailKind(reminder_kind(update_round, today)).label.lower(),
            "owners": owners,
            "values": sorted((v for o in owners for v in o.values), key=lambda v: v.indicator.code),
            "entered_count": sum(len(owner.entered) for owner in owners),
            "awaiting_count": sum(v.is_provisional for o in owners for v in o.values),
            "value_count": sum(len(owner.values) for owner in owners),
        },
    )


@require_POST
@partnership_view(role=Role.MANAGER)
def send_reminders(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    update_round = round_for(partnership, pk)
    if not update_round.is_open:
        messages.error(request, f"{update_round} is closed: no reminders can be sent.")
        return redirect(update_round)
    kind = reminder_kind(update_round, timezone.localdate())
    due = recipients_due(update_round, kind)
    label = EmailKind(kind).label.lower()
    if due:
        transaction.on_commit(lambda: send_round_emails.enqueue(update_round.pk, kind))
        sending = f"{with_article(label).capitalize()} is being sent"
        whom = ("lead or owner", "leads and owners") if update_round.collects_values else ("lead",)
        messages.success(request, f"{sending} to {counted(len(due), *whom)}.")
    else:
        messages.success(
            request, f"Nobody is due {with_article(label)}: every lead has updated or had one."
        )
    return redirect(update_round)


@require_POST
@partnership_view(role=Role.MANAGER)
def send_email_again(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Try again, now, an email of the round that failed (the ``email`` posted)."""
    update_round = round_for(partnership, pk)
    record = get_object_or_404(
        RoundEmail.objects.select_related("email", "person"),
        update_round=update_round,
        pk=request.POST.get("email") or 0,
        email__isnull=False,
    )
    if send_again(record.email):
        messages.success(request, f"The email to {record.person.name} will be sent again.")
    return redirect(update_round)


@require_POST
@partnership_view(role=Role.MANAGER)
def close_round(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    update_round = round_for(partnership, pk)
    services.close_round(update_round, by=request.user)
    messages.success(request, f"{update_round} is closed: no more reminders will be sent.")
    return redirect(update_round)


# The link in a lead's email lands here: contributors update the actions they lead.
@partnership_view(role=Role.CONTRIBUTOR)
def my_actions_view(
    request: HttpRequest, partnership: Partnership, pk: int | None = None
) -> HttpResponse:
    update_round = round_for(partnership, pk, request.user) if pk is not None else None
    person = Person.objects.linked_to(request.user, partnership)
    if person is None:
        # Not a refusal: a manager follows "My actions" too, and is shown where to go.
        return render(request, "rounds/not_a_lead.html", {"nav": "my_actions"})
    delivery_plan = (
        update_round.delivery_plan
        if update_round
        else DeliveryPlan.objects.current(partnership, request.user)
    )
    load = lambda: list(my_actions(person, delivery_plan, update_round))
    rows = _rows(load(), request.POST if request.method == "POST" else None)
    problem, conflicted = None, None
    if request.method == "POST" and all(row.is_valid() for row in rows):
        try:
            saved = save_updates(rows, by=request.user)
        except NothingToSave as nothing:
            problem = str(nothing)
        except EditConflict as edit:
            problem, conflicted = str(edit), edit.current.pk
            # Re-read: the rolled-back updates changed the actions held in memory.
            rows = _rows(load(), _with_latest_version(request.POST, edit.current))
        else:
            messages.success(
                request, f"Your updates to {counted(len(saved), 'action')} have been saved."
            )
            return redirect(request.path)
    return render(
        request,
        "rounds/my_actions.html",
        {
            "delivery_plan": delivery_plan,
            "nav": "my_actions",
            "person": person,
            "round": update_round,
            "rows": rows,
            "problem": problem,
            "conflicted": conflicted,
            "errors": [
                (row, field) for row in rows if row.is_bound for field in row if field.errors
            ],
        },
    )


def _rows(actions, data) -> list[ActionUpdateRow]:
    return [ActionUpdateRow(data, action=a, initial={"version": a.version}) for a in actions]


def _with_latest_version(data, action):
    """What the person typed, but against the version of the action that beat them to
    it: having read it, they can save again without retyping."""
    data = data.copy()
    data[f"action-{action.pk}-version"] = str(action.version)
    return data
