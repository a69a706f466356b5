"""How the background worker and the outbox are doing, for the status page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import OutgoingEmail, WorkerBeat
from .worker import BEAT_EVERY

# A worker not heard from in three beats is taken to be down.
SILENT_AFTER = BEAT_EVERY * 3
# A task still waiting this long after it was due is not being run.
OVERDUE_AFTER = dt.timedelta(minutes=5)
# The worker beats between tasks, so one busy with a long task (a national import, a
# report's charts) is silent meanwhile: taken to be alive while its task has run less
# than this, since a worker killed mid-task leaves the task "running" for ever.
LONGEST_TASK = dt.timedelta(hours=1)


@dataclass
class Health:
    last_beat: WorkerBeat | None
    task_running: DBTaskResult | None
    tasks_waiting: int
    tasks_overdue: int
    tasks_failed: int
    emails_waiting: int
    emails_failed: QuerySet[OutgoingEmail]
    checked_at: dt.datetime

    @property
    def worker_alive(self) -> bool:
        if self.last_beat is None:
            return False
        if self.checked_at - self.last_beat.beat_at <= SILENT_AFTER:
            return True
        return self.busy

    @property
    def busy(self) -> bool:
        """Silent because it is running a task it took after its last beat."""
        task = self.task_running
        return (
            task is not None
            and self.last_beat is not None
            and task.started_at is not None
            and task.started_at >= self.last_beat.beat_at - BEAT_EVERY
            and self.checked_at - task.started_at <= LONGEST_TASK
        )

    @property
    def is_healthy(self) -> bool:
        return self.worker_alive and not self.tasks_overdue and not self.emails_failed


def health(now: dt.datetime | None = None) -> Health:
    now = now or timezone.now()
    ready = DBTaskResult.objects.ready()
    late = now - OVERDUE_AFTER
    return Health(
        last_beat=WorkerBeat.objects.order_by("-beat_at").first(),
        task_running=DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        .order_by("-started_at")
        .first(),
        tasks_waiting=ready.count(),
        tasks_overdue=ready.filter(
            Q(run_after__lt=late) | Q(run_after=get_date_max(), enqueued_at__lt=late)
        ).count(),
        tasks_failed=DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count(),
        emails_waiting=OutgoingEmail.objects.waiting().count(),
        emails_failed=OutgoingEmail.objects.failed()[:50],
        checked_at=now,
    )
