import datetime as dt

import pytest

from goldenthread.audit.context import Source
from goldenthread.boards.models import MeetingStatus
from goldenthread.boards.services import CannotPresent, present_item
from goldenthread.plans.models import ActionChange, Status

from .factories import AgendaItemFactory, MeetingFactory, days_from_today

pytestmark = pytest.mark.django_db


def test_presenting_an_item_completes_its_action_once(held_meeting, action, manager):
    item = AgendaItemFactory(meeting=held_meeting, action=action)

    update = present_item(item, by=manager)

    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    assert action.latest_commentary == "Report presented to H&WBB on 13 November 2014."
    assert (update.status, update.via, update.author, update.date) == (
        Status.COMPLETED,
        Source.WEB,
        manager,
        dt.date(2014, 11, 13),
    )
    change = ActionChange.objects.get(action=action, field="status")
    assert (change.new_value, change.changed_by) == (Status.COMPLETED, manager)
    item.refresh_from_db()
    assert item.is_presented and item.presented_by == manager


def test_presenting_twice_is_refused_and_completes_nothing_more(
    held_meeting, action, manager, superuser
):
    item = AgendaItemFactory(meeting=held_meeting, action=action, title="CAMHS progress")
    present_item(item, by=manager)
    # The second officer opened the page before the first one saved.
    stale = type(item).objects.get(pk=item.pk)
    stale.presented_at = None

    with pytest.raises(
        CannotPresent, match="“CAMHS progress” was already recorded as presented by"
    ):
        present_item(stale, by=superuser)

    assert action.updates.count() == 1
    assert ActionChange.objects.filter(action=action, field="status").count() == 1


def test_presenting_records_a_past_scheduled_meeting_as_held(held_meeting, manager):
    item = AgendaItemFactory(meeting=held_meeting)

    assert present_item(item, by=manager) is None

    held_meeting.refresh_from_db()
    assert held_meeting.status == MeetingStatus.HELD


def test_a_report_cannot_be_presented_before_the_meeting(hwbb, action, manager):
    item = AgendaItemFactory(
        meeting=MeetingFactory(board=hwbb, date=days_from_today(7)), action=action
    )

    with pytest.raises(CannotPresent, match="has not happened yet"):
        present_item(item, by=manager)

    item.refresh_from_db()
    assert not item.is_presented and action.updates.count() == 0


def test_a_report_cannot_be_presented_at_a_cancelled_meeting(hwbb, manager):
    meeting = MeetingFactory(board=hwbb, status=MeetingStatus.CANCELLED)

    with pytest.raises(CannotPresent, match="was cancelled"):
        present_item(AgendaItemFactory(meeting=meeting), by=manager)


def test_an_action_already_completed_keeps_its_status_and_gains_the_evidence(
    held_meeting, action, manager
):
    action.status = Status.COMPLETED
    action.save()
    item = AgendaItemFactory(meeting=held_meeting, action=action)

    update = present_item(item, by=manager)

    assert update.status == ""
    assert update.commentary == "Report presented to H&WBB on 13 November 2014."
    assert not ActionChange.objects.filter(action=action, field="status").exists()
