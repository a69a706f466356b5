"""What people write beside the numbers: the story behind each indicator's curve for a
period, and each objective's and aim's summary of a delivery year.

Every change is recorded in the audit trail (old and new words, who, when), which is
the history; ``version`` rises with each change made on the web, so two people editing
the same words at once are told rather than one silently overwriting the other.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from goldenthread.indicators.models import TOTAL, DataPoint
from goldenthread.lib.periods import FinancialYear


class IndicatorCommentaryQuerySet(models.QuerySet):
    def ending_in(self, year: FinancialYear) -> IndicatorCommentaryQuerySet:
        """Commentary on periods that end in the financial year: that year's story."""
        return self.filter(period__end__gte=year.first_day, period__end__lte=year.last_day)

    def beside_published_values(self) -> IndicatorCommentaryQuerySet:
        """Commentary on periods whose value is published for the partnership's area:
        words about a value an owner entered but a manager has not signed off would
        give it away before sign-off (``rounds.signoff``)."""
        published = DataPoint.objects.filter(
            indicator=OuterRef("indicator"),
            area=OuterRef("partnership__area"),
            period=OuterRef("period"),
            breakdown=TOTAL,
        )
        return self.filter(Exists(published))

    def shown(self) -> IndicatorCommentaryQuerySet:
        """With what every list shows beside the words: the period and the writer."""
        return self.select_related("indicator", "period", "written_by")


class Written:
    """Who wrote the words, as pages say it."""

    written_by: models.ForeignKey

    @property
    def writer(self) -> str:
        user = self.written_by
        if user is None:
            return "someone no longer here"
        return user.get_full_name() or user.get_username()


class IndicatorCommentary(Written, models.Model):
    """The story behind the curve, in the shape results-based accountability gives it:
    why the indicator moved, the partners with a role in turning it, what works, and
    what the partnership will do. Written by the indicator's owner for one period."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="indicator_commentary"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="commentary"
    )
    period = models.ForeignKey("indicators.Period", on_delete=models.PROTECT, related_name="+")
    story = models.TextField("the story behind the curve", blank=True, help_text="Why it moved.")
    partners = models.TextField(
        "partners with a role to play", blank=True, help_text="Who could help turn the curve."
    )
    what_works = models.TextField(
        "what works", blank=True, help_text="What would work, from evidence and experience."
    )
    next_steps = models.TextField("what we will do", blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = IndicatorCommentaryQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period__end"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "indicator", "period"], name="one_commentary_per_period"
            )
        ]
        verbose_name_plural = "indicator commentary"

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}"

    PARTS = ("story", "partners", "what_works", "next_steps")

    @property
    def texts(self) -> dict[str, str]:
        """Each part that has words, under its heading, in RBA's order."""
        return {
            heading(part): getattr(self, part) for part in self.PARTS if getattr(self, part).strip()
        }

    @property
    def is_empty(self) -> bool:
        return not self.texts


def heading(part: str) -> str:
    """A part's heading as readers see it: "The story behind the curve"."""
    return str(IndicatorCommentary._meta.get_field(part).verbose_name).capitalize()


class YearSummary(Written, models.Model):
    """A lead's summary of a delivery year for one objective or one aim."""

    delivery_plan = models.ForeignKey(
        "plans.DeliveryPlan", on_delete=models.CASCADE, related_name="summaries"
    )
    aim = models.ForeignKey(
        "plans.Aim", null=True, blank=True, on_delete=models.CASCADE, related_name="summaries"
    )
    objective = models.ForeignKey(
        "plans.Objective",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="summaries",
    )
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(aim__isnull=True, objective__isnull=False)
                | Q(aim__isnull=False, objective__isnull=True),
                name="summary_of_an_aim_or_an_objective",
            ),
            models.UniqueConstraint(
                fields=["delivery_plan", "aim"],
                condition=Q(aim__isnull=False),
                name="one_summary_per_aim_and_year",
            ),
            models.UniqueConstraint(
                fields=["delivery_plan", "objective"],
                condition=Q(objective__isnull=False),
                name="one_summary_per_objective_and_year",
            ),
        ]

    def __str__(self) -> str:
        return f"Summary of {self.subject_name}, {self.delivery_plan.year}"

    @property
    def subject(self):
        """The aim or the objective it summarises."""
        return self.aim or self.objective

    @property
    def subject_name(self) -> str:
        return subject_name(self.subject)


def subject_name(subject) -> str:
    """An aim or an objective as reports cite it: "aim 4", "objective 8.1"."""
    if hasattr(subject, "number"):
        return f"aim {subject.number}"
    return f"objective {subject.code}"
