"""A partnership's plan: aims → objectives → a delivery plan each year → actions.

Rules about the plan live here, on models and querysets named in the domain's words;
changes to actions go through the functions in ``services.py``, which record them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from goldenthread.audit.context import Source
from goldenthread.lib.codes import sort_key
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership, Visibility, managed_by, readable
from goldenthread.partnerships.permissions import can_read, can_view
from goldenthread.people.models import Organisation, Person


class Status(models.TextChoices):
    """What has become of an action, in the words action leads use."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CARRIED_FORWARD = "carried_forward", "Carried forward"
    DEFERRED = "deferred", "Deferred"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Shown where no status is known: an importer found no rule that was sure.
NOT_KNOWN_LABEL = "Not known"
# Work still to do, with no decision about it: not started, in progress, or not known.
# At the end of its year such an action is *unfinished*: the annual and exception reports
# list it with its lead, and the rollover carries it into next year's draft for review.
UNFINISHED_STATUSES = ("", Status.NOT_STARTED, Status.IN_PROGRESS)
# Shown wherever an action names no lead person, organisation or words: one phrase, so
# a reader never wonders whether "None given" and "Not given" mean different things.
NO_LEAD_LABEL = "No lead named"


class Confidence(models.TextChoices):
    """How sure the lead is, with each update, that the action will be delivered as planned:
    a RAG beside the lifecycle status. Shown always with its words, never by colour alone."""

    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"


# Shown where a lead has given no confidence yet.
NO_CONFIDENCE_LABEL = "Not given"
# The word for an unfinished action past the day it falls due (``Action.is_overdue``).
OVERDUE_LABEL = "Overdue"


class StatusSource(models.TextChoices):
    REPORTED = "reported", "Reported"  # a person set it
    INFERRED = "inferred", "Inferred"  # an importer derived it from text


def plan_readable(user, to_plan: str = "") -> Q:
    """Rows under a plan (at ``to_plan``) the user may read: both the plan and its
    partnership must be visible to them."""
    return readable(user, to_plan, f"{to_plan}partnership__") & readable(
        user, f"{to_plan}partnership__", f"{to_plan}partnership__"
    )


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> PlanQuerySet:
        """Plans the user may read (their partnership too)."""
        return self.filter(plan_readable(user))


class Plan(models.Model):
    """A multi-year plan, such as the Children and Young People's Plan 2013–2016."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="plans"
    )
    title = models.CharField(max_length=300)
    start_year = models.PositiveIntegerField()
    end_year = models.PositiveIntegerField()
    visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PARTNERS,
        help_text="Who may read the plan, its delivery plans and their actions.",
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="plan_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def covers(self, year: FinancialYear) -> bool:
        return self.start_year <= year.start < self.end_year

    @property
    def first_year(self) -> FinancialYear:
        return FinancialYear(self.start_year)

    @property
    def last_year(self) -> FinancialYear:
        """``end_year`` is the year the plan's last financial year ends in."""
        return FinancialYear(self.end_year - 1)


class AimQuerySet(models.QuerySet):
    def visible_to(self, user) -> AimQuerySet:
        """Aims of the plans the user may read (``plan_readable``)."""
        return self.filter(plan_readable(user, "plan__"))

    def in_use(self) -> AimQuerySet:
        """Aims not retired: those new objectives and delivery plans may use."""
        return self.filter(retired_on__isnull=True)


