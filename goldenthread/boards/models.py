"""Boards, their members, cycles and meetings, and the reports presented to them.

A partnership answers to boards: the Health and Wellbeing Board it is accountable to,
its own partnership board and executive, the Local Safeguarding Children Board and
Overview and Scrutiny. Many actions are "Receive a report on X": they are done when the
report goes to a board, so an agenda item may name the action it evidences. Presenting
an item goes through ``services.present_item``, which records it and completes the
action; don't set ``presented_at`` directly.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from goldenthread.lib.periods import FinancialYear

EXCEPTION_REPORT = "exception"  # the PublishedReport kind a board gets when things are off track


def long_date(day: dt.date) -> str:
    """A date as papers write it: ``13 November 2014``."""
    return f"{day.day} {day:%B %Y}"


class Cycle(models.TextChoices):
    """How often a board meets, as its terms of reference put it."""

    TERMLY = "termly", "Three times a year (autumn, spring, summer)"
    SIX_WEEKLY = "six_weekly", "Every six weeks"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    AS_NEEDED = "as_needed", "As needed"


class BoardQuerySet(models.QuerySet):
    def of(self, partnership) -> BoardQuerySet:
        return self.filter(partnership=partnership)


class Board(models.Model):
    """A board or committee the partnership reports to, such as the H&WBB."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="boards"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=30, help_text="As people write it in papers, such as “H&WBB” or “LSCB”."
    )
    slug = models.SlugField(help_text="Its part of the page address, such as “hwbb”.")
    purpose = models.TextField("what it is for", blank=True)
    accountable_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accountable_boards",
        help_text="The board this one answers to, if any.",
    )
    cycle = models.CharField(max_length=20, choices=Cycle.choices, default=Cycle.AS_NEEDED)

    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="unique_board_slug"),
            models.UniqueConstraint(
                fields=["partnership", "short_name"], name="unique_board_short_name"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("boards:board", args=[self.partnership.slug, self.slug])

    def next_meeting(self, on: dt.date | None = None) -> Meeting | None:
        """The first scheduled meeting on or after the day (today by default)."""
        return self.meetings.coming(on).first()

    def members_on(self, day: dt.date | None = None) -> BoardMemberQuerySet:
        return self.members.active_on(day or timezone.localdate())


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    OFFICER = "officer", "Officer"


# Chair first, officers last, as a membership list is printed on an agenda.
ROLE_ORDER = models.Case(
    *(models.When(role=role, then=n) for n, role in enumerate(MemberRole.values)),
    output_field=models.IntegerField(),
)


class BoardMemberQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> BoardMemberQuerySet:
        """Members who had joined by the day and had not left before it.

        ``left_on`` is a member's last day, so they still count on it.
        """
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gte=day), joined_on__lte=day)

    def in_role_order(self) -> BoardMemberQuerySet:
        return self.order_by(ROLE_ORDER, "person__name")


class BoardMember(models.Model):
    """A person's seat on a board, from the day they joined to the day they left."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="board_seats"
    )
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True, help_text="Their last day on the board.")

    objects = BoardMemberQuerySet.as_manager()

    class Meta:
        ordering = ["board", "joined_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="member_leaves_after_joining",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.board})"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class MeetingQuerySet(models.QuerySet):
    def coming(self, on: dt.date | None = None) -> MeetingQuerySet:
        """Scheduled meetings from the day on (today by default), soonest first."""
        day = on or timezone.localdate()
        return self.filter(status=MeetingStatus.SCHEDULED, date__gte=day).order_by("date", "time")

    def past(self, on: dt.date | None = None) -> MeetingQuerySet:
        """Meetings before the day, and any already held: the latest first."""
        day = on or timezone.localdate()
        return self.filter(Q(date__lt=day) | Q(status=MeetingStatus.HELD)).order_by(
            "-date", "-time"
        )


class Meeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    time = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "time"]
        constraints = [
            models.UniqueConstraint(fields=["board", "date"], name="one_meeting_a_day_per_board")
        ]

    def __str__(self) -> str:
        return f"{self.board}, {long_date(self.date)}"

    def get_absolute_url(self) -> str:
        board = self.board
        return reverse("boards:meeting", args=[board.partnership.slug, board.slug, self.pk])

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.containing(self.date)

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD


class AgendaItemQuerySet(models.QuerySet):
    def due(self) -> AgendaItemQuerySet:
        """Reports not yet presented, at meetings still to take place, in date order."""
        return self.filter(
            presented_at__isnull=True, meeting__status=MeetingStatus.SCHEDULED
        ).order_by("meeting__date", "meeting__time", "position", "pk")

    def presented(self) -> AgendaItemQuerySet:
        return self.filter(presented_at__isnull=False)

    def exception_reports(self) -> AgendaItemQuerySet:
        return self.filter(published_report__kind=EXCEPTION_REPORT)

    def with_actions_visible_to(self, user) -> AgendaItemQuerySet:
        """With each item's action (its year and leads) read in one query, and left out
        (``item.action`` is None) where the user may not read it: an agenda is the
        board's, but the action it evidences may be a draft's or a private plan's
        (``ActionQuerySet.visible_to``). Without a user, every action (reports, tasks)."""
        from goldenthread.plans.models import Action

        actions = Action.objects.all() if user is None else Action.objects.visible_to(user)
        actions = actions.with_leads().select_related("delivery_plan")
        return self.prefetch_related(models.Prefetch("action", queryset=actions))


class AgendaItem(models.Model):
    """A report on a meeting's agenda: presented there, or due to be."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=300)
    lead = models.CharField(
        max_length=200, blank=True, help_text="Who presents it, as the agenda writes it."
    )
    lead_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    published_report = models.ForeignKey(
        "reports.PublishedReport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
        help_text="The archived report the board was given, such as an exception report.",
    )
    action = models.ForeignKey(
        "plans.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        help_text="The action this report is the evidence for.",
    )
    presented_at = models.DateTimeField(null=True, blank=True)
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.meeting})"

    @property
    def is_presented(self) -> bool:
        return self.presented_at is not None

    @property
    def presenter(self) -> str:
        return self.lead_person.name if self.lead_person else self.lead
