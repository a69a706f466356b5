"""Boards, meetings and the forward plan. Thin: rules live in models and services."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from goldenthread.partnerships.models import Partnership, Role
from goldenthread.plans.models import DeliveryPlan
from goldenthread.web.access import partnership_view

from .forms import AgendaItemForm, MeetingForm
from .forward_plan import forward_plan
from .models import AgendaItem, Board, Meeting, MeetingStatus
from .services import CannotPresent, present_item


def _context(**extra) -> dict:
    return {"nav": "boards", **extra}


def _board(partnership: Partnership, board_slug: str) -> Board:
    return get_object_or_404(
        Board.objects.select_related("accountable_to"), partnership=partnership, slug=board_slug
    )


def _meeting(board: Board, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("board"), board=board, pk=pk)


@partnership_view()
def board_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    today = timezone.localdate()
    coming = Meeting.objects.coming(today)
    boards = (
        Board.objects.of(partnership)
        .select_related("accountable_to")
        .prefetch_related(Prefetch("meetings", queryset=coming, to_attr="coming_meetings"))
    )
    return render(request, "boards/board_list.html", _context(boards=boards))


@partnership_view()
def board_detail(request: HttpRequest, partnership: Partnership, board_slug: str) -> HttpResponse:
    board = _board(partnership, board_slug)
    today = timezone.localdate()
    members = board.members_on(today).select_related("person").in_role_order()
    exception_reports = (
        AgendaItem.objects.filter(meeting__board=board)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .exception_reports()
        .select_related("meeting", "published_report")
        .order_by("-meeting__date")
    )
    return render(
        request,
        "boards/board_detail.html",
        _context(
            board=board,
            members=members,
            coming=board.meetings.coming(today).prefetch_related("items"),
            past=board.meetings.past(today).prefetch_related("items"),
            exception_reports=exception_reports,
            plan=forward_plan(partnership, board, today, user=request.user),
        ),
    )


@partnership_view()
def meeting_detail(
    request: HttpRequest, partnership: Partnership, board_slug: str, pk: int
) -> HttpResponse:
    meeting = _meeting(_board(partnership, board_slug), pk)
    items = meeting.items.select_related(
        "lead_person", "published_report", "presented_by"
    ).with_actions_visible_to(request.user)
    return render(
        request,
        "boards/meeting_detail.html",
        _context(
            board=meeting.board,
            meeting=meeting,
            items=items,
            today=timezone.localdate(),
        ),
    )


@partnership_view(role=Role.MANAGER)
def add_meeting(request: HttpRequest, partnership: Partnership, board_slug: str) -> HttpResponse:
    board = _board(partnership, board_slug)
    form = MeetingForm(request.POST or None, board=board)
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, f"Meeting of {meeting} added.")
        return redirect(meeting)
    return render(request, "boards/meeting_form.html", _context(board=board, form=form))


@partnership_view(role=Role.MANAGER)
def add_item(
    request: HttpRequest, partnership: Partnership, board_slug: str, pk: int
) -> HttpResponse:
    meeting = _meeting(_board(partnership, board_slug), pk)
    delivery_plan = DeliveryPlan.objects.current(partnership, request.user)
    context = _context(board=meeting.board, meeting=meeting, delivery_plan=delivery_plan)
    form = AgendaItemForm(request.POST or None, meeting=meeting, delivery_plan=delivery_plan)
    if request.method == "POST" and form.is_valid():
        item = form.save()
        messages.success(request, f"“{item.title}” added to the agenda.")
        return redirect(meeting)
    return render(request, "boards/item_form.html", context | {"form": form})


@require_POST
@partnership_view(role=Role.MANAGER)
def present(
    request: HttpRequest, partnership: Partnership, board_slug: str, pk: int, item_pk: int
) -> HttpResponse:
    meeting = _meeting(_board(partnership, board_slug), pk)
    item = get_object_or_404(meeting.items.select_related("action"), pk=item_pk)
    try:
        update = present_item(item, by=request.user)
    except CannotPresent as refusal:
        messages.error(request, str(refusal))
    else:
        done = f" Action {item.action.code} is completed." if update and update.status else ""
        messages.success(request, f"“{item.title}” recorded as presented.{done}")
    return redirect(meeting)


@partnership_view()
def forward_plan_page(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    boards = list(Board.objects.of(partnership))
    chosen = next((b for b in boards if b.slug == request.GET.get("board")), None)
    plan = forward_plan(partnership, chosen, user=request.user)
    return render(
        request,
        "boards/forward_plan.html",
        _context(
            plan=plan,
            boards=boards,
            chosen=chosen,
        ),
    )