class Aim(models.Model):
    """A strategic aim, such as 4 "Protection when needed".

    A retired aim (``retired_on``) keeps its objectives and their actions, and is shown
    as retired; new delivery plans leave it off. ``version`` rises with each change made
    on the web, so two managers editing it at once are told (``audit.versions``).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="aims")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    retired_on = models.DateField(null=True, blank=True)
    # Who answers for the aim: writes its summary of each year (``commentary``).
    lead = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="aims_led"
    )
    version = models.PositiveIntegerField(default=1)

    objects = AimQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_aim_number")]

    def __str__(self) -> str:
        return f"Aim {self.number}: {self.title}"

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None


class ObjectiveQuerySet(models.QuerySet):
    def visible_to(self, user) -> ObjectiveQuerySet:
        """Objectives of the plans the user may read (``plan_readable``)."""
        return self.filter(plan_readable(user, "aim__plan__"))

    def in_use(self) -> ObjectiveQuerySet:
        """Objectives neither retired nor under a retired aim: those a new action, a
        rollover or the next plan may use."""
        return self.filter(retired_on__isnull=True, aim__retired_on__isnull=True)


class Objective(models.Model):
    """An objective of an aim, such as 8.1 "Provide outstanding services for…"."""

    aim = models.ForeignKey(Aim, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(max_length=20)
    sort_key = models.CharField(max_length=60, editable=False)
    title = models.TextField()
    retired_on = models.DateField(null=True, blank=True)
    # The objective of the plan before that this one continues, when the next plan was
    # set up by copying it: the rollover follows it before it tries codes and titles.
    continues = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="continued_by"
    )
    # Who answers for the objective: writes its summary of each year (``commentary``).
    lead = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objectives_led",
    )
    version = models.PositiveIntegerField(default=1)

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["aim", "code"], name="unique_objective_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs) -> None:
        # Derived from the code alone, so it can never disagree with it.
        self.sort_key = sort_key(self.code)
        super().save(*args, **kwargs)

    @property
    def is_retired(self) -> bool:
        """Retired itself, or under a retired aim (``ObjectiveQuerySet.in_use``)."""
        return self.retired_on is not None or self.aim.retired_on is not None


def _managed_by(user, prefix: str = "") -> Q:
    """Rows of partnerships the user manages; ``prefix`` leads from the row to its plan."""
    return Q(**{f"{prefix}plan__partnership__in": managed_by(user)})


def delivery_plan_readable(user, to_delivery_plan: str = "") -> Q:
    """Rows under a delivery plan (at ``to_delivery_plan``) the user may read: its plan
    readable (``plan_readable``), and published, unless the user manages the partnership.

    A draft is the manager's work in progress (a rollover waiting for review), so
    viewers and contributors never see it until it is published. Every page, export and
    API answer that shows a year's actions reads them through this one rule.
    """
    if user.is_superuser:
        return Q()
    to = to_delivery_plan
    readable_plans = plan_readable(user, f"{to}plan__")
    published = Q(**{f"{to}is_draft": False})
    if not user.is_authenticated:
        return readable_plans & published
    return readable_plans & (published | _managed_by(user, to))


class DeliveryPlanQuerySet(models.QuerySet):
    def published(self) -> DeliveryPlanQuerySet:
        return self.filter(is_draft=False)

    def drafts(self) -> DeliveryPlanQuerySet:
        return self.filter(is_draft=True)

    def visible_to(self, user) -> DeliveryPlanQuerySet:
        """Published delivery plans, and drafts of the partnerships the user manages
        (``delivery_plan_readable``)."""
        return self.filter(delivery_plan_readable(user))

    def of(self, partnership: Partnership, user=None) -> DeliveryPlanQuerySet:
        """The partnership's delivery plans a user may read: drafts only for its managers.

        Without a user, only published ones: reports, tasks and commands never see a draft.
        """
        plans = self.filter(plan__partnership=partnership)
        return plans.visible_to(user) if user is not None else plans.published()

    def current(self, partnership: Partnership, user=None) -> DeliveryPlan | None:
        """The latest published delivery plan the user may read: the year everyone is
        working in.

        Never a draft, not even for a manager, so every page agrees on the current year;
        a draft is reached by its year or its own page.
        """
        published = (
            self.filter(plan__partnership=partnership)
            .published()
            .select_related("plan")
            .order_by("-year_start")
        )
        if user is None:
            return published.first()
        # ``delivery_plan_readable`` for published years, asked of the role the request
        # has already read (``permissions``) rather than compiled into a query: every
        # page's navigation asks it.
        if not can_view(user, partnership):
            return None
        return next((d for d in published if can_read(user, partnership, d.plan.visibility)), None)

    def for_year(
        self, partnership: Partnership, year: FinancialYear, user=None
    ) -> DeliveryPlan | None:
        return (
            self.of(partnership, user)
            .filter(year_start=year.start)
            .select_related("plan", "plan__partnership")
            .first()
        )


class DeliveryPlan(models.Model):
    """The actions a plan commits to for one financial year."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="delivery_plans")
    year_start = models.PositiveIntegerField(help_text="The year the financial year starts in.")
    # A delivery plan made by rollover stays a draft, for the manager to add, drop and
    # renumber actions, until it is published.
    is_draft = models.BooleanField(default=False)

    objects = DeliveryPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year_start"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year_start"], name="one_delivery_plan_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.plan.partnership.name} delivery plan {self.year}"

    @property
    def year(self) -> FinancialYear:
        return FinancialYear(self.year_start)

    @property
    def partnership(self) -> Partnership:
        return self.plan.partnership


