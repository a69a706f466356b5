"""The monthly Fingertips refresh, run by the background worker (django-tasks, database
backend).

An indicator opts in with a ``FingertipsSubscription``. Once a day the worker fetches
each subscription that is due (never fetched, or last fetched a month ago or more)
through the same import as ``goldenthread fetch_fingertips``, and records on it what
changed. The task queues its own next run, as the monthly scorecard does
(``reports/tasks.py``), so one ``goldenthread refresh_fingertips --schedule`` starts it.
Daily rather than monthly, so that each subscription falls due a month after its own
last fetch, and one that failed (Fingertips down, say) is tried again the next day
rather than a month later.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from goldenthread.audit.context import Source, acting

from .fingertips.api import UPPER_TIER, FingertipsClient, FingertipsError, fetch_indicators
from .importers.tables import TableError
from .models import FingertipsSubscription

log = logging.getLogger(__name__)
RUN_AT = dt.time(5, 0)  # before anyone reads a scorecard


def refresh_subscription(
    subscription: FingertipsSubscription, client: FingertipsClient, now: dt.datetime
) -> bool:
    """Fetch one subscription's indicator and record what the import changed, or the
    error, on it; return whether it succeeded. Nothing is written by a fetch that fails."""
    subscription.last_tried_at = now
    try:
        with acting(None, Source.IMPORT):
            result = fetch_indicators(
                [subscription.indicator.external_id],
                subscription.area_types or [UPPER_TIER],
                client=client,
            )
    except Exception as error:
        # Broad on purpose: one indicator's failure, whatever it is, must not stop the
        # others. Fingertips' own failures are expected now and then; anything else is
        # logged with its traceback.
        if not isinstance(error, FingertipsError | TableError):
            log.exception("Fingertips refresh of %s failed", subscription.indicator.code)
        subscription.last_error = str(error) or type(error).__name__
        subscription.save(update_fields=["last_tried_at", "last_error"])
        return False
    subscription.last_fetched_at = now
    subscription.last_result = result.headline()[:300]
    subscription.last_added = result.added
    subscription.last_revised = result.revised
    subscription.last_unchanged = result.unchanged
    subscription.last_error = ""
    subscription.save()
    return True


def refresh_due(now: dt.datetime | None = None) -> list[FingertipsSubscription]:
    """Refresh every subscription due at ``now``; return them, each recording what its
    fetch changed or why it failed."""
    now = now or timezone.now()
    due = list(FingertipsSubscription.objects.due(now).select_related("indicator"))
    if due:
        client = FingertipsClient()
        for subscription in due:
            refresh_subscription(subscription, client, now)
    return due


@task()
def refresh_fingertips(*, reschedule: bool = True) -> dict[str, str]:
    """The worker's daily run of ``refresh_due``, then it queues tomorrow's; returns what
    each fetch changed, or its error, by indicator code."""
    try:
        return {s.indicator.code: s.last_error or s.last_result for s in refresh_due()}
    finally:
        if reschedule:
            schedule_fingertips_refresh(after=timezone.now())


def tomorrow_morning(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    day = local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, RUN_AT, tzinfo=local.tzinfo)


def schedule_fingertips_refresh(*, after: dt.datetime | None = None) -> TaskResult | None:
    """Queue the next daily run, unless one is already waiting."""
    waiting = DBTaskResult.objects.filter(
        task_path=refresh_fingertips.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return None
    run_after = tomorrow_morning(after or timezone.now())
    return refresh_fingertips.using(run_after=run_after).enqueue()
