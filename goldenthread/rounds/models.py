"""Update rounds: asking every action lead for progress before a deadline.

A manager opens a round for a delivery plan ("Q3 2014/15 updates, due 15 January").
The actions still open at that moment are the round's actions; each lead is emailed
once with theirs, reminded before the deadline if they have not updated them all, and
chased after it. An action counts as updated in the round when it has an update dated
on or after the day the round opened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse

from goldenthread.lib.periods import FinancialYear, Period, PeriodKind
from goldenthread.people.models import Person
from goldenthread.plans.models import Action, ActionUpdate, Status

# Actions that need no more updates: nobody is asked about them.
CLOSED_STATUSES = (Status.COMPLETED, Status.WITHDRAWN)


def quarter_label(text: str) -> str:
    """A quarter as users write it, "Q3 2014/15", from what they typed ("q3 2014-15").

    Raises ValueError saying how to write it.
    """
    return str(Period.parse(text, PeriodKind.QUARTER))


def is_quarter_of(quarter: str, year: FinancialYear) -> bool:
    """Whether "Q3 2014/15" falls in the financial year 2014/15."""
    return FinancialYear.containing(Period.parse(quarter, PeriodKind.QUARTER).start) == year


class UpdateRoundQuerySet(models.QuerySet):
    def open(self) -> UpdateRoundQuerySet:
        return self.filter(closed_at__isnull=True)

    def for_partnership(self, partnership) -> UpdateRoundQuerySet:
        return self.filter(delivery_plan__plan__partnership=partnership)

    def visible_to(self, user) -> UpdateRoundQuerySet:
        """Rounds of the delivery plans the user may read (``delivery_plan_readable``)."""
        from goldenthread.plans.models import delivery_plan_readable

        return self.filter(delivery_plan_readable(user, "delivery_plan__"))


class UpdateRound(models.Model):
    """One quarter's request for progress on a delivery plan's actions."""

    delivery_plan = models.ForeignKey(
        "plans.DeliveryPlan", on_delete=models.CASCADE, related_name="update_rounds"
    )
    title = models.CharField(max_length=200, help_text='Such as "Q3 2014/15 updates".')
    quarter = models.CharField(max_length=20, help_text="Written as Q3 2014/15.")
    opened_on = models.DateField()
    deadline = models.DateField()
    remind_days_before = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Remind leads who have not updated this many days before."
    )
    overdue_days_after = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Chase leads still outstanding this many days after."
    )
    actions = models.ManyToManyField("plans.Action", related_name="update_rounds")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    collects_values = models.BooleanField(
        default=False,
        help_text="Also ask each owner of the plan's indicators for a value (values.py).",
    )

    objects = UpdateRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["delivery_plan", "title"], name="unique_round_title"),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opened_on")), name="deadline_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rounds:round", args=[self.partnership.slug, self.pk])

    @property
    def partnership(self):
        return self.delivery_plan.plan.partnership

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def is_past_deadline(self, today: dt.date) -> bool:
        return today > self.deadline

    def reminder_on(self) -> dt.date | None:
        if self.remind_days_before is None:
            return None
        return self.deadline - dt.timedelta(days=self.remind_days_before)

    def overdue_reminder_on(self) -> dt.date | None:
        if self.overdue_days_after is None:
            return None
        return self.deadline + dt.timedelta(days=self.overdue_days_after)

    def my_actions_url(self) -> str:
        return reverse("rounds:round_my_actions", args=[self.partnership.slug, self.pk])

    def my_indicators_url(self) -> str:
        return reverse("rounds:my_indicators", args=[self.partnership.slug, self.pk])

    def owners_progress(self, today: dt.date) -> list[OwnerProgress]:
        """Per owner: the values asked of them in the round, and which they have entered."""
        by_owner: dict[int, OwnerProgress] = {}
        past_deadline = self.is_past_deadline(today)
        for asked in self.values.select_related("owner", "indicator", "period"):
            by_owner.setdefault(asked.owner_id, OwnerProgress(asked.owner, past_deadline))
            by_owner[asked.owner_id].values.append(asked)
        return sorted(by_owner.values(), key=lambda p: p.person.name)

    def round_actions(self):
        """The round's actions, each annotated with whether it was updated in the round
        (``updated_in_round``) and the date of its latest update (``last_update_on``)."""
        in_round = ActionUpdate.objects.filter(action=OuterRef("pk"), date__gte=self.opened_on)
        return (
            self.actions.annotate(
                updated_in_round=Exists(in_round), last_update_on=Max("updates__date")
            )
            .select_related("lead_person", "lead_organisation")
            .order_by("sort_key")
        )

    def leads_progress(self, today: dt.date) -> list[LeadProgress]:
        """Per lead: their actions in the round, and which they have updated.

        An action's leads follow the one lead rule (``Action.leads``): its lead person, or
        else everyone in its lead organisation, leaving out who has left; actions nobody
        leads are gathered under no one.
        """
        by_lead: dict[int | None, LeadProgress] = {}
        past_deadline = self.is_past_deadline(today)
        actions = self.round_actions().prefetch_related("lead_organisation__people")
        for action in actions:
            for person in action.leads() or [None]:
                progress = by_lead.setdefault(
                    person.pk if person else None, LeadProgress(person, past_deadline)
                )
                progress.actions.append(action)
        return sorted(by_lead.values(), key=lambda p: (p.person is None, p.name))

    def outstanding_leads(self) -> list[LeadProgress]:
        """Leads with an email address who have not updated all their actions yet."""
        return [
            p for p in self.leads_progress(self.opened_on) if p.person is not None and p.outstanding
        ]


@dataclass
class LeadProgress:
    """One lead's part in a round: n of m actions updated, and when they last updated."""

    person: Person | None  # None for actions nobody leads yet
    past_deadline: bool = False
    actions: list[Action] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.person.name if self.person else ""

    @property
    def updated(self) -> list[Action]:
        return [a for a in self.actions if a.updated_in_round]

    @property
    def outstanding(self) -> list[Action]:
        return [a for a in self.actions if not a.updated_in_round]

    @property
    def overdue(self) -> list[Action]:
        """Actions not updated once the deadline has passed."""
        return self.outstanding if self.past_deadline else []

    @property
    def last_update_on(self) -> dt.date | None:
        return max((a.last_update_on for a in self.actions if a.last_update_on), default=None)

    @property
    def is_done(self) -> bool:
        return not self.outstanding