class AnnualReport(models.Model):
    """The published annual report a delivery plan was imported from, and what it claims.

    The claim is the report's own headline ("A total of 76 actions … 55 were
    completed. 5 required further work …"), kept beside the actions so that any
    disagreement between the two can be shown.
    """

    delivery_plan = models.OneToOneField(
        DeliveryPlan, on_delete=models.CASCADE, related_name="annual_report"
    )
    source_name = models.CharField(max_length=300)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the imported file.")
    imported_at = models.DateTimeField()
    claim_text = models.TextField(blank=True)
    claimed_actions = models.PositiveIntegerField(null=True, blank=True)
    claimed_completed = models.PositiveIntegerField(null=True, blank=True)
    claimed_carried_forward = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Annual report {self.delivery_plan.year} ({self.source_name})"


class ActionQuerySet(models.QuerySet):
    def in_plan_order(self) -> ActionQuerySet:
        return self.order_by("objective__aim__number", "objective__sort_key", "sort_key")

    def for_delivery_plan(self, delivery_plan: DeliveryPlan) -> ActionQuerySet:
        return self.filter(delivery_plan=delivery_plan)

    def with_status(self, status: str) -> ActionQuerySet:
        """Actions in a status; ``"not_known"`` gives those with none inferred or set."""
        if status == "not_known":
            return self.filter(status="")
        return self.filter(status=status)

    def unfinished(self) -> ActionQuerySet:
        """Not completed, carried forward, deferred or withdrawn (``UNFINISHED_STATUSES``)."""
        return self.filter(status__in=UNFINISHED_STATUSES)

    def overdue(self, on: dt.date | None = None) -> ActionQuerySet:
        """Unfinished actions whose day to fall due (``Action.falls_due``) is before ``on``
        (today unless given): the one rule of ``Action.is_overdue``, in SQL.

        With no due date an action falls due on 31 March of its delivery year, so it is
        overdue from 1 April of the next: when ``on``'s financial year starts after the
        delivery plan's. Said that way it needs no date arithmetic in the database.
        """
        on = on or timezone.localdate()
        return self.unfinished().filter(
            Q(due_date__lt=on)
            | Q(
                due_date__isnull=True,
                delivery_plan__year_start__lt=FinancialYear.containing(on).start,
            )
        )

    def in_aim(self, number: int) -> ActionQuerySet:
        return self.filter(objective__aim__number=number)

    def with_leads(self) -> ActionQuerySet:
        """With the lead person and organisation read in the same query (``lead_name``)."""
        return self.select_related("lead_person", "lead_organisation")

    def with_lead_named(self, lead: str) -> ActionQuerySet:
        """Actions whose lead, as the plan writes it, is ``lead``."""
        return self.filter(lead__iexact=lead)

    def led_by(self, person: Person) -> ActionQuerySet:
        """Actions the person leads (see ``_led_by``): their "my actions", their emails."""
        return self._led_by(Person.objects.filter(pk=person.pk))

    def led_by_user(self, user) -> ActionQuerySet:
        """Actions the signed-in user leads, as any of the people linked to their account:
        the actions they may update as a contributor (``permissions.can_update_action``)."""
        return self._led_by(Person.objects.filter(user=user))

    def _led_by(self, people: models.QuerySet) -> ActionQuerySet:
        """The one rule for who leads an action, used by "my actions", update rounds and
        their emails, permissions, exports and reports alike: its lead person; or, when
        it names no lead person, everyone in its lead organisation. Only those who have
        not left (``people.models.current``): a retired person leads nothing, and a
        retired organisation's people do not lead through it. ``Action.leads`` is the
        same rule for one action read in memory."""
        current = people.current()
        organisations = Organisation.objects.current().filter(people__in=current)
        return self.filter(
            Q(lead_person__in=current)
            | Q(lead_person__isnull=True, lead_organisation__in=organisations)
        )

    def search(self, words: str) -> ActionQuerySet:
        """Actions whose text, measure, code or lead (person, organisation or as the plan
        writes it) contains every word given."""
        queryset = self
        for word in words.split():
            queryset = queryset.filter(
                Q(text__icontains=word)
                | Q(measure__icontains=word)
                | Q(code__iexact=word)
                | Q(lead_person__name__icontains=word)
                | Q(lead_organisation__name__icontains=word)
                | Q(lead__icontains=word)
            )
        return queryset

    def visible_to(self, user) -> ActionQuerySet:
        """Actions of the delivery plans the user may read (``delivery_plan_readable``)."""
        return self.filter(delivery_plan_readable(user, "delivery_plan__"))

    def awaiting_review(self) -> ActionQuerySet:
        """Statuses an importer inferred that no person has yet confirmed or changed."""
        return self.filter(status_source=StatusSource.INFERRED)

    def status_counts(self) -> dict[str, int]:
        """Every status with its count, zeros included, plus ``not_known``."""
        counts = {status.value: 0 for status in Status}
        counts["not_known"] = 0
        for row in self.order_by().values("status").annotate(n=Count("id")):
            counts[row["status"] or "not_known"] += row["n"]
        return counts


