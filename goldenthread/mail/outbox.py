"""Send mail later: record the message, and let the background worker send it once the
request's transaction has committed, with a timeout, trying again with a growing wait.

A request never talks to the mail server, so a hung server holds no write lock and
blocks nobody; a message that fails is kept with its error for administrators to see.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import WAITING, OutgoingEmail, Status

logger = logging.getLogger(__name__)

FIRST_WAIT = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(hours=6)


def send_later(message: EmailMessage) -> OutgoingEmail:
    """Keep a message to one address and queue its sending for after the commit.

    One address a message, so that one bad address fails only its own message.
    """
    recipients = message.recipients()
    if len(recipients) != 1:
        raise ValueError(f"An outgoing email goes to one address, not {len(recipients)}.")
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((str(c) for c, kind in message.alternatives if kind == "text/html"), "")
    outgoing = OutgoingEmail.objects.create(
        to=recipients[0],
        from_email=message.from_email or "",
        subject=str(message.subject),
        body=str(message.body),
        html=html,
    )
    _queue(outgoing)
    return outgoing


def send_again(outgoing: OutgoingEmail) -> bool:
    """Try a failed message again now, from its first attempt; False if it is not failed."""
    count = (
        OutgoingEmail.objects.failed()
        .filter(pk=outgoing.pk)
        .update(status=Status.QUEUED, attempts=0, next_attempt_at=None)
    )
    if count:
        _queue(outgoing)
    return bool(count)


def _queue(outgoing: OutgoingEmail, *, after: dt.datetime | None = None) -> None:
    from .tasks import deliver_email

    task = deliver_email.using(run_after=after) if after else deliver_email
    transaction.on_commit(lambda: task.enqueue(outgoing.pk))


def deliver(outgoing_id: int) -> str:
    """Send one message waiting to go, and record how it went; return its status.

    The message is claimed first (waiting -> sending), so that two tasks for it (a retry
    pressed while one was queued) send it once.
    """
    claimed = OutgoingEmail.objects.filter(pk=outgoing_id, status__in=WAITING).update(
        status=Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now()
    )
    if not claimed:
        return "not waiting"
    outgoing = OutgoingEmail.objects.get(pk=outgoing_id)
    try:
        as_message(outgoing).send()
    except Exception as error:  # noqa: BLE001 - any failure is this message's, recorded
        return _failed(outgoing, error)
    outgoing.status = Status.SENT
    outgoing.sent_at = timezone.now()
    outgoing.next_attempt_at = None
    outgoing.save(update_fields=["status", "sent_at", "next_attempt_at"])
    return outgoing.status


def as_message(outgoing: OutgoingEmail) -> EmailMultiAlternatives:
    """The message to send, with the connection's timeout (EMAIL_TIMEOUT) so that a
    hung server fails the attempt instead of holding the worker."""
    message = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=outgoing.from_email or None,
        to=[outgoing.to],
        connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
    )
    if outgoing.html:
        message.attach_alternative(outgoing.html, "text/html")
    return message


def _failed(outgoing: OutgoingEmail, error: Exception) -> str:
    outgoing.last_error = f"{type(error).__name__}: {error}"[:2000]
    retry = outgoing.attempts < settings.EMAIL_MAX_ATTEMPTS
    outgoing.status = Status.RETRYING if retry else Status.FAILED
    outgoing.next_attempt_at = (
        timezone.now() + wait_before(outgoing.attempts + 1) if retry else None
    )
    # Saved before the next attempt is queued, which finds it waiting.
    outgoing.save(update_fields=["status", "last_error", "next_attempt_at"])
    if retry:
        _queue(outgoing, after=outgoing.next_attempt_at)
    logger.warning(
        "Email %s to %s failed (attempt %s): %s",
        outgoing.pk,
        outgoing.to,
        outgoing.attempts,
        outgoing.last_error,
    )
    return outgoing.status


def wait_before(attempt: int) -> dt.timedelta:
    """A minute before the second attempt, five before the third, and so on, at most
    six hours: a server down for a while is not hammered."""
    return min(FIRST_WAIT * 5 ** (attempt - 2), LONGEST_WAIT)
