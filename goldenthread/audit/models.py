"""The audit trail: django-auditlog's entry, with the partnership it belongs to and where
the change came from (web, API, import, command, admin).

Entries are written by auditlog's signals for every model in ``registry.py``, and by
``record_import`` for imports too large to log row by row. Nothing in the app edits or
deletes them; the admin shows them read-only.
"""

from __future__ import annotations

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models

from .context import Source
from .registry import SHARED

# additional_data["kind"] of an entry for a whole import (``imports.py``): not shared
# statistics, though its kind is; it belongs to the partnerships whose values it changed.
IMPORT = "import"


class AuditEntryQuerySet(models.QuerySet):
    def for_partnership(self, partnership) -> AuditEntryQuerySet:
        """The partnership's own entries, and those of the indicator data all share, but
        not another partnership's imports (``imports.py``)."""
        shared = models.Q()
        for label in SHARED:
            app_label, model = label.split(".")
            shared |= models.Q(content_type__app_label=app_label, content_type__model=model)
        # Spelt out: SQL's NOT of a missing key is unknown, which would hide the entry.
        not_an_import = models.Q(additional_data__kind__isnull=True) | ~models.Q(
            additional_data__kind=IMPORT
        )
        return self.filter(
            models.Q(partnership_id=partnership.pk)
            | (models.Q(partnership=None) & shared & not_an_import)
        )


class AuditEntryManager(LogEntryManager.from_queryset(AuditEntryQuerySet)):
    pass


class AuditEntry(AbstractLogEntry):
    # Not a constraint: the trail outlives what it records, even a deleted partnership.
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    source = models.CharField(max_length=10, choices=Source.choices, blank=True)

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        indexes = [models.Index(fields=["partnership", "-timestamp"], name="trail_by_partnership")]


class DataVersion(models.Model):
    """What a partnership's pages show has a version, moved on by every change to it
    (``data_versions.py``). Scope 0 is the data every partnership shows: indicator values
    and definitions, areas, people's accounts."""

    scope = models.PositiveBigIntegerField(primary_key=True)
    token = models.CharField(max_length=16)

    def __str__(self) -> str:
        return f"{self.scope}: {self.token}"
