"""Email is kept in the outbox and sent by the worker after the commit, with a timeout;
a failure is recorded, tried again later with a growing wait, then kept as failed."""

from __future__ import annotations

import datetime as dt
import socket
import time
from email.utils import formataddr

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from goldenthread.mail.models import OutgoingEmail, Status
from goldenthread.mail.outbox import deliver, send_again, send_later, wait_before
from goldenthread.mail.tasks import deliver_email

pytestmark = pytest.mark.django_db


def message(to: str = formataddr(("Smith, Jo", "jo@example.org"))) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives("Hello", "Plain words", to=[to])
    email.attach_alternative("<p>Rich words</p>", "text/html")
    return email


def queued_deliveries() -> list[tuple[int, dt.datetime | None]]:
    return [
        (r.args_kwargs["args"][0], None if r.run_after == get_date_max() else r.run_after)
        for r in DBTaskResult.objects.filter(task_path=deliver_email.module_path)
    ]


def test_a_message_is_queued_for_after_the_commit_and_sent_by_the_worker(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        outgoing = send_later(message())
        assert queued_deliveries() == []  # nothing before the commit
    assert len(callbacks) == 1
    assert queued_deliveries() == [(outgoing.pk, None)]
    assert mail.outbox == []

    assert deliver(outgoing.pk) == Status.SENT

    [sent] = mail.outbox
    assert sent.to == ['"Smith, Jo" <jo@example.org>']
    assert sent.body == "Plain words" and sent.alternatives[0][0] == "<p>Rich words</p>"
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts, outgoing.last_error) == ("sent", 1, "")
    assert outgoing.sent_at is not None


def test_a_message_rolled_back_is_never_sent(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_later(message())
        raise RuntimeError("the change failed")
    assert not OutgoingEmail.objects.exists() and queued_deliveries() == []


def test_one_message_goes_to_one_address():
    with pytest.raises(ValueError, match="one address, not 2"):
        send_later(EmailMessage("Hi", "Body", to=["a@example.org", "b@example.org"]))


def test_a_failure_is_recorded_and_tried_again_later_then_given_up(
    refusing, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_MAX_ATTEMPTS = 3
    refusing.add("jo@example.org")
    outgoing = send_later(message())

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(outgoing.pk) == Status.RETRYING
    outgoing.refresh_from_db()
    assert outgoing.attempts == 1
    assert (
        "SMTPRecipientsRefused" in outgoing.last_error and "No such mailbox" in outgoing.last_error
    )
    [(pk, run_after)] = queued_deliveries()
    assert pk == outgoing.pk
    assert run_after == outgoing.next_attempt_at
    assert before + dt.timedelta(seconds=59) < run_after < timezone.now() + dt.timedelta(minutes=2)

    assert deliver(outgoing.pk) == Status.RETRYING
    assert deliver(outgoing.pk) == Status.FAILED  # the third and last
    outgoing.refresh_from_db()
    assert (outgoing.attempts, outgoing.next_attempt_at) == (3, None)
    assert deliver(outgoing.pk) == "not waiting"  # given up: only a person sends it again
    assert mail.outbox == []

    refusing.clear()
    assert send_again(outgoing)
    assert deliver(outgoing.pk) == Status.SENT
    assert len(mail.outbox) == 1


def test_the_wait_grows_and_is_bounded():
    waits = [wait_before(attempt) for attempt in range(2, 9)]
    assert waits[0] == dt.timedelta(minutes=1) and waits[1] == dt.timedelta(minutes=5)
    assert waits == sorted(waits) and waits[-1] == dt.timedelta(hours=6)


def test_a_message_is_sent_once_however_many_tasks_ask():
    outgoing = send_later(message())
    assert deliver(outgoing.pk) == Status.SENT
    assert deliver(outgoing.pk) == "not waiting"
    assert not send_again(outgoing)  # sent: nothing to try again
    assert len(mail.outbox) == 1


def test_a_hung_mail_server_fails_the_attempt_after_the_timeout(settings):
    """A server that accepts the connection and never answers (as the one in the issue
    did) costs the worker EMAIL_TIMEOUT, and no request anything."""
    hung = socket.socket()
    hung.bind(("127.0.0.1", 0))
    hung.listen(1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = hung.getsockname()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 0.5
    try:
        outgoing = send_later(message())
        started = time.monotonic()
        assert deliver(outgoing.pk) == Status.RETRYING
        assert time.monotonic() - started < 3
    finally:
        hung.close()
    outgoing.refresh_from_db()
    assert "timed out" in outgoing.last_error


def test_a_message_whose_worker_died_mid_send_counts_as_failed(settings):
    """Killed while talking to the server: it may or may not have gone, so it is not
    tried again by itself, but shown as failed for a person to send again."""
    outgoing = send_later(message())
    OutgoingEmail.objects.filter(pk=outgoing.pk).update(
        status=Status.SENDING, attempts=1, claimed_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert not OutgoingEmail.objects.failed().exists()  # perhaps still sending
    assert deliver(outgoing.pk) == "not waiting"

    OutgoingEmail.objects.filter(pk=outgoing.pk).update(
        claimed_at=timezone.now() - dt.timedelta(minutes=11)
    )
    outgoing.refresh_from_db()
    assert outgoing.has_failed and list(OutgoingEmail.objects.failed()) == [outgoing]
    assert send_again(outgoing) and deliver(outgoing.pk) == Status.SENT
