"""Changing targets and single values, as the REST API and the web do.

A target is changed against the version its editor read (``audit.versions``): of two
people editing the same target, the second is refused and told what changed meanwhile. A single value goes
through the same importer as a file of millions, so it is checked the same way, keeps
the value it replaces as a revision, and refreshes the standings.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from goldenthread.audit import versions
from goldenthread.audit.versions import EditConflict, claim_version
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.importers.values import (
    OPTIONAL,
    REQUIRED,
    import_records,
    key_lookup,
)

from .models import DataPoint, Target

API_SOURCE = "the API"  # where a value sent to the API came from, in its revisions and audit
EDITABLE = [
    "indicator",
    "breakdown",
    "kind",
    "value",
    "due",
    "due_label",
    "rule",
    "amount",
    "compare_breakdown",
    "text",
    "source",
]


def changed_meanwhile(current: Target, fields: dict) -> EditConflict:
    """The target changed after its editor read it: say what is there now."""
    return versions.changed_meanwhile(current, fields, "target")


def save_target(
    target: Target | None, *, partnership, fields: dict, by=None, expected_version: int | None
) -> Target:
    """Create a target (``target`` None) or change one, checked and recorded."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field cannot be set."))
    with transaction.atomic():
        if target is None:
            target = Target(partnership=partnership, **fields)
            target.full_clean()
            if target.indicator.is_retired():
                raise ValidationError(
                    {"indicator": f"{target.indicator.title} is retired: it takes no new targets."}
                )
            target.save()
            return target
        if expected_version is None:
            raise ValidationError({"expected_version": "Give the version of the target you read."})
        read = Target.objects.get(pk=target.pk)
        if not claim_version(read, expected_version):
            raise changed_meanwhile(read, fields)
        for name, value in fields.items():
            setattr(read, name, value)
        read.version = expected_version + 1
        read.full_clean()
        read.save()  # through save(), so that the audit trail records old and new
        return read


def remove_target(target: Target, *, expected_version: int) -> None:
    """Remove a target the partnership no longer aims for, if it is still as its remover
    read it. The audit trail keeps what it was (auditlog records the deletion)."""
    with transaction.atomic():
        read = Target.objects.get(pk=target.pk)
        if not claim_version(read, expected_version):
            raise changed_meanwhile(read, {})
        read.delete()


def record_data_point(*, by=None, via: str = API_SOURCE, **values) -> DataPoint:
    """Add or revise one value as one record for the values importer, checked as a file
    of millions is; ValidationError naming each column's problems if it is bad. ``by``
    as ``import_records``'s ``user``; ``via`` names where it came from in its revisions
    and the audit trail."""
    given = {column: value for column, value in values.items() if value is not None}
    cells = {column: str(given.get(column, "")) for column in REQUIRED + OPTIONAL}
    try:
        result = import_records([(1, cells)], source=via, user=by)
    except TableError as error:
        by_column: dict[str, list[str]] = {}
        for problem in error.problems:
            by_column.setdefault(problem.column or NON_FIELD_ERRORS, []).append(problem.message)
        raise ValidationError(by_column) from None
    related = DataPoint.objects.select_related("indicator", "area", "period")
    return related.get(**key_lookup(result.last))
