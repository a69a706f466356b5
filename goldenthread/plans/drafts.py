"""The review step: a manager adds, drops and renumbers a draft delivery plan's actions,
then publishes it. Drafts are made by ``rollover.roll_over``; until published, only the
partnership's managers see them.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat

from goldenthread.audit.context import Source
from goldenthread.audit.records import record_change
from goldenthread.audit.versions import EditConflict
from goldenthread.lib.codes import belongs_to_objective, is_numeric_code, number_parts
from goldenthread.people.models import Organisation, Person

from .models import Action, ActionChange, DeliveryPlan, Objective, Status
from .services import apply_changes, changed_meanwhile

# ActionChange.field written on the old action when it is carried, or dropped again.
CARRIED_TO = "carried_to"


class DraftError(ValueError):
    """A change to a draft delivery plan that the plan's rules forbid."""


def code_error(code: str, objective: Objective, codes_in_objective: set[str]) -> str:
    """Why ``code`` cannot number an action of ``objective``, or "" if it can.

    An objective 8.1 numbers its actions 8.11, 8.12, …, running on to 8.20 after 8.19
    (see ``lib.codes.belongs_to_objective``); ``codes_in_objective`` are its other codes.
    """
    if not is_numeric_code(code):
        return f"Enter a code such as {objective.code}1, not “{code}”."
    parts = number_parts(code)
    previous = f"{parts[0]}.{parts[1] - 1}" if len(parts) == 2 else None
    if belongs_to_objective(
        code, objective.code, previous if previous in codes_in_objective else None
    ):
        return ""
    return (
        f"{code} does not fit objective {objective.code}: number its actions "
        f"{objective.code}1, {objective.code}2 and so on."
    )


def free_code(wanted: str, objective: Objective, taken: dict[str, int]) -> str:
    """``wanted`` if no action has it yet, else the next free code under the objective.

    ``taken`` maps each code already used in the delivery plan to its objective's id.
    """
    if wanted not in taken:
        return wanted
    mine = [number_parts(c)[1] for c, objective_id in taken.items() if objective_id == objective.pk]
    aim, number = number_parts(objective.code)[:2]
    sequence = max(mine) + 1 if mine else int(f"{number}1")
    while f"{aim}.{sequence}" in taken:
        sequence += 1
    return f"{aim}.{sequence}"


def _require_draft(delivery_plan: DeliveryPlan) -> None:
    if not delivery_plan.is_draft:
        raise DraftError(f"The {delivery_plan.year} delivery plan is published: it is not a draft.")


def add_to_draft(draft: DeliveryPlan, *, by, **fields) -> Action:
    """A manager adds a new action to the draft (``add_action``)."""
    _require_draft(draft)
    return add_action(draft, by=by, **fields)


def add_action(
    draft: DeliveryPlan,
    *,
    by,
    objective: Objective,
    code: str,
    text: str,
    measure: str = "",
    lead: str = "",
    lead_person: Person | None = None,
    lead_organisation: Organisation | None = None,
    due_date: dt.date | None = None,
) -> Action:
    """A manager adds a new action to a delivery plan, draft or published, with its lead
    person and organisation as any other action has them; each field set is recorded.
    A retired objective takes no new actions."""
    if objective.is_retired:
        raise DraftError(f"Objective {objective.code} is retired: it takes no new actions.")
    siblings = set(draft.actions.filter(objective=objective).values_list("code", flat=True))
    if error := code_error(code, objective, siblings):
        raise DraftError(error)
    for named in (lead_person, lead_organisation):
        if named is not None and named.partnership_id != draft.plan.partnership_id:
            raise DraftError(f"{named} is not in {draft.plan.partnership}.")
    fields = {
        "code": code,
        "text": text,
        "measure": measure,
        "lead": lead,
        "lead_person": lead_person,
        "lead_organisation": lead_organisation,
        "due_date": due_date,
    }
    with transaction.atomic():
        try:
            with transaction.atomic():
                action = Action.objects.create(
                    delivery_plan=draft, objective=objective, status=Status.NOT_STARTED, **fields
                )
        except IntegrityError:
            raise DraftError(_taken(code, draft)) from None
        ActionChange.objects.bulk_create(
            ActionChange(
                action=action,
                changed_by=by,
                via=Source.WEB,
                field=name,
                new_value=value.isoformat() if isinstance(value, dt.date) else str(value),
            )
            for name, value in fields.items()
            if value
        )
    return action


