"""Every email the app sends, kept as a message waiting, sent or failed, so that no
request talks to the mail server and an administrator sees what did not go."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    RETRYING = "retrying", "Failed, will be tried again"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


WAITING = (Status.QUEUED, Status.RETRYING)


class OutgoingEmailQuerySet(models.QuerySet["OutgoingEmail"]):
    def failed(self) -> OutgoingEmailQuerySet:
        """Given up on, or failed at least once and waiting to be tried again."""
        return self.filter(status__in=(Status.FAILED, Status.RETRYING))

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
        return self.status in (Status.FAILED, Status.RETRYING)


class WorkerBeat(models.Model):
    """The last time each background worker was seen alive, for the status page."""

    worker_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField()

    class Meta:
        ordering = ["-beat_at"]

    def __str__(self) -> str:
        return self.worker_id
