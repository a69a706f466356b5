"""Reading the trail: filtering it, and each entry's changes one field at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.utils import formats, timezone

from .models import AuditEntry
from .registry import AUDITED

ACTIONS = {0: "created", 1: "changed", 2: "deleted", 3: "read"}


def kinds() -> list[tuple[str, str]]:
    """The kinds of item the trail records, as (app_label.model, readable name)."""
    from django.apps import apps

    return sorted(
        (
            (label.lower(), apps.get_model(label)._meta.verbose_name.capitalize())
            for label in AUDITED
        ),
        key=lambda kind: kind[1],
    )


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def changes(entry: AuditEntry, names: dict | None = None) -> list[Change]:
    """What the entry changed, field by field, old and new as a reader would say them:
    the field's label, a choice's label, the name of a related record (never its id).

    ``names`` keeps the related records already read, so that a page of entries reads
    each one once."""
    model = entry.content_type.model_class()
    names = {} if names is None else names
    return [
        Change(
            _label(model, field),
            _shown(model, field, values[0], names),
            _shown(model, field, values[1], names),
        )
        for field, values in sorted((entry.changes or {}).items())
        if isinstance(values, list | tuple) and len(values) == 2 and _is_shown(model, field)
    ]


# Bookkeeping no one changes by hand: the edit counter that catches conflicting edits.
UNSHOWN = {"version"}


def _is_shown(model, name: str) -> bool:
    """Not ids, bookkeeping or the related lists a new record is logged with (stored as
    "plans.ActionUpdate.None"); a field since removed is still shown."""
    if name in UNSHOWN:
        return False
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return True
    return field is None or (getattr(field, "concrete", False) and not field.primary_key)


def stored_changes(entry: AuditEntry) -> list[Change]:
    """What the entry changed as it is stored, for the CSV: codes and ids that a
    spreadsheet can match against other data."""
    return [
        Change(field.replace("_", " "), _text(values[0]), _text(values[1]))
        for field, values in sorted((entry.changes or {}).items())
        if isinstance(values, list | tuple) and len(values) == 2
    ]


def _field(model, name: str):
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:  # a field since removed: the trail outlives the model
        return None
    return field if getattr(field, "concrete", False) else None


def _label(model, name: str) -> str:
    field = _field(model, name)
    label = getattr(field, "verbose_name", None) or name.replace("_", " ")
    return str(label).capitalize()


def _shown(model, name: str, value, names: dict) -> str:
    text = _text(value)
    field = _field(model, name)
    if not text or field is None:
        return text
    if field.choices:
        return str(dict(field.flatchoices).get(value, text))
    if field.is_relation and field.related_model is not None:
        return _related_name(field.related_model, text, names)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field.get_internal_type() == "DateField":
        return _date(text)
    return text


def _related_name(model, pk: str, names: dict) -> str:
    key = (model, pk)
    if key not in names:
        found = model._default_manager.filter(pk=pk).first()
        # Gone since: say what it was, not a number nobody can look up.
        names[key] = str(found) if found else f"a deleted {model._meta.verbose_name}"
    return names[key]


def _date(text: str) -> str:
    try:
        return formats.date_format(dt.date.fromisoformat(text), "j F Y")
    except ValueError:
        return text


def _text(value) -> str:
    return "" if value is None or value == "None" else str(value)


def filtered(entries: QuerySet, filters: dict) -> QuerySet:
    """The entries a manager asked for: by who, source, kind, item, dates and words."""
    if filters.get("who"):
        who = filters["who"]
        entries = entries.filter(
            Q(actor__username__icontains=who)
            | Q(actor__first_name__icontains=who)
            | Q(actor__last_name__icontains=who)
            | Q(actor__email__icontains=who)
        )
    if filters.get("source"):
        entries = entries.filter(source=filters["source"])
    if filters.get("kind"):
        app_label, model = filters["kind"].split(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model)
    if filters.get("item"):
        entries = entries.filter(object_pk=str(filters["item"]))
    if filters.get("since"):
        entries = entries.filter(timestamp__gte=_start_of(filters["since"]))
    if filters.get("until"):
        entries = entries.filter(timestamp__lt=_start_of(filters["until"] + dt.timedelta(days=1)))
    if filters.get("words"):
        words = filters["words"]
        entries = entries.filter(
            Q(object_repr__icontains=words)
            | Q(changes_text__icontains=words)
            | Q(changes__icontains=words)
        )
    return entries


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def csv_rows(entries: QuerySet) -> Iterator[list[str]]:
    """One row per changed field, the oldest first; an entry with no fields has one row."""
    yield ["when", "who", "source", "action", "kind", "item id", "item", "field", "old", "new"]
    for entry in (
        entries.select_related("actor", "content_type").order_by("timestamp", "pk").iterator()
    ):
        who = entry.actor.get_username() if entry.actor else "goldenthread"
        head = [
            timezone.localtime(entry.timestamp).isoformat(timespec="seconds"),
            who,
            entry.source,
            ACTIONS.get(entry.action, ""),
            entry.content_type.model,
            entry.object_pk,
            entry.object_repr,
        ]
        fields = stored_changes(entry) or [Change("", "", "")]
        for change in fields:
            yield [*head, change.field, change.old, change.new]
