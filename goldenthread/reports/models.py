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
