"""Saving against the version the editor read (optimistic locking).

A record with a ``version`` moves it on by one with every change. A change names the
version its editor read; ``claim_version`` moves it on in one conditional UPDATE, so of
two people saving the same record, one wins and the other is refused with an
``EditConflict`` that says who or what got there first. Nothing of theirs is saved over
the other's, and nothing is written when the claim fails.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F


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
