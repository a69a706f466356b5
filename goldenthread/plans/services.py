"""Every change to an action goes through here, so that each one is recorded.

Each function runs in a transaction, checks the version the editor started from
(optimistic locking: a conditional UPDATE, so two editors cannot both win), writes an
``ActionChange`` for every field that changed, and raises ``EditConflict`` (``audit.versions``)
rather than overwrite someone else's edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from goldenthread.audit.context import Source
from goldenthread.audit.versions import EditConflict, claim_version
from goldenthread.people.models import Organisation, Person

from .models import Action, ActionChange, ActionUpdate, Confidence, Status, StatusSource

# Fields of an action that a manager edits as part of the plan.
PLAN_FIELDS = ("text", "measure", "lead", "due_date")


def changed_meanwhile(action: Action) -> EditConflict:
    """The action changed after its editor opened it: say who changed it, and when."""
    who, at = _last_edit(action)
    when = timezone.localtime(at).strftime("%d %B %Y at %H:%M") if at else ""
    return EditConflict(
        action,
        f"Action {action.code} was changed by {who}"
        + (f" on {when}" if when else "")
        + " after you opened it. Your changes have not been saved: "
        "read the latest version and make them again.",
    )


def _last_edit(action: Action) -> tuple[str, dt.datetime | None]:
    """Who last changed the action or added an update to it, and when."""
    change = action.changes.select_related("changed_by").first()
    update = action.updates.select_related("author").order_by("-created_at", "-id").first()
    candidates = [
        (change.changed_at, change.changed_by) if change else None,
        (update.created_at, update.author) if update else None,
    ]
    latest = max((c for c in candidates if c), default=None, key=lambda c: c[0])
    if latest is None:
        return "someone else", None
    return (_name(latest[1]) or "someone else"), latest[0]


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _differs(old: Any, new: Any) -> bool:
    """Whether a field really changes. Related objects are compared by identity, since
    two people may share a name; everything else by the text the record would keep."""
    if isinstance(old, models.Model) or isinstance(new, models.Model):
        return getattr(old, "pk", None) != getattr(new, "pk", None)
    return _as_text(old) != _as_text(new)


def _claim_version(action: Action, expected_version: int | None) -> None:
    """Move the version on, or raise EditConflict if it moved since the editor read it."""
    if not claim_version(action, expected_version):
        action.refresh_from_db()
        raise changed_meanwhile(action)
    action.version = (expected_version or action.version) + 1
    if expected_version is None:
        action.refresh_from_db(fields=["version"])


def apply_changes(
    action: Action,
    changes: dict[str, Any],
    *,
    by: User | None = None,
    via: str = Source.WEB,
    expected_version: int | None = None,
    also_set: dict[str, Any] | None = None,
) -> list[ActionChange]:
    """Set fields on an action and record each one that really changed.

    ``also_set`` holds derived fields (such as the latest commentary) that are saved
    with the change but not recorded, because the record they derive from is kept.
    """
    also_set = also_set or {}
    actual = {
        field: value for field, value in changes.items() if _differs(getattr(action, field), value)
    }
    if not actual and not also_set:
        # Nothing to write, so no transaction: a re-import calls this for every action.
        if expected_version is not None and expected_version != action.version:
            raise changed_meanwhile(action)
        return []
    with transaction.atomic():
        _claim_version(action, expected_version)
        records = [
            ActionChange(
                action=action,
                changed_by=by,
                via=via,
                field=field,
                old_value=_as_text(getattr(action, field)),
                new_value=_as_text(value),
            )
            for field, value in actual.items()
        ]
        for field, value in (actual | also_set).items():
            setattr(action, field, value)
        action.save(update_fields=[*actual, *also_set, "sort_key", "updated_at"])
        ActionChange.objects.bulk_create(records)
        return records


def set_lead(
    action: Action,
    *,
    person: Person | None,
    organisation: Organisation | None,
    by: User | None,
    expected_version: int | None,
    via: str = Source.WEB,
) -> list[ActionChange]:
    """Set an action's lead person and organisation, recorded like any change to it."""
    partnership = action.delivery_plan.plan.partnership
    for lead in (person, organisation):
        if lead is not None and lead.partnership_id != partnership.pk:
            raise ValueError(f"{lead} is not in {partnership}.")
    return apply_changes(
        action,
        {"lead_person": person, "lead_organisation": organisation},
        by=by,
        via=via,
        expected_version=expected_version,
    )


