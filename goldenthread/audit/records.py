"""Recording changes that bypass model signals: bulk inserts and conditional UPDATEs,
which the code uses where one statement must decide (optimistic locks, claims)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.diff import model_instance_diff
from django.db import models

from .data_versions import move_on, scope_of
from .models import AuditEntry, AuditEntryManager
from .receivers import stamp


class _Unsaved(AuditEntryManager):
    """auditlog's ``log_create``, which fills an entry in as its signals do (the record's
    type, key, words, partnership, correlation id), handing the entry back unsaved."""

    def create(self, **kwargs: Any) -> AuditEntry:
        return AuditEntry(**kwargs)


_unsaved = _Unsaved()
_unsaved.model = AuditEntry


def record_created(instances: Iterable[models.Model]) -> list[AuditEntry]:
    """One 'created' entry per record, with every field's value, as signals would write:
    written in one statement for a whole import, not one each.

    Saving entries together skips their signals, so this does what those would: stamps
    each with who made the change and from where (``receivers.stamp``, on pre_save) and
    moves on, once, the data version of every scope they are in (``data_versions``, on
    post_save)."""
    instances = list(instances)
    _read_what_points_at(instances)
    entries = [
        _unsaved.log_create(
            instance,
            force_log=True,
            action=AuditEntry.Action.CREATE,
            changes=model_instance_diff(None, instance, use_json_for_changes=True),
        )
        for instance in instances
    ]
    for entry in entries:
        stamp(AuditEntry, entry)
    written = AuditEntry.objects.bulk_create(entries)
    if written:
        move_on(*{scope_of(entry) for entry in written})
    return written


def _read_what_points_at(instances: list[models.Model]) -> None:
    """auditlog records every field, and a one-to-one field pointing at a record (the
    action carried on from this one) as if it were the record's own: read for a kind's
    records together, not a query each."""
    kinds: dict[type[models.Model], list[models.Model]] = {}
    for instance in instances:
        kinds.setdefault(type(instance), []).append(instance)
    for kind, of_kind in kinds.items():
        reverse = [
            field.get_accessor_name() for field in kind._meta.related_objects if field.one_to_one
        ]
        if reverse:
            models.prefetch_related_objects(of_kind, *reverse)


def record_change(instance, **changes: tuple[Any, Any]) -> None:
    """A 'changed' entry: each field's (old, new) value."""
    AuditEntry.objects.log_create(
        instance,
        force_log=True,
        action=AuditEntry.Action.UPDATE,
        changes={field: [_plain(old), _plain(new)] for field, (old, new) in changes.items()},
    )


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)
