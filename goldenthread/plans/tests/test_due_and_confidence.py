"""Every action falls due (its due date, else the end of its delivery year) and is overdue
once that day has passed unfinished; the lead gives a confidence with each update."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from goldenthread.audit.context import Source, acting
from goldenthread.plans.exports import HEADERS
from goldenthread.plans.models import Action, Confidence, Status
from goldenthread.plans.services import add_update
from goldenthread.plans.tests.factories import ActionFactory, make_lead

YEAR_END = dt.date(2015, 3, 31)  # the last day of 2014/15, the factories' delivery year
NEXT_DAY = dt.date(2015, 4, 1)
FINISHED = [Status.COMPLETED, Status.CARRIED_FORWARD, Status.DEFERRED, Status.WITHDRAWN]


def test_an_action_with_no_due_date_falls_due_at_the_end_of_its_delivery_year(action):
    assert action.due_date is None
    assert action.falls_due == YEAR_END
    assert action.due_date_is_year_end

    action.due_date = dt.date(2014, 9, 30)
    assert action.falls_due == dt.date(2014, 9, 30)
    assert not action.due_date_is_year_end


@pytest.mark.parametrize("status", ["", Status.NOT_STARTED, Status.IN_PROGRESS])
def test_an_unfinished_action_is_overdue_only_after_the_day_it_falls_due(action, status):
    action.status = status
    assert not action.is_overdue(on=YEAR_END)  # on the day itself it is still in time
    assert action.is_overdue(on=NEXT_DAY)

    action.due_date = dt.date(2014, 9, 30)
    assert not action.is_overdue(on=dt.date(2014, 9, 30))
    assert action.is_overdue(on=dt.date(2014, 10, 1))


@pytest.mark.parametrize("status", FINISHED)
def test_a_finished_action_is_never_overdue(action, status):
    action.status, action.due_date = status, dt.date(2014, 9, 30)
    assert not action.is_overdue(on=dt.date(2016, 1, 1))


def test_the_queryset_says_what_each_action_says(plan):
    """``ActionQuerySet.overdue`` and ``Action.is_overdue`` are one rule: on any day,
    for every mix of status and due date, they pick the same actions."""
    due_dates = [None, dt.date(2014, 9, 30), dt.date(2015, 6, 30)]
    statuses = ["", Status.NOT_STARTED, Status.IN_PROGRESS, *FINISHED]
    for due in due_dates:
        for status in statuses:
            ActionFactory(objective__aim__plan=plan, due_date=due, status=status)
    actions = Action.objects.filter(delivery_plan__plan=plan).select_related("delivery_plan")
    for day in [
        dt.date(2014, 9, 30),
        dt.date(2014, 10, 1),
        YEAR_END,
        NEXT_DAY,
        dt.date(2016, 1, 1),
    ]:
        expected = {a.pk for a in actions if a.is_overdue(on=day)}
        assert set(actions.overdue(on=day).values_list("pk", flat=True)) == expected, day
    # After every due date, exactly the unfinished actions are overdue.
    assert actions.overdue(on=dt.date(2016, 1, 1)).count() == 3 * 3


def test_an_update_sets_the_confidence_and_one_without_keeps_it(action):
    add_update(action, by=None, commentary="Slipping", confidence=Confidence.AT_RISK)
    action.refresh_from_db()
    assert (action.confidence, action.confidence_label) == ("at_risk", "At risk")
    assert action.updates.get().confidence_label == "At risk"

    add_update(action, by=None, commentary="Nothing new to say")
    action.refresh_from_db()
    assert action.confidence_label == "At risk"
    assert action.updates.first().confidence == ""

    with pytest.raises(ValueError, match="not a confidence"):
        add_update(action, by=None, commentary="?", confidence="amber")


def action_url(action):
    return reverse("plans:action", args=[action.delivery_plan.partnership.slug, action.pk])


def test_the_update_form_round_trips_the_confidence_into_the_page_history_and_trail(
    client, seeded, contributor, manager
):
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    client.force_login(contributor)
    form = client.get(action_url(action)).content.decode()
    assert 'name="confidence" type="radio" value="off_track"' in form
    assert "How confident are you that it will be delivered?" in form

    with acting(contributor, Source.WEB):
        response = client.post(
            action_url(action),
            {
                "confidence": Confidence.OFF_TRACK,
                "commentary": "The report has slipped to the summer",
                "version": action.version,
            },
            follow=True,
        )

    page = response.content.decode()
    assert "Your update to action 8.13 has been added." in page
    assert '<strong class="govuk-tag govuk-tag--red">Off track</strong>' in page
    assert "· confidence: off track" in page  # the history, in words
    assert "Changed confidence</strong>" in page and "to “Off track”" in page
    action.refresh_from_db()
    assert action.confidence == Confidence.OFF_TRACK
    assert action.updates.get(commentary__startswith="The report").confidence == "off_track"

    client.force_login(manager)
    trail = client.get(reverse("audit:item", args=["thurrock", "plans.action", action.pk]))
    assert "Off track" in trail.content.decode()
    assert "off_track" not in trail.content.decode()


def test_the_action_page_says_when_it_falls_due_and_that_it_is_overdue(client, seeded):
    action = Action.objects.get(code="8.13")
    Action.objects.filter(pk=action.pk).update(status=Status.IN_PROGRESS, due_date=None)

    page = client.get(action_url(action)).content.decode()

    assert "31 March 2015 (the end of its delivery year: no due date was given)" in page
    # Today is long after 2014/15: unfinished, it is overdue, said in words.
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert "Not given" in page  # no confidence yet

    # Saved as every change is (recorded, so the cached page is read afresh).
    action.refresh_from_db()
    action.status = Status.COMPLETED
    action.save()
    assert ">Overdue</strong>" not in client.get(action_url(action)).content.decode()


def test_the_tree_marks_overdue_actions_in_a_fixed_number_of_queries(
    client, seeded, django_assert_max_num_queries
):
    overdue = set(Action.objects.overdue().values_list("code", flat=True))
    assert overdue  # the seed's unfinished 2014/15 actions are past their year end
    with django_assert_max_num_queries(20):
        page = client.get(reverse("plans:tree", args=["thurrock", "2014-15"])).content.decode()
    assert page.count(">Overdue</strong>") == len(overdue)


def export(client, fmt):
    return client.get(reverse("plans:export", args=["thurrock", "2014-15", fmt]))


def test_the_exports_give_when_each_falls_due_whether_overdue_and_the_confidence(client, seeded):
    Action.objects.filter(code="8.11").update(
        due_date=dt.date(2014, 9, 30), status=Status.IN_PROGRESS, confidence=Confidence.AT_RISK
    )
    Action.objects.filter(code="8.12").update(due_date=None, status=Status.COMPLETED)
    overdue = set(Action.objects.overdue().values_list("code", flat=True))

    rows = list(csv.DictReader(io.StringIO(export(client, "csv").content.decode())))
    by_code = {row["Code"]: row for row in rows}
    assert by_code["8.11"]["Overdue after"] == "2014-09-30"
    assert (by_code["8.11"]["Overdue"], by_code["8.11"]["Confidence"]) == ("Overdue", "At risk")
    assert by_code["8.12"]["Overdue after"] == "2015-03-31"
    assert (by_code["8.12"]["Overdue"], by_code["8.12"]["Confidence"]) == ("", "")
    assert {code for code, row in by_code.items() if row["Overdue"]} == overdue

    sheet = load_workbook(io.BytesIO(export(client, "xlsx").content)).active
    table = list(sheet.iter_rows(values_only=True))
    assert list(table[0]) == HEADERS
    records = {row[2]: dict(zip(HEADERS, row, strict=True)) for row in table[1:]}
    assert records["8.11"]["Overdue after"] == dt.datetime(2014, 9, 30)
    assert records["8.12"]["Overdue after"] == dt.datetime(2015, 3, 31)
    assert (records["8.11"]["Overdue"], records["8.11"]["Confidence"]) == ("Overdue", "At risk")
    assert {code for code, row in records.items() if row["Overdue"]} == overdue
