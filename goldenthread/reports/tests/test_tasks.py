"""The monthly scorecard, published by the background worker."""

import datetime as dt

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from goldenthread.reports.models import PublishedReport
from goldenthread.reports.tasks import first_of_next_month, publish_monthly_scorecards

LONDON = dt.timezone(dt.timedelta(0))


def test_the_next_run_is_the_first_of_next_month_at_six():
    assert first_of_next_month(dt.datetime(2026, 11, 22, 15, tzinfo=LONDON)).isoformat() == (
        "2026-12-01T06:00:00+00:00"
    )
    december = first_of_next_month(dt.datetime(2026, 12, 31, 23, tzinfo=LONDON))
    assert (december.year, december.month, december.day) == (2027, 1, 1)


def test_the_task_files_the_scorecard_in_the_archive_and_queues_next_month(thurrock):
    published_ids = publish_monthly_scorecards.call()

    published = PublishedReport.objects.get(pk__in=published_ids)
    assert published.kind == "scorecard" and published.published_by is None
    assert published.publisher == "the monthly schedule"
    assert published.files.filter(format="pdf").exists()
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.task_path.endswith("publish_monthly_scorecards")
    assert waiting.run_after.day == 1


def test_scheduling_twice_queues_it_once(db, capsys):
    call_command("schedule_reports")
    call_command("schedule_reports")

    assert DBTaskResult.objects.count() == 1
    assert "already queued" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_it(thurrock):
    """The same path as production: enqueue, then the database worker runs it.

    Transactional, because the worker closes its database connection between tasks,
    which inside the usual test transaction would throw the test's data away.
    """
    publish_monthly_scorecards.enqueue(reschedule=False)
    call_command("db_worker", batch=True, interval=0, verbosity=0)

    assert PublishedReport.objects.filter(kind="scorecard").count() == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
