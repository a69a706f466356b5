"""The report archive: what was published, exactly as the board saw it.

A published report keeps the files it was published as and the data context they were
rendered from. Nothing changes them afterwards; publishing again adds a version.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

from goldenthread.partnerships.models import Visibility, readable


class PublishedReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> PublishedReportQuerySet:
        """Reports the user may read, by each report's own visibility."""
        return self.filter(readable(user))


class PublishedReport(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="published_reports"
    )
    delivery_plan = models.ForeignKey(
        "plans.DeliveryPlan", on_delete=models.PROTECT, related_name="published_reports"
    )
    kind = models.CharField(max_length=20)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PARTNERS
    )
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    context = models.JSONField(help_text="The data the files were rendered from.")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the monthly schedule published it.",
    )
    # The fact check of the report's narrative before it was published (``narrative``):
    # what it found (None: not checked, as a kind with no narrative, or a report
    # published before the check), and, when it found anything, that the publisher was
    # asked and who confirmed publishing all the same.
    findings = models.JSONField(null=True, blank=True, default=None)
    asked_to_confirm = models.BooleanField(default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = PublishedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery_plan", "kind", "version"], name="one_report_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("reports:published", args=[self.partnership.slug, self.pk])

    @property
    def generated_at(self) -> dt.datetime | None:
        """When the report's data was read, from the context it was rendered from (kept
        there as ISO text, since the context is JSON)."""
        return _parsed(dt.datetime, self.context.get("generated_at"))

    @property
    def data_as_of(self) -> dt.date | None:
        return _parsed(dt.date, self.context.get("data_as_of"))

    @property
    def publisher(self) -> str:
        if self.published_by is None:
            return "the monthly schedule"
        return self.published_by.get_full_name() or self.published_by.get_username()


def _parsed(kind, text: str | None):
    try:
        return kind.fromisoformat(text) if text else None
    except ValueError:  # written by an older version in another form: not shown
        return None


class PublishedFile(models.Model):
    report = models.ForeignKey(PublishedReport, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=10)
    file = models.FileField(upload_to="reports/%Y/%m/")
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["report", "format"]
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="one_file_per_format")
        ]

    def __str__(self) -> str:
        return self.file.name


class Place(models.TextChoices):
    """Where an authored section stands among the annual report's generated sections."""

    START = "start", "Before the introduction"
    INTRODUCTION = "introduction", "After the introduction"
    AIM = "aim", "After a strategic aim's actions"
    END = "end", "At the end, after the progress section"


class ReportSectionQuerySet(models.QuerySet):
    def of_report(self, delivery_plan) -> ReportSectionQuerySet:
        """A delivery year's sections with their images, in the order they were placed
        within each place (``sections.in_report_order`` puts the places in order)."""
        return (
            self.filter(delivery_plan=delivery_plan)
            .select_related("aim", "written_by")
            .prefetch_related("images")
            .order_by("position", "pk")
        )


class ReportSection(models.Model):
    """A section a manager writes for a delivery year's annual report, such as a
    foreword, a theme, a case study or what children and young people told us.

    Its body is Markdown (``markdown.py`` says which parts of it are kept), shown in
    every format beside the generated sections, at its ``place`` and, within a place, by
    ``position``. ``version`` rises with each change made to its words, so two managers
    editing it at once are told (``audit.versions``).
    """

    delivery_plan = models.ForeignKey(
        "plans.DeliveryPlan", on_delete=models.CASCADE, related_name="report_sections"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown.")
    place = models.CharField(max_length=20, choices=Place.choices, default=Place.START)
    # With ``Place.AIM``: the aim it follows. An aim deleted later leaves it at the end.
    aim = models.ForeignKey("plans.Aim", null=True, blank=True, on_delete=models.SET_NULL)
    position = models.PositiveIntegerField(default=0)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when a command or the demo wrote it.",
    )
    written_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = ReportSectionQuerySet.as_manager()

    class Meta:
        ordering = ["delivery_plan", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def writer(self) -> str:
        """Who last wrote it, by name; empty when a command or the demo did."""
        if self.written_by is None:
            return ""
        return self.written_by.get_full_name() or self.written_by.get_username()


class SectionImage(models.Model):
    """An image uploaded with a section, shown where its body names it:
    ``![what it shows](name.png)``."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="images")
    name = models.CharField(max_length=100, help_text="How the section's Markdown names it.")
    image = models.FileField(upload_to="report-sections/%Y/%m/")
    alt_text = models.CharField(
        "alternative text",
        max_length=500,
        help_text="What the image shows, for someone who cannot see it.",
    )
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        ordering = ["section", "name"]
        constraints = [
            models.UniqueConstraint(fields=["section", "name"], name="one_image_per_name")
        ]

    def __str__(self) -> str:
        return self.name


class PublishedImage(models.Model):
    """A copy of a section's image as it was published, which a later change to the
    section cannot touch; the published context names it."""

    report = models.ForeignKey(PublishedReport, on_delete=models.CASCADE, related_name="images")
    name = models.CharField(max_length=220)
    file = models.FileField(upload_to="reports/%Y/%m/images/")
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["report", "name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "name"], name="one_published_image_per_name")
        ]

    def __str__(self) -> str:
        return self.name