class Action(models.Model):
    """One action of a year's delivery plan, such as 8.11 "Implementation of MASH".

    ``status`` is empty when nothing is known. An *inferred* status keeps the words
    that decided it (``status_basis``) and the rule that read them, and stays marked
    until a person confirms or changes it. ``version`` rises with every change so that
    two people editing the same action at once are told, not silently overwritten.
    Don't change fields directly: use the functions in ``services.py``.
    """

    delivery_plan = models.ForeignKey(
        DeliveryPlan, on_delete=models.CASCADE, related_name="actions"
    )
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="actions")
    code = models.CharField(max_length=20)
    sort_key = models.CharField(max_length=60, editable=False)
    text = models.TextField("action")
    measure = models.TextField(blank=True)
    lead = models.CharField(max_length=200, blank=True, help_text="As the plan writes it.")
    lead_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_actions",
    )
    lead_organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_actions",
    )
    # The action of the year before that this one continues, when it was carried
    # forward or deferred into this year's plan.
    carried_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    # The confidence given with the latest update that gave one, kept beside the status so
    # that lists and reports read it without reading every update.
    confidence = models.CharField(max_length=10, choices=Confidence.choices, blank=True)
    status_source = models.CharField(max_length=10, choices=StatusSource.choices, blank=True)
    status_rule = models.CharField(max_length=200, blank=True)
    status_basis = models.TextField(blank=True, help_text="The words the status was inferred from.")
    status_certain = models.BooleanField(
        default=True, help_text="False when the rules disagreed or none applied."
    )
    latest_commentary = models.TextField(blank=True)
    latest_update_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["delivery_plan", "code"], name="unique_action_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    def save(self, *args, **kwargs) -> None:
        self.sort_key = sort_key(self.code)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:action", args=[self.delivery_plan.plan.partnership.slug, self.pk])

    @property
    def status_label(self) -> str:
        return self.get_status_display() if self.status else NOT_KNOWN_LABEL

    @property
    def is_inferred(self) -> bool:
        return self.status_source == StatusSource.INFERRED

    @property
    def lead_name(self) -> str:
        """Who leads it, as everything that shows a lead says: the lead person, else the
        lead organisation (``ActionQuerySet._led_by``), else the lead as the plan writes it,
        else ``NO_LEAD_LABEL``.

        Read a list of actions ``with_leads()``, or each action costs two queries.
        """
        if self.lead_person_id is not None:
            return self.lead_person.name
        if self.lead_organisation_id is not None:
            return self.lead_organisation.name
        return self.lead or NO_LEAD_LABEL

    @property
    def names_a_lead(self) -> bool:
        """Whether anyone is named to lead it (a person, an organisation or words), so
        that ``lead_name`` is a lead and not ``NO_LEAD_LABEL``."""
        return bool(self.lead_person_id or self.lead_organisation_id or self.lead)

    @property
    def lead_in_full(self) -> str:
        """The lead with their organisation, as lists and reports show it: "Nina Patel,
        CCG"; the person or the organisation alone where only one is named; else as
        ``lead_name`` says. Read a list ``with_leads()``."""
        named = [lead.name for lead in (self.lead_person, self.lead_organisation) if lead]
        return ", ".join(named) or self.lead_name

    @property
    def is_unfinished(self) -> bool:
        """Still to do with no decision about it (``UNFINISHED_STATUSES``)."""
        return self.status in UNFINISHED_STATUSES

    @property
    def confidence_label(self) -> str:
        return self.get_confidence_display() if self.confidence else NO_CONFIDENCE_LABEL

    @property
    def falls_due(self) -> dt.date:
        """Its due date; or, where none is given (as in most imported plans), the last day
        of its delivery year, 31 March: every action falls due by then.

        Computed, not stored at import, so that an action added to a draft or whose due
        date is cleared still falls due, and the year stays the one source of the date.
        Read a list with its delivery plan (``select_related``) or each costs a query.
        """
        return self.due_date or self.delivery_plan.year.last_day

    @property
    def due_date_is_year_end(self) -> bool:
        """No due date was given, so it falls due at the end of its delivery year."""
        return self.due_date is None

    def is_overdue(self, on: dt.date | None = None) -> bool:
        """Unfinished (``is_unfinished``) after the day it falls due: on the day itself it
        is still in time. ``ActionQuerySet.overdue`` is the same rule for a queryset."""
        return self.is_unfinished and self.falls_due < (on or timezone.localdate())

    @property
    def overdue_today(self) -> bool:
        """``is_overdue`` as of today, for templates."""
        return self.is_overdue()

    def leads(self, on: dt.date | None = None) -> list[Person]:
        """The people who lead it (``ActionQuerySet._led_by``, in memory): its lead
        person, unless they have left; when it names no lead person, everyone still in
        its lead organisation, unless that has left. Empty when nobody does: the action
        waits for a manager to name a lead. Read a list with ``lead_person``,
        ``lead_organisation`` and ``lead_organisation__people``, or each costs queries."""
        if self.lead_person_id is not None:
            return [] if self.lead_person.is_retired(on) else [self.lead_person]
        organisation = self.lead_organisation
        if organisation is None or organisation.is_retired(on):
            return []
        return [person for person in organisation.people.all() if not person.is_retired(on)]

    def is_led_by(self, user) -> bool:
        """Does the user lead this action (``ActionQuerySet._led_by``)?"""
        if not user.is_authenticated:
            return False
        return Action.objects.filter(pk=self.pk).led_by_user(user).exists()


