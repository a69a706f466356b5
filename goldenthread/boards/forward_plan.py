"""The forward plan: which reports are due at which coming meeting, and what has none.

An officer assembling a board's papers needs two lists: the agenda items not yet
presented at meetings still to come, by date; and the "receive a report" actions of the
current delivery plan that no agenda carries yet, so that none is forgotten.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from goldenthread.partnerships.models import Partnership, Someone
from goldenthread.plans.models import Action, DeliveryPlan

from .models import AgendaItem, Board, Meeting, MeetingStatus
from .report_actions import report_rule


@dataclass
class WaitingAction:
    action: Action
    rule: str  # the name of the pattern that picked it, shown as the reason


@dataclass
class ForwardPlan:
    partnership: Partnership
    board: Board | None
    delivery_plan: DeliveryPlan | None
    meetings: list[Meeting] = field(default_factory=list)  # each with .due_items
    waiting: list[WaitingAction] = field(default_factory=list)

    @property
    def due_count(self) -> int:
        return sum(len(meeting.due_items) for meeting in self.meetings)


def forward_plan(
    partnership: Partnership,
    board: Board | None = None,
    today: dt.date | None = None,
    *,
    user: Someone | None = None,
) -> ForwardPlan:
    """The partnership's forward plan, or one board's, as it stands on the day: as the
    user may read it (the plan's actions only if its plan is readable to them)."""
    today = today or timezone.localdate()
    delivery_plan = DeliveryPlan.objects.current(partnership, user)
    return ForwardPlan(
        partnership=partnership,
        board=board,
        delivery_plan=delivery_plan,
        meetings=_coming_meetings(partnership, board, today, user),
        waiting=waiting_actions(delivery_plan, board) if delivery_plan else [],
    )


def _coming_meetings(
    partnership: Partnership, board: Board | None, today: dt.date, user: Someone | None
):
    meetings = Meeting.objects.filter(board__partnership=partnership).coming(today)
    if board is not None:
        meetings = meetings.filter(board=board)
    due = (
        AgendaItem.objects.due()
        .select_related("lead_person", "published_report")
        .with_actions_visible_to(user)
    )
    return list(
        meetings.select_related("board").prefetch_related(
            Prefetch("items", queryset=due, to_attr="due_items")
        )
    )


def waiting_actions(delivery_plan: DeliveryPlan, board: Board | None = None) -> list[WaitingAction]:
    """Report actions still to do (unfinished: a completed, withdrawn, carried-forward or
    deferred action waits for no meeting of this year's boards) with no agenda item at any
    meeting not cancelled.

    For one board, only those whose text names it ("report to H&WBB"): the rest could
    go to any board, and are listed on the partnership's forward plan.
    """
    actions = (
        Action.objects.for_delivery_plan(delivery_plan)
        .unfinished()
        .exclude(agenda_items__meeting__status__in=[MeetingStatus.SCHEDULED, MeetingStatus.HELD])
        .select_related("objective__aim")
        .with_leads()
        .in_plan_order()
    )
    waiting = []
    for action in actions:
        rule = report_rule(action.text)
        if rule and (board is None or names_board(action.text, board)):
            waiting.append(WaitingAction(action, rule))
    return waiting


def names_board(text: str, board: Board) -> bool:
    """Does the text name the board, by its name or as people write it?"""
    # "HWBB" and "H&WBB" are the same board, so the short name counts without its "&".
    names = {board.name, board.short_name, board.short_name.replace("&", "")}
    return any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in names if name
    )
