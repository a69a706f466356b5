"""Work on reports the background worker does on its own.

The seed's partnership had "monthly reports"; here the worker publishes each
partnership's scorecard on the first of every month and files it in the archive. The
task schedules its own next run, so one `goldenthread schedule_reports` starts it.

Drawing charts is most of the time a report takes to write, so when new values are
imported the worker draws the annual report's charts straight away, and the officer who
then asks for the report finds them already in the chart cache.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import DeliveryPlan

from .annual import annual_report
from .archive import publish
from .layout import FIGURE_DPI


def first_of_next_month(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return local.replace(year=year, month=month, day=1, hour=6, minute=0, second=0, microsecond=0)


@task()
def publish_monthly_scorecards(*, reschedule: bool = True) -> list[int]:
    """Publish every partnership's scorecard for its latest delivery year."""
    published = []
    for partnership in Partnership.objects.all():
        delivery_plan = DeliveryPlan.objects.current(partnership)
        if delivery_plan is not None:
            published.append(publish(delivery_plan, "scorecard").pk)
    if reschedule:
        schedule_monthly_scorecards(after=timezone.now())
    return published


def schedule_monthly_scorecards(*, after: dt.datetime | None = None):
    """Queue the next monthly run, unless one is already waiting."""
    waiting = DBTaskResult.objects.filter(
        task_path=publish_monthly_scorecards.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return None
    run_after = first_of_next_month(after or timezone.now())
    return publish_monthly_scorecards.using(run_after=run_after).enqueue()


@task()
def draw_report_charts() -> int:
    """Draw the charts of each partnership's latest annual report, as page and as
    document images, into the chart cache; return how many charts there are."""
    drawn = 0
    for partnership in Partnership.objects.all():
        delivery_plan = DeliveryPlan.objects.current(partnership)
        if delivery_plan is None:
            continue
        for section in annual_report(delivery_plan).indicators:
            if section.chart is not None:
                section.chart.svg()
                section.chart.png(dpi=FIGURE_DPI)
                drawn += 1
    return drawn