class ActionUpdate(models.Model):
    """A progress update on an action: what its lead (or a report) said, and when."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    author_name = models.CharField(max_length=200, help_text="Who wrote it, as it was shown.")
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.choices, blank=True)
    commentary = models.TextField()
    evidence_url = models.URLField("evidence link", blank=True, max_length=500)
    via = models.CharField(max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"Update on {self.action.code} by {self.author_name} on {self.date}"

    @property
    def status_label(self) -> str:
        return self.get_status_display() if self.status else ""

    @property
    def confidence_label(self) -> str:
        return self.get_confidence_display() if self.confidence else ""


class ActionChange(models.Model):
    """One field of an action changed: who, when, how, the old value and the new.

    Append-only: written by ``services.record_change`` and never edited.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    via = models.CharField(max_length=10, choices=Source.choices)
    field = models.CharField(max_length=50)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action.code} {self.field} changed"

    @property
    def field_label(self) -> str:
        return {"text": "action", "due_date": "due date"}.get(
            self.field, self.field.replace("_", " ")
        )

    @property
    def old_shown(self) -> str:
        return self._shown(self.old_value)

    @property
    def new_shown(self) -> str:
        """The new value as a reader says it: "In progress", not the stored "in_progress"."""
        return self._shown(self.new_value)

    def _shown(self, value: str) -> str:
        if self.field == "status":
            return Status(value).label if value in Status.values else value
        if self.field == "status_source":
            return StatusSource(value).label if value in StatusSource.values else value
        if self.field == "confidence":
            return Confidence(value).label if value in Confidence.values else value
        return value
