"""What the audit trail records, and the partnership each kind of record belongs to.

Each app names its own audited models when it is ready (``record_changes_of``), with
the way from a record to its partnership's id, so that a manager reads their
partnership's trail and nobody else's. No way (``None``): shared data such as user
accounts, in the trail of no single partnership; ``shared``: published statistics,
whose changes are in every partnership's trail.
"""

from __future__ import annotations

from functools import reduce

from auditlog.registry import auditlog
from django.apps import apps

# "app_label.Model": the way from a record to its partnership's id.
AUDITED: dict[str, str | None] = {}
# "app_label.model" of the shared kinds.
SHARED: set[str] = set()


def record_changes_of(
    label: str,
    partnership: str | None,
    *,
    exclude: tuple[str, ...] = (),
    mask: tuple[str, ...] = (),
    shared: bool = False,
) -> None:
    """Record every change to the model: ``exclude`` bookkeeping that changes on its
    own and would bury real changes; ``mask`` what must never be copied (a password
    hash is recorded only as changed)."""
    model = apps.get_model(label)
    model.get_additional_data = _partnership_of(partnership)
    # The record's own columns only: left to itself, auditlog also "diffs" the relations
    # pointing at a new record (a manager's name for each, a query for each one-to-one).
    own = [field.name for field in model._meta.concrete_fields if field.name not in exclude]
    auditlog.register(
        model, include_fields=own, mask_fields=list(mask), exclude_fields=list(exclude)
    )
    AUDITED[label] = partnership
    if shared:
        SHARED.add(label.lower())


def register_own() -> None:
    """The kinds below every domain app: partnerships, their members, user accounts."""
    record_changes_of("partnerships.Partnership", "pk")
    record_changes_of("partnerships.Membership", "partnership_id")
    record_changes_of("auth.User", None, exclude=("last_login",), mask=("password",))


def _partnership_of(path: str | None):
    def get_additional_data(instance) -> dict:
        if path is None:
            return {}
        try:
            return {"partnership": reduce(getattr, path.split("."), instance)}
        except AttributeError:  # a related record already gone, on a delete
            return {}

    return get_additional_data
