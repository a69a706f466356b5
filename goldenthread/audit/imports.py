"""Imports too large to record row by row (millions of indicator values) are recorded as
one entry each: the file, and how many values it added, revised and left unchanged."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def record_import(model, file_name: str, counts: dict[str, int], partnership=None) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=file_name[:255],
        object_repr=f"{model._meta.verbose_name_plural.capitalize()} from {file_name}",
        action=AuditEntry.Action.CREATE,
        changes={name: [None, count] for name, count in counts.items()},
        partnership=partnership,
    )
