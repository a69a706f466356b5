"""The task that sends one outgoing email, on the background worker."""

from __future__ import annotations

from django_tasks import task

from .outbox import deliver


@task()
def deliver_email(outgoing_id: int) -> str:
    """Send one outgoing email; a failure is recorded on it, never raised."""
    return deliver(outgoing_id)