def edit_action(
    action: Action, *, by: User | None, expected_version: int, **fields: Any
) -> list[ActionChange]:
    """A manager edits the plan fields of an action (text, measure, lead, due date)."""
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Not a plan field of an action: {', '.join(sorted(unknown))}")
    return apply_changes(action, fields, by=by, via=Source.WEB, expected_version=expected_version)


def add_update(
    action: Action,
    *,
    by: User | None,
    commentary: str,
    status: str = "",
    confidence: str = "",
    evidence_url: str = "",
    date: dt.date | None = None,
    author_name: str = "",
    via: str = Source.WEB,
    expected_version: int | None = None,
) -> ActionUpdate:
    """A contributor reports progress. A status they give is *reported*, not inferred.

    A confidence they give becomes the action's, recorded as a change like the status;
    an update without one leaves the last one given standing.
    """
    if status and status not in Status.values:
        raise ValueError(f"{status!r} is not a status.")
    if confidence and confidence not in Confidence.values:
        raise ValueError(f"{confidence!r} is not a confidence.")
    date = date or timezone.localdate()
    with transaction.atomic():
        changes = _status_fields(status, StatusSource.REPORTED) if status else {}
        if confidence:
            changes["confidence"] = confidence
        apply_changes(
            action,
            changes,
            by=by,
            via=via,
            expected_version=expected_version,
            also_set={"latest_commentary": commentary, "latest_update_on": date},
        )
        return ActionUpdate.objects.create(
            action=action,
            date=date,
            author=by,
            author_name=author_name or _name(by),
            status=status,
            confidence=confidence,
            commentary=commentary,
            evidence_url=evidence_url,
            via=via,
        )


def confirm_status(
    action: Action,
    *,
    by: User | None,
    status: str | None = None,
    expected_version: int | None = None,
) -> list[ActionChange]:
    """An officer confirms an inferred status, or corrects it; either way a person now owns it."""
    status = status or action.status
    if status not in Status.values:
        raise ValueError("Choose a status: this action has none to confirm.")
    return apply_changes(
        action,
        _status_fields(status, StatusSource.REPORTED),
        by=by,
        via=Source.WEB,
        expected_version=expected_version,
    )


@dataclass
class Confirmed:
    """What "confirm selected" or "confirm all" did, by action code."""

    confirmed: list[str] = field(default_factory=list)
    not_known: list[str] = field(default_factory=list)  # no status to confirm
    changed: list[str] = field(default_factory=list)  # changed since the page was read


def confirm_inferred(
    actions: Iterable[Action], *, by: User | None, versions: dict[int, int]
) -> Confirmed:
    """Confirm each action's inferred status as it stands, for the review page.

    Each is confirmed on its own, against the version the page showed (``versions``, by
    action id): one changed meanwhile is left for a person to read again, not the rest.
    A status not known has nothing to confirm; someone has to choose it.
    """
    result = Confirmed()
    for action in actions:
        if not action.status:
            result.not_known.append(action.code)
            continue
        try:
            confirm_status(action, by=by, expected_version=versions.get(action.pk, -1))
        except EditConflict:
            result.changed.append(action.code)
        else:
            result.confirmed.append(action.code)
    return result


def _status_fields(status: str, source: str, rule: str = "", basis: str = "") -> dict[str, Any]:
    return {
        "status": status,
        "status_source": source,
        "status_rule": rule,
        "status_basis": basis,
        "status_certain": True,
    }


def inferred_status_fields(status: str, rule: str, basis: str, certain: bool) -> dict[str, Any]:
    """The fields an importer sets when it infers a status from a comment."""
    return _status_fields(status, StatusSource.INFERRED, rule, basis) | {"status_certain": certain}
