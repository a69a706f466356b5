"""Defining, retiring and linking indicators on the web, each change in the audit trail.

A definition is changed against the version its editor read (``audit.versions``), and
only by those ``permissions.may_define`` allows. Retiring never deletes: a retired
indicator keeps its values, targets and links, and is marked retired where it is shown.
Linking touches only the partnership's own objectives and actions; the links other
partnerships made are theirs and stay.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from goldenthread.audit.models import AuditEntry
from goldenthread.audit.versions import save_as_read
from goldenthread.plans.models import Action, Objective

from .models import Indicator
from .permissions import may_define

DEFINITION = [
    "code",
    "title",
    "aliases",
    "definition",
    "source",
    "owner",
    "unit",
    "per",
    "unit_label",
    "polarity",
    "comparison",
    "period_type",
    "decimals",
    "tolerance",
    "update_cycle",
    "external_id",
    "measure_kind",
    "performance_question",
]


def add_indicator(*, partnership, fields: dict, by) -> Indicator:
    """A new indicator, kept by ``partnership``: its managers define it from now on."""
    unknown = set(fields) - set(DEFINITION)
    if unknown:
        raise ValueError(f"Not part of a definition: {', '.join(sorted(unknown))}")
    indicator = Indicator(partnership=partnership, **fields)
    indicator.full_clean()
    indicator.save()
    return indicator


def change_indicator(
    indicator: Indicator, *, partnership, fields: dict, by, expected_version: int
) -> Indicator:
    """Change a definition (``DEFINITION``'s fields, or ``retired_on``), if ``by`` may."""
    unknown = set(fields) - {*DEFINITION, "retired_on"}
    if unknown:
        raise ValueError(f"Not part of a definition: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        if why_not := may_define(by, indicator, partnership):
            raise PermissionDenied(why_not)
        return save_as_read(indicator, fields, expected_version, "indicator")


def retire_indicator(
    indicator: Indicator, *, partnership, on: dt.date | None, by, expected_version: int
) -> Indicator:
    """Retire it from ``on`` (None: bring it back into use). Nothing is deleted."""
    return change_indicator(
        indicator,
        partnership=partnership,
        fields={"retired_on": on},
        by=by,
        expected_version=expected_version,
    )


def link_to_plan(
    indicator: Indicator, *, partnership, objectives: list[Objective], actions: list[Action]
) -> None:
    """Link the indicator to these of the partnership's objectives and actions, and to no
    other of its own; other partnerships' links stay. The change is recorded in the
    partnership's trail: the links are the partnership's, not the shared definition's."""
    if any(o.aim.plan.partnership_id != partnership.pk for o in objectives) or any(
        a.delivery_plan.plan.partnership_id != partnership.pk for a in actions
    ):
        raise PermissionDenied("Only the partnership's own objectives and actions may be linked.")
    with transaction.atomic():
        own_objectives = indicator.objectives.filter(aim__plan__partnership=partnership)
        own_actions = indicator.actions.filter(delivery_plan__plan__partnership=partnership)
        if indicator.is_retired() and (
            set(objectives) - set(own_objectives) or set(actions) - set(own_actions)
        ):
            raise ValidationError(
                f"{indicator.title} is retired: bring it back into use before linking it to "
                "more of the plan."
            )
        old = (_labels(own_objectives, "Objective"), _labels(own_actions, "Action"))
        indicator.objectives.remove(*own_objectives)
        indicator.objectives.add(*objectives)
        indicator.actions.remove(*own_actions)
        indicator.actions.add(*actions)
        new = (_labels(objectives, "Objective"), _labels(actions, "Action"))
        changes = {
            name: [before, after]
            for name, before, after in zip(LINK_NAMES, old, new, strict=True)
            if before != after
        }
        if changes:
            AuditEntry.objects.log_create(
                indicator,
                force_log=True,
                action=AuditEntry.Action.UPDATE,
                changes=changes,
                additional_data={"partnership": partnership.pk},
            )


# How the trail names the links: not the model's many-to-many fields, whose values it
# would read as ids, and a record is named as it was then.
LINK_NAMES = ("plan_objectives", "plan_actions")


def _labels(records, noun: str) -> str:
    """How the trail shows linked objectives or actions: "Action 8.11 (2014/15), …"."""
    labels = []
    for record in records:
        year = f" ({record.delivery_plan.year})" if noun == "Action" else ""
        labels.append(f"{noun} {record.code}{year}")
    return ", ".join(sorted(labels)) or "none"
