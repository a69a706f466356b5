"""Every email the app sends, kept as a message waiting, sent or failed, so that no
request talks to the mail server and an administrator sees what did not go."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    RETRYING = "retrying", "Failed, will be tried again"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


WAITING = (Status.QUEUED, Status.RETRYING)
# A message still being sent this long after it was claimed lost its worker (killed
# mid-send): it counts as failed, to be sent again by a person, who may check first.
STUCK_AFTER = dt.timedelta(minutes=10)


class OutgoingEmailQuerySet(models.QuerySet["OutgoingEmail"]):
    def failed(self) -> OutgoingEmailQuerySet:
        """Given up on, failed at least once and waiting to be tried again, or stuck."""
        return self.filter(
            Q(status__in=(Status.FAILED, Status.RETRYING))
            | Q(status=Status.SENDING, claimed_at__lt=timezone.now() - STUCK_AFTER)
        )

    def waiting(self) -> OutgoingEmailQuerySet:
        return self.filter(status__in=WAITING)


class OutgoingEmail(models.Model):
    """One message to one address: one bad address fails only its own message."""

    to = models.CharField(max_length=500, help_text="One address, with the name if any.")
    from_email = models.CharField(max_length=500, blank=True)
    subject = models.CharField(max_length=1000)
    body = models.TextField()
    html = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="The last try began.")
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "outgoing email"
        indexes = [models.Index(fields=["status"], name="outgoing_email_status")]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to}"

    @property
    def has_failed(self) -> bool:
        return self.status in (Status.FAILED, Status.RETRYING) or (
            self.status == Status.SENDING
            and self.claimed_at is not None
            and self.claimed_at < timezone.now() - STUCK_AFTER
        )

    @property
    def why_failed(self) -> str:
        """The mail server's answer, or, with none, the worker that stopped mid-send."""
        return self.last_error or (
            "Its worker stopped while sending it: check whether it arrived before sending it again."
        )


class WorkerBeat(models.Model):
    """The last time each background worker was seen alive, for the status page."""

    worker_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField()

    class Meta:
        ordering = ["-beat_at"]

    def __str__(self) -> str:
        return self.worker_id
