"""Saving against the version the editor read (optimistic locking).

A record with a ``version`` moves it on by one with every change. A change names the
version its editor read; ``claim_version`` moves it on in one conditional UPDATE, so of
two people saving the same record, one wins and the other is refused with an
``EditConflict`` that says who or what got there first. Nothing of theirs is saved over
the other's, and nothing is written when the claim fails.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.db.models import F

M = TypeVar("M", bound=models.Model)


class EditConflict(Exception):
    """The record changed after its editor read it: ``current`` is it as it is now."""

    def __init__(self, current: models.Model, explanation: str) -> None:
        self.current = current
        super().__init__(explanation)


def claim_version(record: models.Model, expected_version: int | None) -> bool:
    """Move the record's version on by one if it is still ``expected_version`` (any
    version, if None). False when someone else's change got there first."""
    records = type(record)._default_manager.filter(pk=record.pk)
    if expected_version is not None:
        records = records.filter(version=expected_version)
    return records.update(version=F("version") + 1) == 1


def changed_meanwhile(current: models.Model, fields: dict, noun: str) -> EditConflict:
    """The record changed after its editor read it: say what is there now."""
    what = "; ".join(
        f"{name} is now {getattr(current, name)!r} (you sent {value!r})"
        for name, value in fields.items()
        if not isinstance(value, list | tuple | set) and getattr(current, name) != value
    )
    return EditConflict(
        current,
        f"This {noun} was changed by someone else after you read it: "
        f"{what or 'its version moved on'}. Nothing of yours was saved: read it again and "
        "make your change to what is there now.",
    )


def save_as_read(record: M, fields: dict, expected_version: int, noun: str) -> M:
    """Set ``fields`` on the record and save it, if it is still at the version its editor
    read; else ``EditConflict`` and nothing written. Saved through ``save()``, so that
    the audit trail records each field's old and new value. Call inside a transaction."""
    read = type(record)._default_manager.get(pk=record.pk)
    if not claim_version(read, expected_version):
        raise changed_meanwhile(read, fields, noun)
    for name, value in fields.items():
        setattr(read, name, value)
    read.version = expected_version + 1  # type: ignore[attr-defined]
    read.full_clean()
    read.save()
    return read
