"""A restore is in the trail of site administrators (no partnership's): who, when, and
which backup, written in the restore's own transaction so it commits with it."""

from __future__ import annotations

import getpass

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry

RESTORE = "restore"


def record_restore(restore_id: str, backup_name: str, details: dict[str, str]) -> AuditEntry:
    """``restore_id``: the id the media swap's journal names (``backups/media.py``)."""
    changes = {"backup": [None, backup_name], "by": [None, _login_name()]}
    changes |= {name: [None, value] for name, value in details.items()}
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(AuditEntry),
        object_pk=restore_id,
        object_repr=f"Restore from the backup {backup_name}"[:200],
        action=AuditEntry.Action.CREATE,
        changes=changes,
        additional_data={"kind": RESTORE},
        partnership=None,
    )


def restore_committed(restore_id: str) -> bool:
    return AuditEntry.objects.filter(object_pk=restore_id, additional_data__kind=RESTORE).exists()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid, as in some containers
        return "unknown"
