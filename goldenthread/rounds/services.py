"""Opening and closing update rounds, and scheduling their emails.

Views, tasks and the demo call these; the emails themselves are sent by the worker
(``tasks.py``, through ``emails.send_emails``), never by a request.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from goldenthread.audit.records import record_change
from goldenthread.plans.models import DeliveryPlan

from .models import CLOSED_STATUSES, EmailKind, UpdateRound, is_quarter_of, quarter_label
from .tasks import send_round_emails
from .values import ask_for_values

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
    collect_values: bool = False,
    today: dt.date | None = None,
) -> UpdateRound:
    """Open a round on the delivery plan's actions not completed or withdrawn, and if
    it ``collect_values``, on its indicators' values (``values.ask_for_values``).

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
    try:
        # Told by the constraint, not a look first: the same round may be opening this
        # instant through another server (a second press, another manager).
        with transaction.atomic():
            update_round = UpdateRound.objects.create(
                delivery_plan=delivery_plan,
                title=title,
                quarter=quarter,
                opened_on=today,
                deadline=deadline,
                remind_days_before=remind_days_before,
                overdue_days_after=overdue_days_after,
                opened_by=by,
                collects_values=collect_values,
            )
    except IntegrityError:
        if not delivery_plan.update_rounds.filter(title=title).exists():
            raise
        raise RoundError(f"{delivery_plan.year} already has a round called {title!r}.") from None
    update_round.actions.set(delivery_plan.actions.exclude(status__in=CLOSED_STATUSES))
    if collect_values:
        ask_for_values(update_round)
    transaction.on_commit(lambda: schedule_emails(update_round, today=today))
    return update_round


def schedule_emails(update_round: UpdateRound, *, today: dt.date) -> None:
    """Queue the invitations now and each reminder for its morning, if still ahead."""
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
