"""Work the background worker does on its own: the monthly scorecard, and drawing charts."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from docx import Document

from goldenthread.charts import Chart, clear_cache
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import DataPoint
from goldenthread.indicators.tests.world import load_demo_indicators, row, write_values
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.tests.seed import import_seed
from goldenthread.reports.annual import annual_report
from goldenthread.reports.models import PublishedReport
from goldenthread.reports.render import render
from goldenthread.reports.tasks import (
    draw_report_charts,
    first_of_next_month,
    publish_monthly_scorecards,
)

LONDON = dt.timezone(dt.timedelta(0))


def test_the_next_run_is_the_first_of_next_month_at_six():
    assert first_of_next_month(dt.datetime(2026, 11, 22, 15, tzinfo=LONDON)).isoformat() == (
        "2026-12-01T06:00:00+00:00"
    )
    december = first_of_next_month(dt.datetime(2026, 12, 31, 23, tzinfo=LONDON))
    assert (december.year, december.month, december.day) == (2027, 1, 1)


@pytest.mark.slow
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


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_it(plan):
    """The same path as production: enqueue, then the database worker runs it.

    Transactional, because the worker closes its database connection between tasks,
    which inside the usual test transaction would throw the test's data away; and so it
    builds its own Thurrock, committed, where the others here share the module's.
    """
    load_demo_indicators(import_seed(plan.partnership))
    publish_monthly_scorecards.enqueue(reschedule=False)
    call_command("db_worker", batch=True, interval=0, verbosity=0)

    assert PublishedReport.objects.filter(kind="scorecard").count() == 1
    ran = DBTaskResult.objects.get(task_path=publish_monthly_scorecards.module_path)
    assert ran.status == "SUCCESSFUL"


def test_new_values_have_the_worker_draw_the_report_charts(
    thurrock, tmp_path, django_capture_on_commit_callbacks
):
    point = DataPoint.objects.filter(area=thurrock.area, breakdown="").select_related(
        "indicator", "period"
    )[0]
    revised = write_values(
        tmp_path / "revised.csv",
        [
            row(point.indicator.code, thurrock.area.code, point.period.label, str(point.value + 1)),
        ],
    )

    with django_capture_on_commit_callbacks(execute=True):
        import_values(revised)
    with django_capture_on_commit_callbacks(execute=True):
        import_values(revised)  # unchanged this time: nothing to draw

    [queued] = DBTaskResult.objects.filter(task_path=draw_report_charts.module_path)
    assert queued.status == "READY"


@pytest.mark.slow
def test_drawing_the_charts_leaves_a_report_nothing_to_draw(thurrock, monkeypatch):
    clear_cache()
    charts = [s.chart for s in report_of(thurrock).indicators if s.chart is not None]
    assert draw_report_charts.call() == len(charts) > 0

    def draw_again(*args):
        raise AssertionError("a chart was drawn again")

    monkeypatch.setattr(Chart, "_draw_png", draw_again)
    monkeypatch.setattr(Chart, "_draw_svg", draw_again)
    document = Document(io.BytesIO(render(report_of(thurrock), "docx").content))
    assert len(document.inline_shapes) == len(charts)


def report_of(thurrock):
    return annual_report(DeliveryPlan.objects.current(thurrock))
