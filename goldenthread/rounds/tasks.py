"""Round emails, sent by the background worker (django-tasks, database backend).

Opening a round queues the invitations at once and each reminder for its morning. A
task run twice, or late, sends nothing twice: see ``emails.send_emails``.
"""

from __future__ import annotations

from django_tasks import task

from .emails import send_emails
from .models import UpdateRound


@task()
def send_round_emails(round_id: int, kind: str) -> int:
    """Send one kind of email for a round; return how many went out."""
    update_round = (
        UpdateRound.objects.filter(pk=round_id)
        .select_related("delivery_plan__plan__partnership")
        .first()
    )
    if update_round is None:  # deleted since it was queued
        return 0
    return len(send_emails(update_round, kind))
