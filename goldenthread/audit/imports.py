"""Imports too large to record row by row (millions of indicator values) are recorded as
one entry each: the file, and how many values it added, revised and left unchanged.

The entry is in the trail of each partnership whose values the import changed (values
for its area or an area within it), and of no other: one partnership's upload is not
every partnership's news. An import that changed no partnership's own values (England's,
a region's, another council's) is in the site administrators' trail only.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import IMPORT, AuditEntry


def record_import(
    model,
    file_name: str,
    counts: dict[str, int],
    partnership=None,
    written: QuerySet | None = None,
) -> list[AuditEntry]:
    """``written``: the records the import wrote, each with an ``area_id``; the entry
    goes to ``partnership`` if given, else to each partnership those areas are in."""
    if partnership is not None:
        partnership_ids: list[int | None] = [partnership.pk]
    else:
        partnership_ids = [*partnerships_with_values_in(written)] if written is not None else []
    content_type = ContentType.objects.get_for_model(model)
    return [
        AuditEntry.objects.create(
            content_type=content_type,
            object_pk=file_name[:255],
            object_repr=f"{model._meta.verbose_name_plural.capitalize()} from {file_name}",
            action=AuditEntry.Action.CREATE,
            changes={name: [None, count] for name, count in counts.items()},
            additional_data={"kind": IMPORT},
            partnership_id=partnership_id,
        )
        for partnership_id in partnership_ids or [None]
    ]


def partnerships_with_values_in(written: QuerySet) -> set[int]:
    """The partnerships whose area is, or contains, an area these records are for."""
    from goldenthread.areas.models import Area
    from goldenthread.partnerships.models import Partnership

    areas = set(written.order_by().values_list("area_id", flat=True).distinct())
    below = areas
    while below:  # up a level of the tree a query; there are only a few levels
        below = set(
            Area.objects.filter(pk__in=below, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        below -= areas  # a parent loop, should one ever be saved, must not spin forever
        areas |= below
    return set(Partnership.objects.filter(area_id__in=areas).values_list("pk", flat=True))
