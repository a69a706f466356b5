"""Changing and retiring a partnership's people and organisations, against the version
their editor read, each change in the audit trail.

Nobody is deleted: a person or organisation that leaves is retired, stays on the
actions they led (as the lead named then) and is no longer offered as a new lead.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from goldenthread.audit.records import record_change
from goldenthread.audit.versions import save_as_read

from .models import Organisation, Person


def change_person(
    person: Person, *, fields: dict, organisations: list[Organisation], expected_version: int
) -> Person:
    """Change a person's details and the organisations they belong to. The trail records
    each field's old and new value, the organisations by name."""
    with transaction.atomic():
        before = _names(person.organisations.all())
        saved = save_as_read(person, fields, expected_version, "person")
        saved.organisations.set(organisations)
        after = _names(organisations)
        if before != after:
            # Not "organisations": the trail would read a many-to-many field's values as ids.
            record_change(saved, member_of=(before, after))
        return saved


def change_organisation(
    organisation: Organisation, *, fields: dict, expected_version: int
) -> Organisation:
    with transaction.atomic():
        return save_as_read(organisation, fields, expected_version, "organisation")


def retire(
    record: Person | Organisation, *, on: dt.date | None, expected_version: int
) -> Person | Organisation:
    """Retire a person or organisation from ``on``; None brings them back."""
    noun = "person" if isinstance(record, Person) else "organisation"
    with transaction.atomic():
        return save_as_read(record, {"retired_on": on}, expected_version, noun)


def _names(organisations) -> str:
    return ", ".join(sorted(o.name for o in organisations)) or "none"
