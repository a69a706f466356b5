import pytest

from goldenthread.boards.forward_plan import forward_plan, names_board
from goldenthread.boards.models import MeetingStatus
from goldenthread.plans.models import Status
from goldenthread.plans.tests.factories import ActionFactory

from .factories import AgendaItemFactory, BoardFactory, MeetingFactory, days_from_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def lscb(partnership):
    return BoardFactory(
        partnership=partnership,
        name="Local Safeguarding Children Board",
        short_name="LSCB",
        slug="lscb",
    )


def test_it_lists_reports_due_at_coming_meetings_in_date_order(hwbb, lscb, action):
    later = MeetingFactory(board=hwbb, date=days_from_today(40))
    sooner = MeetingFactory(board=lscb, date=days_from_today(10))
    past = MeetingFactory(board=hwbb, date=days_from_today(-10), status=MeetingStatus.HELD)
    cancelled = MeetingFactory(board=lscb, date=days_from_today(20), status=MeetingStatus.CANCELLED)
    due_later = AgendaItemFactory(meeting=later, title="CAMHS progress")
    due_sooner = AgendaItemFactory(meeting=sooner, title="Threshold document")
    AgendaItemFactory(meeting=past, title="Already presented")
    AgendaItemFactory(meeting=cancelled, title="Never presented")

    plan = forward_plan(action.delivery_plan.plan.partnership)

    assert [m.due_items for m in plan.meetings] == [[due_sooner], [due_later]]
    assert plan.due_count == 2


def test_one_boards_forward_plan_shows_only_its_meetings(hwbb, lscb):
    MeetingFactory(board=hwbb, date=days_from_today(40))
    mine = MeetingFactory(board=lscb, date=days_from_today(10))

    assert forward_plan(lscb.partnership, lscb).meetings == [mine]


def test_open_report_actions_with_no_meeting_are_waiting(hwbb, plan):
    waiting = ActionFactory(
        objective__aim__plan=plan, text="Receive a report on the voice of the child"
    )
    on_agenda = ActionFactory(objective__aim__plan=plan, text="Receive a report on CSE")
    AgendaItemFactory(meeting=MeetingFactory(board=hwbb, date=days_from_today(5)), action=on_agenda)
    ActionFactory(objective__aim__plan=plan, text="Receive report on KS2", status=Status.COMPLETED)
    ActionFactory(
        objective__aim__plan=plan, text="Receive report on NEET", status=Status.CARRIED_FORWARD
    )
    ActionFactory(objective__aim__plan=plan, text="Implement the MASH")

    plan_waiting = forward_plan(plan.partnership).waiting

    assert [(w.action, w.rule) for w in plan_waiting] == [(waiting, "receive a report")]


def test_an_action_on_a_cancelled_meetings_agenda_is_still_waiting(hwbb, plan):
    action = ActionFactory(objective__aim__plan=plan, text="Receive a report on CSE")
    cancelled = MeetingFactory(board=hwbb, status=MeetingStatus.CANCELLED)
    AgendaItemFactory(meeting=cancelled, action=action)

    assert [w.action for w in forward_plan(plan.partnership).waiting] == [action]


def test_a_boards_waiting_list_has_the_actions_that_name_it(hwbb, lscb, plan):
    for_lscb = ActionFactory(objective__aim__plan=plan, text="Annual audit, reported to the LSCB")
    ActionFactory(objective__aim__plan=plan, text="Receive a report on CAMHS")

    assert [w.action for w in forward_plan(plan.partnership, lscb).waiting] == [for_lscb]
    assert len(forward_plan(plan.partnership).waiting) == 2


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Report presented to H&WBB on 13.11.14", True),
        ("Update report (HWBB Report)", True),
        ("Report to the Health and Wellbeing Board", True),
        ("Report to the LSCB", False),
        ("Process in place", False),
    ],
)
def test_it_knows_a_board_by_any_of_its_names(hwbb, text, named):
    assert names_board(text, hwbb) is named
