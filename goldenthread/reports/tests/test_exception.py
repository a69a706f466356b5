import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from docx import Document

from goldenthread.indicators.scorecard import scorecard
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import Action, DeliveryPlan, Status
from goldenthread.reports.exception import (
    action_reasons,
    exception_report,
    indicator_reasons,
    off_track_actions,
)
from goldenthread.reports.render import render
from goldenthread.reports.tests.conftest import read_report
from goldenthread.reports.tests.test_findings import ay, evaluation

AFTER_THE_YEAR = dt.date(2015, 6, 1)


@pytest.fixture(scope="module")
def report(thurrock_world, django_db_blocker):
    """The exception report after the year, built once for the module's tests to read."""
    return read_report(django_db_blocker, thurrock_world, exception_report, today=AFTER_THE_YEAR)


def test_actions_carried_forward_deferred_or_withdrawn_are_listed_with_commentary_and_lead(
    report, thurrock
):
    off_track = Action.objects.filter(
        delivery_plan__plan__partnership=thurrock,
        status__in=[Status.CARRIED_FORWARD, Status.DEFERRED, Status.WITHDRAWN],
    ).with_leads()
    listed = {a.code: a for a in report.actions}
    assert set(off_track.values_list("code", flat=True)) <= set(listed)
    for action in off_track:
        assert listed[action.code].commentary == action.latest_commentary
        assert listed[action.code].lead == action.lead_in_full
    completed = Action.objects.filter(
        delivery_plan__plan__partnership=thurrock, status=Status.COMPLETED
    )
    assert not set(completed.values_list("code", flat=True)) & set(listed)


def test_an_action_past_its_due_date_and_not_finished_is_overdue(action):
    action.due_date, action.status = dt.date(2015, 3, 31), Status.IN_PROGRESS

    assert action_reasons(action, AFTER_THE_YEAR) == ["overdue: not finished by 31 March 2015"]
    assert action_reasons(action, dt.date(2015, 3, 1)) == []
    action.status = Status.COMPLETED
    assert action_reasons(action, AFTER_THE_YEAR) == []
    # A decision about the action is its reason, not lateness.
    action.status = Status.DEFERRED
    assert action_reasons(action, AFTER_THE_YEAR) == ["deferred"]


def test_an_overdue_action_unfinished_at_year_end_is_listed_for_that_alone(action):
    action.due_date, action.status = dt.date(2014, 9, 30), Status.NOT_STARTED

    assert action_reasons(action, AFTER_THE_YEAR, ended=FinancialYear(2014)) == [
        "unfinished at the end of 2014/15 (not started)"
    ]


def test_an_unfinished_action_is_listed_once_its_year_has_ended(action):
    action.status = Status.IN_PROGRESS
    ended = FinancialYear(2014)

    assert action_reasons(action, AFTER_THE_YEAR, ended=ended) == [
        "unfinished at the end of 2014/15 (in progress)"
    ]
    assert action_reasons(action, dt.date(2015, 3, 1)) == []
    action.status = ""
    assert action_reasons(action, AFTER_THE_YEAR, ended=ended) == [
        "unfinished at the end of 2014/15 (not known)"
    ]
    for finished in (Status.COMPLETED, Status.CARRIED_FORWARD, Status.WITHDRAWN):
        action.status = finished
        assert "unfinished" not in " ".join(action_reasons(action, AFTER_THE_YEAR, ended=ended))


def test_after_the_year_it_lists_exactly_the_actions_unfinished_with_their_leads(report, thurrock):
    decided = [Status.COMPLETED, Status.CARRIED_FORWARD, Status.DEFERRED, Status.WITHDRAWN]
    unfinished = (
        Action.objects.filter(delivery_plan__plan__partnership=thurrock)
        .exclude(status__in=decided)
        .with_leads()
        .in_plan_order()
    )
    listed = [
        (a.code, a.lead)
        for a in report.actions
        if any(r.startswith("unfinished at the end of 2014/15") for r in a.reasons)
    ]

    assert listed == [(a.code, a.lead_in_full) for a in unfinished]
    assert {lead for _, lead in listed} >= {"Nina Patel, CCG", "CCG"}