def _taken(code: str, delivery_plan: DeliveryPlan) -> str:
    return f"{code} is already the code of another action in {delivery_plan.year}."


def drop_from_draft(action: Action, *, by, expected_version: int) -> None:
    """A manager drops an action from the draft; the old action records it was not carried.

    Raises EditConflict if the action changed since the manager looked at it.
    """
    _require_draft(action.delivery_plan)
    old = action.carried_from
    with transaction.atomic():
        # Conditional, like the services' version claim: only the version the manager saw.
        _, deleted = Action.objects.filter(pk=action.pk, version=expected_version).delete()
        if not deleted.get(Action._meta.label):
            action.refresh_from_db()
            raise changed_meanwhile(action)
        if old is not None:
            ActionChange.objects.create(
                action=old,
                changed_by=by,
                via=Source.WEB,
                field=CARRIED_TO,
                old_value=f"{action.delivery_plan.year} action {action.code}",
            )


def renumber(draft: DeliveryPlan, codes: dict[Action, tuple[str, int]], *, by) -> int:
    """Give the draft's actions new codes at once (``renumber_actions``)."""
    _require_draft(draft)
    return renumber_actions(draft, codes, by=by)


def renumber_actions(draft: DeliveryPlan, codes: dict[Action, tuple[str, int]], *, by) -> int:
    """Give a delivery plan's actions new codes at once: ``{action: (new code, version
    seen)}``. Each old code stays in the action's history, so reports that cited it
    can still be followed.

    All or nothing. Codes are checked as a whole, so two actions can swap codes; each
    change is recorded, and EditConflict is raised if an action changed meanwhile.
    Returns how many actions were renumbered.
    """
    if errors := renumber_errors(draft, {action: code for action, (code, _) in codes.items()}):
        raise DraftError(" ".join(errors.values()))
    changing = {a: cv for a, cv in codes.items() if cv[0] != a.code}
    try:
        with transaction.atomic():
            # Park the moving codes first, so a swap never meets the uniqueness rule halfway.
            Action.objects.filter(pk__in=[a.pk for a in changing]).update(
                code=Concat(Value("renumbering-"), "id")
            )
            for action, (code, version) in changing.items():
                apply_changes(
                    action, {"code": code}, by=by, via=Source.WEB, expected_version=version
                )
    except EditConflict as conflict:
        # Read again after the rollback, so the message names the real code, not the parked one.
        conflict.current.refresh_from_db()
        raise changed_meanwhile(conflict.current) from None
    return len(changing)


def renumber_errors(draft: DeliveryPlan, codes: dict[Action, str]) -> dict[Action, str]:
    """What is wrong with a proposed numbering of the draft, action by action."""
    proposed = {a.pk: (a.code, a.objective_id) for a in draft.actions.all()}
    proposed |= {a.pk: (code, a.objective_id) for a, code in codes.items()}
    errors: dict[Action, str] = {}
    for action, code in codes.items():
        others = [pk for pk, (c, _) in proposed.items() if c == code and pk != action.pk]
        siblings = {c for pk, (c, o) in proposed.items() if o == action.objective_id}
        if message := code_error(code, action.objective, siblings - {code}):
            errors[action] = message
        elif others:
            errors[action] = f"{code} is given to more than one action: codes must differ."
    return errors


def publish(draft: DeliveryPlan) -> None:
    """The manager publishes the draft: from now on everyone who reads the plan sees it."""
    _require_draft(draft)
    DeliveryPlan.objects.filter(pk=draft.pk).update(is_draft=False)
    draft.is_draft = False
    record_change(draft, is_draft=(True, False))
