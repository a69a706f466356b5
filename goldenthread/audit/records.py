"""Recording changes that bypass model signals: bulk inserts and conditional UPDATEs,
which the code uses where one statement must decide (optimistic locks, claims)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.diff import model_instance_diff

from .models import AuditEntry


def record_created(instances: Iterable) -> None:
    """One 'created' entry per record, with every field's value, as signals would write."""
    for instance in instances:
        AuditEntry.objects.log_create(
            instance,
            force_log=True,
            action=AuditEntry.Action.CREATE,
            changes=model_instance_diff(None, instance, use_json_for_changes=True),
        )


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
