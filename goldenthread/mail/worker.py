"""The background worker, patient with a busy database, and its heartbeat.

django-tasks-db's worker gives up for good when SQLite says "database is locked" outside
the one place it expects it (a long import or restore holds the write lock longer than
the 20-second timeout). This one waits, longer each time, and carries on; and it notes
that it is alive every half minute for the status page. While a restore runs it takes
no task, as the web app takes no write (``lib/maintenance.py``).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time

from django.db import close_old_connections
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from goldenthread.lib.maintenance import restoring

from .models import WorkerBeat

logger = logging.getLogger(__name__)

BEAT_EVERY = dt.timedelta(seconds=30)
FORGET_AFTER = dt.timedelta(days=7)
FIRST_WAIT = 1.0  # seconds before trying a locked database again, doubling each time
LONGEST_WAIT = 30.0


class PatientWorker(Worker):
    last_beat: dt.datetime | None = None
    started_at: dt.datetime | None = None

    def run(self) -> None:
        logger.info("Starting worker %s", self.worker_id)
        self.started_at = timezone.now()
        if self.startup_delay and self.interval:
            time.sleep(random.random())
        wait = FIRST_WAIT
        while self.running:
            try:
                self.beat()
                if not self.poll():
                    return
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                logger.warning("The database is locked: trying again in %.0f s", wait)
                close_old_connections()
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
            else:
                wait = FIRST_WAIT

    def poll(self) -> bool:
        """Run one waiting task if there is one, or wait the interval; False when the
        worker should stop (--batch with nothing left, or --max-tasks run).

        The parent's loop body, with the locked database left to ``run`` to wait out.
        """
        close_old_connections()
        if restoring():  # a task's writes would be lost under the backup's records
            time.sleep(self.interval)
            return True
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)  # so that no other worker runs it
        if task_result is not None:
            self.run_task(task_result)
        elif self.batch:
            logger.info("No more tasks to run for worker %s: stopping.", self.worker_id)
            return False
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return False
        close_old_connections()
        if self.running and task_result is None:
            time.sleep(self.interval)
        return True

    def beat(self) -> None:
        """Note that this worker is alive, at most every BEAT_EVERY."""
        now = timezone.now()
        if self.last_beat is not None and now - self.last_beat < BEAT_EVERY:
            return
        if self.last_beat is None:  # workers long gone (each start has a new id)
            WorkerBeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()
        WorkerBeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"beat_at": now},
            create_defaults={"beat_at": now, "started_at": self.started_at or now},
        )
        self.last_beat = now
