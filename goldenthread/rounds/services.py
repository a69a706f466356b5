"""Opening and closing update rounds, and emailing their leads.

Views, tasks and the demo call these; none of them send an email directly.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from goldenthread.audit.records import record_change
from goldenthread.people.models import Person
from goldenthread.plans.models import DeliveryPlan

from . import emails
from .models import (
    CLOSED_STATUSES,
    EmailKind,
    LeadProgress,
    RoundEmail,
    UpdateRound,
    is_quarter_of,
    quarter_label,
)

# Reminders go out in the morning, when people read their email.
SEND_AT = dt.time(8, 0)


class RoundError(ValueError):
    """A round cannot be opened as asked; the message says why."""


@transaction.atomic
def open_round(
    delivery_plan: DeliveryPlan,
    *,
    title: str,
    quarter: str,
    deadline: dt.date,
    by: User | None = None,
    remind_days_before: int | None = None,
    overdue_days_after: int | None = None,
    today: dt.date | None = None,
) -> UpdateRound:
    """Open a round on the delivery plan's actions not completed or withdrawn.

    The invitations and reminders are queued for the worker once the round is saved
    (``on_commit``), so a round rolled back sends nothing.
    """
    today = today or timezone.localdate()
    if delivery_plan.is_draft:
        raise RoundError(
            f"The {delivery_plan.year} delivery plan is a draft: publish it before asking "
            "its leads for updates."
        )
    try:
        quarter = quarter_label(quarter)
    except ValueError as problem:
        raise RoundError(str(problem)) from None
    if not is_quarter_of(quarter, delivery_plan.year):
        raise RoundError(f"{quarter} is not a quarter of {delivery_plan.year}.")
    if deadline < today:
        raise RoundError(f"The deadline, {deadline:%d %B %Y}, has passed: choose a later date.")
    if delivery_plan.update_rounds.filter(title=title).exists():
        raise RoundError(f"{delivery_plan.year} already has a round called {title!r}.")
    update_round = UpdateRound.objects.create(
        delivery_plan=delivery_plan,
        title=title,
        quarter=quarter,
        opened_on=today,
        deadline=deadline,
        remind_days_before=remind_days_before,
        overdue_days_after=overdue_days_after,
        opened_by=by,
    )
    update_round.actions.set(delivery_plan.actions.exclude(status__in=CLOSED_STATUSES))
    transaction.on_commit(lambda: schedule_emails(update_round, today=today))
    return update_round


def schedule_emails(update_round: UpdateRound, *, today: dt.date) -> None:
    """Queue the invitations now and each reminder for its morning, if still ahead."""
    from .tasks import send_round_emails

    send_round_emails.enqueue(update_round.pk, EmailKind.INVITATION)
    for kind, day in (
        (EmailKind.REMINDER, update_round.reminder_on()),
        (EmailKind.OVERDUE, update_round.overdue_reminder_on()),
    ):
        if day is not None and day > today:
            run_after = timezone.make_aware(dt.datetime.combine(day, SEND_AT))
            send_round_emails.using(run_after=run_after).enqueue(update_round.pk, kind)


def close_round(update_round: UpdateRound, *, by: User | None) -> None:
    """Close the round: no more reminders go out, and its page is kept as a record."""
    UpdateRound.objects.filter(pk=update_round.pk, closed_at__isnull=True).update(
        closed_at=timezone.now(), closed_by=by
    )
    update_round.refresh_from_db(fields=["closed_at", "closed_by"])
    record_change(update_round, closed_at=(None, update_round.closed_at), closed_by=(None, by))


def reminder_kind(update_round: UpdateRound, today: dt.date) -> str:
    """Before the deadline leads are reminded; after it, they are told they are overdue."""
    return EmailKind.OVERDUE if update_round.is_past_deadline(today) else EmailKind.REMINDER


def send_emails(update_round: UpdateRound, kind: str) -> list[RoundEmail]:
    """Email each lead who should get this kind of email and has not had it yet.

    Invitations go to every lead with an action in the round; reminders only to the
    leads who have not updated them all. A closed round sends nothing.
    """
    if not update_round.is_open:
        return []
    sent = [
        _send_once(update_round, person, lead, kind)
        for person, lead in leads_due(update_round, kind)
    ]
    return [record for record in sent if record is not None]


def _send_once(
    update_round: UpdateRound, person: Person, lead: LeadProgress, kind: str
) -> RoundEmail | None:
    """Claim the email by recording it, and send it once the claim is committed.

    Two workers racing both try to record it: one loses on the unique constraint and
    sends nothing. The mail server is never talked to inside a transaction, which would
    hold SQLite's write lock for the whole conversation; if the send fails the claim is
    let go, so the next run tries again.
    """
    actions = lead.actions if kind == EmailKind.INVITATION else lead.outstanding
    try:
        with transaction.atomic():
            record = RoundEmail.objects.create(
                update_round=update_round,
                person=person,
                kind=kind,
                to_address=person.email,
                action_codes=", ".join(a.code for a in actions)[:500],
                sent_at=timezone.now(),
            )
    except IntegrityError:
        return None
    try:
        emails.send(update_round, person, kind, actions)
    except Exception:
        record.delete()
        raise
    return record


def leads_due(update_round: UpdateRound, kind: str) -> list[tuple[Person, LeadProgress]]:
    """The leads who should get this kind of email and have not had it yet: every lead
    for the invitation, only those who have not updated all their actions for a reminder;
    each with their part in the round."""
    had = set(
        RoundEmail.objects.filter(update_round=update_round, kind=kind).values_list(
            "person_id", flat=True
        )
    )
    if kind == EmailKind.INVITATION:
        leads = update_round.leads_progress(update_round.opened_on)
    else:
        leads = update_round.outstanding_leads()
    return [(lead.person, lead) for lead in leads if lead.person and lead.person.pk not in had]
