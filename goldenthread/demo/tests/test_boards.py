import datetime as dt

import pytest

from goldenthread.boards.forward_plan import forward_plan
from goldenthread.boards.models import AgendaItem, Board, BoardMember, Meeting
from goldenthread.demo.boards import load_demo_boards
from goldenthread.demo.calendar import AS_AT
from goldenthread.people.models import Person
from goldenthread.plans.models import Action, ActionChange, ActionUpdate


@pytest.fixture
def snapshot():
    def take():
        return (
            sorted(Action.objects.values_list("code", "status", "version")),
            ActionUpdate.objects.count(),
            ActionChange.objects.count(),
        )

    return take


def test_the_demo_boards_load_once_and_leave_imported_statuses_alone(seeded, snapshot):
    before = snapshot()

    load_demo_boards(seeded)
    counts = [m.objects.count() for m in (Board, BoardMember, Meeting, AgendaItem, Person)]
    load_demo_boards(seeded)

    assert [m.objects.count() for m in (Board, BoardMember, Meeting, AgendaItem, Person)] == counts
    assert counts[0] == 5
    assert snapshot() == before
    assert all(p.email.endswith("@example.org") for p in Person.objects.all())


def test_the_demo_links_the_report_the_annual_report_says_went_to_hwbb(seeded):
    load_demo_boards(seeded)

    item = AgendaItem.objects.get(action__code="2.12")
    assert str(item.meeting) == "H&WBB, 13 November 2014"
    assert item.is_presented and item.meeting.is_held
    assert item.meeting.financial_year.start == 2014
    years = {m.financial_year.start for m in Meeting.objects.filter(date__lt=dt.date(2016, 4, 1))}
    assert years == {2014, 2015}


def test_the_demo_forward_plan_has_reports_due(seeded):
    load_demo_boards(seeded)

    plan = forward_plan(seeded, today=AS_AT)  # as at the demo's day

    assert plan.due_count >= 2
    due_actions = {item.action.code for m in plan.meetings for item in m.due_items if item.action}
    assert due_actions == {"9.14", "10.15"}
    assert not due_actions & {w.action.code for w in plan.waiting}