@dataclass
class OwnerProgress:
    """One indicator owner's part in a round: n of m values entered."""

    person: Person
    past_deadline: bool = False
    values: list[RoundValue] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def entered(self) -> list[RoundValue]:
        return [v for v in self.values if v.is_entered]

    @property
    def outstanding(self) -> list[RoundValue]:
        return [v for v in self.values if not v.is_entered]

    @property
    def overdue(self) -> list[RoundValue]:
        return self.outstanding if self.past_deadline else []

    @property
    def is_done(self) -> bool:
        return not self.outstanding


class ValueState(models.TextChoices):
    ASKED = "asked", "Not entered yet"
    ENTERED = "entered", "Provisional — awaiting sign-off"
    SENT_BACK = "sent_back", "Sent back"
    SIGNED_OFF = "signed_off", "Signed off"


class RoundValueQuerySet(models.QuerySet):
    def provisional(self) -> RoundValueQuerySet:
        """Entered by their owners and not yet signed off: shown only inside the
        partnership, and marked so."""
        return self.filter(state=ValueState.ENTERED)

    def for_partnership(self, partnership) -> RoundValueQuerySet:
        return self.filter(update_round__delivery_plan__plan__partnership=partnership)


class RoundValue(models.Model):
    """A value a round asks an indicator's owner for, for one period, and what they
    entered. It stays here, provisional and seen only inside the partnership, until a
    manager signs it off (``signoff.py``): only then is it written to the indicator's
    published values (``DataPoint``), through the one write path for values."""

    update_round = models.ForeignKey(UpdateRound, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="round_values"
    )
    period = models.ForeignKey("indicators.Period", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="round_values"
    )
    state = models.CharField(max_length=12, choices=ValueState.choices, default=ValueState.ASKED)
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField("count", null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    lower = models.FloatField("lower 95% limit", null=True, blank=True)
    upper = models.FloatField("upper 95% limit", null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(null=True, blank=True)
    sent_back_reason = models.TextField(blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    # Raised by every change: of two people saving or signing off the same value, the
    # second is refused (audit.versions).
    version = models.PositiveIntegerField(default=1)

    objects = RoundValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["update_round", "indicator"], name="one_value_per_round_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}"

    @property
    def is_entered(self) -> bool:
        return self.state in (ValueState.ENTERED, ValueState.SIGNED_OFF)

    @property
    def is_provisional(self) -> bool:
        return self.state == ValueState.ENTERED


class EmailKind(models.TextChoices):
    INVITATION = "invitation", "Invitation"
    REMINDER = "reminder", "Reminder"
    OVERDUE = "overdue", "Overdue reminder"


class RoundEmail(models.Model):
    """An email sent in a round to a lead, an indicator owner, or someone who is both
    (one email covers both). One of each kind at most, so that a task run
    twice (or a manager pressing "send reminders now") never sends the same one again."""

    update_round = models.ForeignKey(UpdateRound, on_delete=models.CASCADE, related_name="emails")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    to_address = models.EmailField()
    action_codes = models.CharField(
        max_length=500, blank=True, help_text="The actions the email asked about."
    )
    indicator_codes = models.CharField(
        max_length=500, blank=True, help_text="The indicators whose values it asked for."
    )
    sent_at = models.DateTimeField(help_text="When it was queued for the worker to send.")
    email = models.ForeignKey(
        "mail.OutgoingEmail",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The message in the outbox: whether it went, or why not.",
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["update_round", "person", "kind"], name="one_email_of_a_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_address}"
