"""For tests: what the worker does with the tasks queued and the emails waiting."""

from __future__ import annotations

from django_tasks_db.models import DBTaskResult

from .models import OutgoingEmail
from .outbox import deliver


def deliver_waiting() -> list[str]:
    """Send every email waiting, as the worker would; return their statuses."""
    return [
        deliver(pk)
        for pk in OutgoingEmail.objects.waiting().order_by("pk").values_list("pk", flat=True)
    ]


def work_off() -> None:
    """Run every task ready, then send every email waiting (inside a test's transaction,
    where the worker's own connection would not see what the test wrote)."""
    for result in DBTaskResult.objects.ready():
        result.set_successful(
            result.task.call(*result.task_result.args, **result.task_result.kwargs)
        )
    deliver_waiting()
