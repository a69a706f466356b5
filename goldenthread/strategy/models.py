"""The plan as a document: what it says beyond its aims and objectives.

Its document control (version, status, approval, review), its narrative sections, each
objective's "We will" commitments with where we are now, where we want to be and the
key milestones, and the golden thread: which priorities of higher plans (the Community
Strategy, the Health and Wellbeing Strategy) each aim serves.

Aims and objectives themselves live in ``plans``; the plan document links to them, so
that the plan and its annual reports describe the same aims once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTATION = "consultation", "Consultation"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"


class PlanDocument(models.Model):
    """A plan's document control, as councils keep it on the document's second page."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="document")
    name = models.CharField(max_length=300, blank=True, help_text="As its document control has it.")
    vision = models.TextField(blank=True)
    version = models.CharField(max_length=20, blank=True)
    status = models.CharField(
        max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    # The words the document used, when they are not one of the statuses ("Refresh").
    status_as_written = models.CharField(max_length=100, blank=True)
    author = models.CharField(max_length=200, blank=True)
    approving_body = models.CharField(max_length=200, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    review_label = models.CharField(max_length=40, blank=True, help_text="As written: March 2014.")
    equality_impact_assessment = models.CharField(
        max_length=200, blank=True, help_text="Its reference, once one has been done."
    )
    source_name = models.CharField(max_length=300, blank=True)
    checksum = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the file.")
    imported_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name or self.plan} version {self.version}".strip()


class VersionEntry(models.Model):
    """A line of the version history: kept, never rewritten."""

    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(max_length=20)
    reason = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name_plural = "version history"

    def __str__(self) -> str:
        return f"Version {self.version}"


class ApprovalEntry(models.Model):
    """A line of the approval history: which body approved which version, when."""

    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, related_name="approvals")
    version = models.CharField(max_length=20)
    approving_body = models.CharField(max_length=200)
    date = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name_plural = "approval history"

    def __str__(self) -> str:
        return f"Version {self.version} approved by {self.approving_body}"


class Section(models.Model):
    """A narrative section of the plan (Foreword, Context, Welfare Reform, …), kept
    with its heading as written, so that drafting notes in either can be found."""

    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField()
    heading = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    line = models.PositiveIntegerField(null=True, help_text="Where it starts in the source.")

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.heading


class Commitment(models.Model):
    """A "We will …" commitment under an objective, and its row of the objective
    table: where we are now, where we want to be, and the key milestones as written."""

    objective = models.ForeignKey(
        "plans.Objective", on_delete=models.CASCADE, related_name="commitments"
    )
    order = models.PositiveIntegerField()
    text = models.TextField()
    where_now = models.TextField("where are we now?", blank=True)
    where_to_be = models.TextField("where do we want to be?", blank=True)
    milestones_text = models.TextField("key milestones", blank=True)
    # A plan laid out with lead and "by when" columns says who leads it and by when.
    lead = models.CharField(
        max_length=200, blank=True, help_text="As written: Head of Early Years."
    )
    due = models.DateField(null=True, blank=True)
    due_label = models.CharField(max_length=60, blank=True, help_text="As written: March 2016.")
    line = models.PositiveIntegerField(null=True, help_text="Where it is in the source.")

    class Meta:
        ordering = ["objective__sort_key", "order"]

    def __str__(self) -> str:
        return f"We will {self.text[:60]}"


class Milestone(models.Model):
    """One key milestone. With a number, a date and an indicator it is also a target
    on that indicator; otherwise it stays as the plan's words, linked to its objective."""

    objective = models.ForeignKey(
        "plans.Objective", on_delete=models.CASCADE, related_name="milestones"
    )
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.CASCADE, related_name="milestones"
    )
    order = models.PositiveIntegerField(default=0, help_text="Its place in the milestones cell.")
    text = models.TextField()
    due = models.DateField(null=True, blank=True)
    due_label = models.CharField(max_length=40, blank=True, help_text="As written: March 2014.")
    value = models.FloatField(null=True, blank=True)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    target = models.OneToOneField(
        "indicators.Target",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestone",
    )
    line = models.PositiveIntegerField(null=True, help_text="Where it is in the source.")

    class Meta:
        ordering = ["objective__sort_key", "commitment__order", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def target_words(self) -> str:
        """The target it became, as the indicator writes values: "400 places by
        September 2013"; "" if it is not one."""
        if self.target is None or self.indicator is None:
            return ""
        if self.target.value is None:
            return self.target.get_rule_display() or self.target.text
        return f"{self.indicator.format(self.target.value)} by {self.target.due_label}".strip()


class HigherPlan(models.Model):
    """A plan this partnership's plan serves: the Community Strategy, the Health and
    Wellbeing Strategy."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="higher_plans"
    )
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="unique_higher_plan")
        ]

    def __str__(self) -> str:
        return self.title


class Relation(models.TextChoices):
    """What the partnership's plan does for a priority, in the plan's own words."""

    DELIVERS = "delivers", "Delivered by this plan"
    CONTRIBUTES = "contributes", "This plan contributes"


class Priority(models.Model):
    """A priority or aim of a higher plan, and the aims of this plan that serve it.

    ``relation`` is what the plan says it does for the priority as a whole ("the
    vehicle to deliver the first aim", "also contributing to the four other
    priorities"); ``aims`` are the plan's aims that serve it. Blank relation: the plan
    names the priority but does not claim to serve it.
    """

    higher_plan = models.ForeignKey(HigherPlan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    relation = models.CharField(max_length=20, choices=Relation.choices, blank=True)
    aims = models.ManyToManyField("plans.Aim", blank=True, related_name="priorities")
    line = models.PositiveIntegerField(
        null=True, blank=True, help_text="Where it is in the source."
    )
    # Why each aim serves it, by aim number: the plan's words that say so, or the
    # subject it shares with the aim. An aim linked by a manager has none.
    basis = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["higher_plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["higher_plan", "number"], name="unique_priority")
        ]

    def __str__(self) -> str:
        return f"{self.higher_plan}: {self.title}"

    def basis_for(self, aim) -> str:
        """Why ``aim`` serves this priority, as a reader would check it."""
        return self.basis.get(str(aim.number), "") or "linked by a manager"
