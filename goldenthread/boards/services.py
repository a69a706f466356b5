"""Recording what happens at a meeting: a report presented completes its action.

Two officers may record the same item at once (one from the minutes, one from the
room). The item is claimed with a conditional UPDATE, so only one of them wins and the
action is completed once; the other is told who recorded it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from goldenthread.audit.context import Source
from goldenthread.audit.records import record_change
from goldenthread.plans.models import Action, ActionUpdate, Status
from goldenthread.plans.services import add_update

from .models import AgendaItem, Meeting, MeetingStatus, long_date


class CannotPresent(Exception):
    """The item cannot be recorded as presented: the message says why."""


def presented_commentary(meeting: Meeting) -> str:
    """What the action's history says: "Report presented to H&WBB on 13 November 2014."."""
    return f"Report presented to {meeting.board.short_name} on {long_date(meeting.date)}."


@transaction.atomic
def present_item(
    item: AgendaItem, *, by: User | None, today: dt.date | None = None
) -> ActionUpdate | None:
    """Record that the item's report was presented, and complete the action it evidences.

    The meeting must have taken place: presenting at a meeting still scheduled for a
    past day records it as held. Returns the update added to the action, if any.
    Raises ``CannotPresent`` for a cancelled or future meeting, or an item already
    recorded (perhaps a moment ago, by someone else).
    """
    meeting = item.meeting
    today = today or timezone.localdate()
    if meeting.status == MeetingStatus.CANCELLED:
        raise CannotPresent(f"The meeting on {long_date(meeting.date)} was cancelled.")
    if meeting.date > today:
        raise CannotPresent(
            f"The meeting on {long_date(meeting.date)} has not happened yet: "
            "record the report as presented on or after that day."
        )
    claimed = AgendaItem.objects.filter(pk=item.pk, presented_at__isnull=True).update(
        presented_at=timezone.now(), presented_by=by
    )
    if claimed != 1:
        item.refresh_from_db()
        raise CannotPresent(_already_presented(item))
    item.refresh_from_db(fields=["presented_at", "presented_by"])
    record_change(item, presented_at=(None, item.presented_at), presented_by=(None, by))
    if meeting.status != MeetingStatus.HELD:
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
        record_change(meeting, status=(meeting.status, MeetingStatus.HELD))
        meeting.status = MeetingStatus.HELD
    if item.action is None:
        return None
    return _complete(item.action, meeting, by)


def _complete(action: Action, meeting: Meeting, by: User | None) -> ActionUpdate:
    """Complete the action, or, if it already is, add the presentation to its history."""
    action.refresh_from_db()
    status = "" if action.status == Status.COMPLETED else Status.COMPLETED
    return add_update(
        action,
        by=by,
        status=status,
        commentary=presented_commentary(meeting),
        date=meeting.date,
        via=Source.WEB,
    )


def _already_presented(item: AgendaItem) -> str:
    who = item.presented_by
    name = (who.get_full_name() or who.get_username()) if who else "someone else"
    when = timezone.localtime(item.presented_at).strftime("%d %B %Y at %H:%M")
    return f"“{item.title}” was already recorded as presented by {name} on {when}."
