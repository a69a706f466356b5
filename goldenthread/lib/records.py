"""Bringing a saved record up to date with what a file says, writing only what differs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Model


def save_changes(record: Model, fields: Mapping[str, Any]) -> list[str]:
    """Set ``fields`` on the record and save those that differ, and only those, so that a
    file imported again writes nothing and the audit trail holds only real changes.
    A related record is compared by its key, never read. Returns the names saved."""
    changed = [name for name, value in fields.items() if _stored(record, name) != _key(value)]
    for name in changed:
        setattr(record, name, fields[name])
    if changed:
        record.save(update_fields=changed)
    return changed


def _stored(record: Model, name: str) -> Any:
    field = record._meta.get_field(name)
    # A foreign key's own column ("parent_id"), so that the related record is never read.
    return getattr(record, getattr(field, "attname", name) if field.many_to_one else name)


def _key(value: Any) -> Any:
    return value.pk if isinstance(value, Model) else value
