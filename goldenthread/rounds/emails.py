"""The emails of an update round: who is due which, each sent once, and one template of
each kind, as text and as HTML."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from goldenthread.people.models import Person
from goldenthread.plans.models import Action

from .models import EmailKind, LeadProgress, RoundEmail, UpdateRound

SUBJECTS = {
    "invitation": "{title}: please update your actions by {deadline}",
    "reminder": "Reminder – {title}: your updates are due by {deadline}",
    "overdue": "Overdue – {title}: your updates were due on {deadline}",
}


def absolute(path: str) -> str:
    """A link that works from an email, outside the site."""
    return settings.SITE_URL + path


def send(update_round: UpdateRound, person: Person, kind: str, actions: Sequence[Action]) -> None:
    """Email one lead about their actions in the round."""
    deadline = f"{update_round.deadline:%-d %B %Y}"
    context = {
        "round": update_round,
        "person": person,
        "kind": kind,
        "actions": actions,
        "deadline": deadline,
        "partnership": update_round.partnership,
        "link": absolute(update_round.my_actions_url()),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind].format(title=update_round.title, deadline=deadline),
        body=render_to_string("rounds/emails/round.txt", context),
        to=[f"{person.name} <{person.email}>"],
    )
    message.attach_alternative(render_to_string("rounds/emails/round.html", context), "text/html")
    message.send()


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
        send(update_round, person, kind, actions)
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