def test_before_the_year_ends_no_action_is_listed_as_unfinished(thurrock):
    plan = DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))

    early = exception_report(plan, today=dt.date(2015, 3, 30))

    assert not [a for a in early.actions if "unfinished" in " ".join(a.reasons)]


def test_an_indicator_is_listed_when_red_worsening_or_significantly_worse():
    assert indicator_reasons(evaluation(rag="red")) == ["red against its target"]
    worse = evaluation(
        previous_value=80.0,
        previous_period=ay("2012/13"),
        significance="Worse 99.8%",
        trend=[["2012/13", 80.0, 79.0, 81.0], ["2013/14", 77.0, 76.0, 78.0]],
    )
    assert indicator_reasons(worse) == [
        "worsening since 2012/13: their 95% confidence intervals do not overlap",
        "significantly worse than England",
    ]
    untested = evaluation(previous_value=80.0, previous_period=ay("2012/13"))
    assert indicator_reasons(untested) == []
    assert indicator_reasons(evaluation(rag="green", significance="Similar")) == []


def test_the_demos_off_track_indicators_say_why_and_what_the_figures_are(report):
    for indicator in report.indicators:
        assert indicator.reasons and indicator.sentences
    codes = [i.code for i in report.indicators]
    # Fell from 73.5% to 72.2%, but without limits the fall is not tested: not listed.
    assert "ks4-progress-english" not in codes


def test_the_exception_report_in_word_and_json(report):
    document = Document(io.BytesIO(render(report, "docx").content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Actions off track", "Indicators off track"} <= set(headings)
    [table] = document.tables
    assert len(table.rows) == len(report.actions) + 1
    data = json.loads(render(report, "json").content)
    assert [a["code"] for a in data["actions"]] == [a.code for a in report.actions]
    assert data["data_as_of"] == report.data_as_of.isoformat()
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"up to {report.data_as_of:%-d %B %Y}" in text


def test_the_exception_page(client, thurrock):
    page = client.get(reverse("reports:report", args=["thurrock", "2014-15", "exception"]))

    assert page.status_code == 200
    assert "Actions off track" in page.content.decode()


def test_the_demos_milestones_are_not_met_only_once_due_and_judged(report, thurrock):
    """As at 31 March 2015: nothing falling due in 2015/16 or August 2016 is "not met",
    nor is a milestone judged from a value older than its date."""
    red = {i.code for i in report.indicators if "red against its target" in i.reasons}
    not_yet_due = {
        "ks2-schools-below-floor",  # 0 schools by August 2016
        "ks4-schools-below-floor",
        "participation-16-18",  # 90% by 2015/16
        "care-leavers-eet",
    }
    too_old = {"two-year-old-places", "adults-qualified-l2"}  # October 2012 values
    assert not red & (not_yet_due | too_old)
    year_end = dt.date(2015, 3, 31)
    judged = {row.indicator.code: row.evaluation for row in scorecard(thurrock, as_of=year_end)}
    for e in judged.values():
        if e.rag:
            assert e.target.due is None or e.target.due <= min(year_end, e.period.end)
    assert {code for code in not_yet_due if judged[code].timing == "not yet due"} == not_yet_due
    assert judged["two-year-old-places"].not_judged == (
        "No data since the milestone was due (September 2014)"
    )


def test_the_actions_and_their_leads_are_read_in_one_query(thurrock, django_assert_num_queries):
    plan = DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))

    with django_assert_num_queries(1):
        listed = off_track_actions(plan, AFTER_THE_YEAR)

    assert {"Nina Patel, CCG", "CCG"} <= {a.lead for a in listed}
