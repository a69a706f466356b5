"""Changing targets and single values, as the REST API and the web do.

A target is changed against the version its editor read (``audit.versions``): of two
people editing the same target, the second is refused and told what changed meanwhile. A single value goes
through the same importer as a file of millions, so it is checked the same way, keeps
the value it replaces as a revision, and refreshes the standings.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from goldenthread.audit.versions import EditConflict, claim_version
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.importers.values import OPTIONAL, REQUIRED, import_values

from .models import DataPoint, Target

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
    what = "; ".join(
        f"{name} is now {getattr(current, name)!r} (you sent {value!r})"
        for name, value in fields.items()
        if getattr(current, name) != value
    )
    return EditConflict(
        current,
        f"This target was changed by someone else after you read it: "
        f"{what or 'its version moved on'}. Nothing of yours was saved: read it again and "
        "make your change to what is there now.",
    )


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


def record_data_point(*, by=None, **values) -> DataPoint:
    """Add or revise one value, through the values importer; ValidationError if it is bad."""
    columns = REQUIRED + OPTIONAL
    with tempfile.TemporaryDirectory(prefix="goldenthread-value-") as folder:
        path = Path(folder) / "api-value.csv"
        with path.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerow({c: "" if values.get(c) is None else values[c] for c in columns})
        try:
            import_values(path, user=by)
        except TableError as error:
            raise ValidationError([str(problem) for problem in error.problems]) from None
    return DataPoint.objects.select_related("indicator", "area", "period").get(
        indicator__code=values["indicator"],
        area__code=values["area"],
        period__label=values["period"],
        breakdown=values.get("breakdown") or "",
    )
