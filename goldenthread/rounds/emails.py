"""The emails of an update round: who is due which, each sent once, and one template of
each kind, as text and as HTML. Someone who both leads actions and owns indicators in a
round gets one email of each kind, about both."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from goldenthread.mail.outbox import send_later
from goldenthread.people.models import Person
from goldenthread.plans.models import Action

from .models import EmailKind, RoundEmail, RoundValue, UpdateRound

logger = logging.getLogger(__name__)

SUBJECTS = {
    "invitation": "{title}: please {what} by {deadline}",
    "reminder": "Reminder – {title}: your updates are due by {deadline}",
    "overdue": "Overdue – {title}: your updates were due on {deadline}",
}


@dataclass
class Recipient:
    """Someone due an email in a round, and what it asks them about: all their actions
    and values for an invitation, those still outstanding for a reminder."""

    person: Person
    actions: list[Action] = field(default_factory=list)
    values: list[RoundValue] = field(default_factory=list)

    @property
    def what(self) -> str:
        asks = ["update your actions"] if self.actions else []
        asks += ["enter your indicators' values"] if self.values else []
        return " and ".join(asks)


def absolute(path: str) -> str:
    """A link that works from an email, outside the site."""
    return settings.SITE_URL + path


def message(update_round: UpdateRound, recipient: Recipient, kind: str) -> EmailMultiAlternatives:
    """The email to one lead or owner about their actions and values in the round."""
    deadline = f"{update_round.deadline:%-d %B %Y}"
    person = recipient.person
    context = {
        "round": update_round,
        "person": person,
        "kind": kind,
        "actions": recipient.actions,
        "values": recipient.values,
        "deadline": deadline,
        "partnership": update_round.partnership,
        "link": absolute(update_round.my_actions_url()),
        "values_link": absolute(update_round.my_indicators_url()),
    }
    subject = SUBJECTS[kind].format(
        title=update_round.title, deadline=deadline, what=recipient.what
    )
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("rounds/emails/round.txt", context),
        # formataddr quotes a name with a comma in it ("Smith, Jo"), which would
        # otherwise read as two addresses.
        to=[formataddr((person.name, person.email))],
    )
    email.attach_alternative(render_to_string("rounds/emails/round.html", context), "text/html")
    return email


def reminder_kind(update_round: UpdateRound, today: dt.date) -> str:
    """Before the deadline leads are reminded; after it, they are told they are overdue."""
    return EmailKind.OVERDUE if update_round.is_past_deadline(today) else EmailKind.REMINDER


class EmailsNotQueued(Exception):
    """Some emails of a round could not even be queued; the others were."""


def send_emails(update_round: UpdateRound, kind: str) -> list[RoundEmail]:
    """Queue this kind of email for each lead and owner who should get it and has not.

    Invitations go to every lead with an action in the round and every owner asked for
    a value; reminders only to those who have not updated or entered them all. A closed
    round sends nothing. Each recipient is queued on their own, so that one who cannot
    be emailed stops nobody else; a failure to send shows on the round's page.
    """
    if not update_round.is_open:
        return []
    queued, problems = [], []
    for recipient in recipients_due(update_round, kind):
        try:
            record = _send_once(update_round, recipient, kind)
        except Exception as error:  # one recipient's problem; the rest still go
            logger.exception("Could not queue a round email to %s", recipient.person)
            problems.append(f"{recipient.person}: {error}")
        else:
            if record is not None:
                queued.append(record)
    if problems:  # the task fails, visibly, after everyone else's email is queued
        raise EmailsNotQueued("; ".join(problems))
    return queued


def _send_once(update_round: UpdateRound, recipient: Recipient, kind: str) -> RoundEmail | None:
    """Claim the email by recording it, with its message in the outbox, in one
    transaction; the worker sends it once that commits, with a timeout, and tries again
    if it fails (goldenthread/mail/outbox.py).

    Two workers racing both try to record it: one loses on the unique constraint and
    queues nothing. The mail server is never talked to inside a transaction, which
    would hold SQLite's write lock for the whole conversation.
    """
    try:
        with transaction.atomic():
            return RoundEmail.objects.create(
                update_round=update_round,
                person=recipient.person,
                kind=kind,
                to_address=recipient.person.email,
                action_codes=", ".join(a.code for a in recipient.actions)[:500],
                indicator_codes=", ".join(v.indicator.code for v in recipient.values)[:500],
                sent_at=timezone.now(),
                email=send_later(message(update_round, recipient, kind)),
            )
    except IntegrityError:
        return None


def recipients_due(update_round: UpdateRound, kind: str) -> list[Recipient]:
    """Those who should get this kind of email and have not had it yet: every lead and
    owner for the invitation, only those with actions or values outstanding for a
    reminder; each with what the email asks them about."""
    had = set(
        RoundEmail.objects.filter(update_round=update_round, kind=kind).values_list(
            "person_id", flat=True
        )
    )
    invitation = kind == EmailKind.INVITATION
    due: dict[int, Recipient] = {}
    for lead in update_round.leads_progress(update_round.opened_on):
        if lead.person is not None:
            recipient = due.setdefault(lead.person.pk, Recipient(lead.person))
            recipient.actions = lead.actions if invitation else lead.outstanding
    for owner in update_round.owners_progress(update_round.opened_on):
        recipient = due.setdefault(owner.person.pk, Recipient(owner.person))
        recipient.values = owner.values if invitation else owner.outstanding
    return [r for pk, r in due.items() if pk not in had and (r.actions or r.values)]
