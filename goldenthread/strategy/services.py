"""Changes to a plan's document control. Each adds a history entry and never edits one:
the version and approval history are the record of how the plan came to be."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import ApprovalEntry, DocumentStatus, PlanDocument, VersionEntry


@transaction.atomic
def record_version(
    document: PlanDocument,
    *,
    version: str,
    reason: str,
    on: dt.date | None = None,
    by: User | None = None,
) -> VersionEntry:
    """A new version of the document: it becomes the current version, and a draft until
    it is approved (an approval is of one version, not of those after it)."""
    version = version.strip()
    known = [document.version, *document.versions.values_list("version", flat=True)]
    if any(_same(version, other) for other in known):
        raise ValidationError({"version": f"Version {version} is already in the history."})
    entry = VersionEntry.objects.create(
        document=document,
        version=version,
        reason=reason.strip(),
        date=on or timezone.localdate(),
        recorded_by=by,
    )
    document.version = version
    document.status = DocumentStatus.DRAFT
    document.status_as_written = ""
    document.save(update_fields=["version", "status", "status_as_written"])
    return entry


@transaction.atomic
def record_approval(
    document: PlanDocument, *, body: str, on: dt.date, by: User | None = None
) -> ApprovalEntry:
    """The current version approved by ``body`` on ``on``: the document is approved."""
    if on > timezone.localdate():
        raise ValidationError({"date": "The date of approval must be today or in the past."})
    entry = ApprovalEntry.objects.create(
        document=document,
        version=document.version,
        approving_body=body.strip(),
        date=on,
        recorded_by=by,
    )
    document.status = DocumentStatus.APPROVED
    document.status_as_written = ""
    document.approving_body = entry.approving_body
    document.approved_on = on
    document.save(update_fields=["status", "status_as_written", "approving_body", "approved_on"])
    return entry


def _same(version: str, current: str) -> bool:
    """ "V0.2" and "0.2" are the same version."""
    return version.strip().lower().lstrip("v") == current.strip().lower().lstrip("v")
