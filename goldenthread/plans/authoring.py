"""Managers shape the plan on the web: its aims and objectives, the next multi-year plan,
and an action withdrawn with a reason. Actions are added and renumbered by ``drafts.py``
(``add_action``, ``renumber_actions``), which works for any delivery plan.

Every change is in the audit trail: aims, objectives and plans are recorded by their
model signals (``apps.py``), with who made the change from the request, and each
change checks the version its editor read (``audit.versions``), so that of two managers
editing the same aim at once the second is told, not silently overwritten.

Codes are what reports cite ("objective 8.1", "action 8.14"), in years already
published as much as in this one. So renumbering aims moves the aims only: the codes of
their objectives and actions stay as they are. An objective's code may be changed only
while no action is numbered under it; and nothing with actions is ever deleted, only
retired: kept with its history, shown as retired, left off new delivery plans.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import IntegrityError, router, transaction
from django.db.models import F, Model, ProtectedError, Q, QuerySet
from django.db.models.deletion import Collector
from django.utils import timezone

from goldenthread.audit.models import AuditEntry
from goldenthread.audit.records import record_change
from goldenthread.audit.versions import EditConflict, claim_version
from goldenthread.lib.codes import is_code
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.people.models import Person

from .models import Action, ActionUpdate, Aim, Objective, Plan, Status
from .services import add_update

# A lead not given to an edit stays as it is.
UNCHANGED = object()

# Aims are parked here while renumbered, so that two can swap numbers without ever
# meeting the rule that numbers differ.
PARKED = 1_000_000


class AuthoringError(ValueError):
    """A change to the plan's structure that its rules forbid; nothing has been written."""


def changed_meanwhile(record: Model, what: str) -> EditConflict:
    """``what`` changed after its editor opened it: say who changed it, and when."""
    entry = AuditEntry.objects.get_for_object(record).select_related("actor").first()
    who = (
        (entry.actor.get_full_name() or entry.actor.get_username()) if entry and entry.actor else ""
    )
    when = timezone.localtime(entry.timestamp).strftime("%d %B %Y at %H:%M") if entry else ""
    return EditConflict(
        record,
        f"{what} was changed by {who or 'someone else'}"
        + (f" on {when}" if when else "")
        + " after you opened it. Your changes have not been saved: "
        "read the latest version and make them again.",
    )


def _save_checked(
    record: Aim | Objective, expected_version: int, what: str, **fields: object
) -> None:
    """Set ``fields`` if the record is still at the version its editor read."""
    with transaction.atomic():
        if not claim_version(record, expected_version):
            record.refresh_from_db()
            raise changed_meanwhile(record, what)
        for name, value in fields.items():
            setattr(record, name, value)
        # Already moved on in the database, so the trail records only the fields changed.
        record.version = expected_version + 1
        record.save()


# Aims


def add_aim(plan: Plan, *, number: int, title: str) -> Aim:
    taken = f"{plan.title} already has an aim {number}: choose another number."
    if plan.aims.filter(number=number).exists():
        raise AuthoringError(taken)
    try:
        with transaction.atomic():
            return Aim.objects.create(plan=plan, number=number, title=title)
    except IntegrityError:  # another manager added it since the check
        raise AuthoringError(taken) from None


def edit_aim(
    aim: Aim, *, title: str, expected_version: int, lead: Person | None | object = UNCHANGED
) -> None:
    leads = {} if lead is UNCHANGED else {"lead": lead}
    _save_checked(aim, expected_version, f"Aim {aim.number}", title=title, **leads)


def renumber_aims(plan: Plan, numbers: dict[Aim, tuple[int, int]]) -> int:
    """Give the plan's aims new numbers at once: ``{aim: (new number, version seen)}``.

    All or nothing; two aims may swap. The codes of their objectives and actions stay
    as they are (see the module's docstring). Returns how many aims were renumbered.
    """
    if errors := renumber_errors(plan, {aim: n for aim, (n, _) in numbers.items()}):
        raise AuthoringError(" ".join(errors.values()))
    changing = {aim: nv for aim, nv in numbers.items() if nv[0] != aim.number}
    try:
        _renumber(changing)
    except IntegrityError:  # an aim added meanwhile took one of the numbers
        raise AuthoringError(
            "Another aim was added with one of these numbers meanwhile: read the aims again."
        ) from None
    return len(changing)


def _renumber(changing: dict[Aim, tuple[int, int]]) -> None:
    with transaction.atomic():
        for aim, (_, version) in changing.items():
            if not claim_version(aim, version):
                aim.refresh_from_db()
                raise changed_meanwhile(aim, f"Aim {aim.number}")
        # Updates, not saves, so the park is never recorded; each move is, once.
        Aim.objects.filter(pk__in=[a.pk for a in changing]).update(number=F("number") + PARKED)
        for aim, (number, version) in changing.items():
            Aim.objects.filter(pk=aim.pk).update(number=number)
            record_change(aim, number=(aim.number, number))
            aim.number, aim.version = number, version + 1


def renumber_errors(plan: Plan, numbers: dict[Aim, int]) -> dict[Aim, str]:
    """What is wrong with a proposed numbering of the plan's aims, aim by aim."""
    proposed = dict(plan.aims.values_list("pk", "number")) | {a.pk: n for a, n in numbers.items()}
    errors = {}
    for aim, number in numbers.items():
        if not 0 < number < PARKED:
            errors[aim] = f"Give aim “{aim.title}” a number from 1 to {PARKED - 1}."
        elif list(proposed.values()).count(number) > 1:
            errors[aim] = f"{number} is given to more than one aim: numbers must differ."
    return errors


# Objectives


def add_objective(aim: Aim, *, code: str, title: str) -> Objective:
    if aim.is_retired:
        raise AuthoringError(f"Aim {aim.number} is retired: it takes no new objectives.")
    _check_code(code, aim)
    try:
        with transaction.atomic():
            return Objective.objects.create(aim=aim, code=code, title=title)
    except IntegrityError:  # another manager added it since the check
        raise AuthoringError(f"{code} is already the code of another objective.") from None


def edit_objective(
    objective: Objective,
    *,
    code: str,
    title: str,
    aim: Aim,
    expected_version: int,
    lead: Person | None | object = UNCHANGED,
) -> None:
    """Change an objective's title, move it to another aim of the plan, or (while no
    action is numbered under it) change its code."""
    if aim.plan_id != objective.aim.plan_id:
        raise AuthoringError("An objective moves only to another aim of the same plan.")
    if code != objective.code and objective.actions.exists():
        raise AuthoringError(
            f"Objective {objective.code} has actions numbered under it, which reports cite: "
            "its code cannot change. Add a new objective, and retire this one, instead."
        )
    if code != objective.code or aim != objective.aim:
        _check_code(code, aim, leaving=objective)
    leads = {} if lead is UNCHANGED else {"lead": lead}
    _save_checked(
        objective,
        expected_version,
        f"Objective {objective.code}",
        code=code,
        title=title,
        aim=aim,
        **leads,
    )


def _check_code(code: str, aim: Aim, leaving: Objective | None = None) -> None:
    if not is_code(code):
        raise AuthoringError(f"Enter a code such as {aim.number}.1, not “{code}”.")
    clash = Objective.objects.filter(aim__plan=aim.plan_id, code=code)
    if leaving is not None:
        clash = clash.exclude(pk=leaving.pk)
    if clash.exists():
        raise AuthoringError(f"{code} is already the code of another objective of the plan.")


# Retiring


def set_retired(record: Aim | Objective, *, retired: bool, expected_version: int) -> None:
    """Retire an aim or objective (kept with its history, left off new delivery plans),
    or bring it back into use. Nothing is deleted."""
    what = f"Aim {record.number}" if isinstance(record, Aim) else f"Objective {record.code}"
    _save_checked(
        record, expected_version, what, retired_on=timezone.localdate() if retired else None
    )


def delete_unused(record: Aim | Objective, *, expected_version: int) -> None:
    """Delete an aim or objective added by mistake: only while no action, of any year,
    is numbered under it (an aim: under any of its objectives). The trail keeps it."""
    if isinstance(record, Aim):
        what, actions = f"Aim {record.number}", Action.objects.filter(objective__aim=record)
    else:
        what, actions = f"Objective {record.code}", record.actions.all()
    has_actions = AuthoringError(f"{what} has actions: retire it instead, and its history stays.")
    if actions.exists():
        raise has_actions
    if others := _deleted_with(record):
        raise AuthoringError(
            f"{what} is named by {', '.join(sorted(others))}: retire it instead, so they stay."
        )
    with transaction.atomic():
        if not type(record).objects.filter(pk=record.pk, version=expected_version).exists():
            record.refresh_from_db()
            raise changed_meanwhile(record, what)
        try:
            record.delete()
        except ProtectedError:  # an action was added under it meanwhile
            raise has_actions from None


def _deleted_with(record: Aim | Objective) -> set[str]:
    """What else deleting the record would delete (the plan document's milestones and
    commitments, say), by kind; an aim's own objectives and links to indicators aside."""
    collector = Collector(using=router.db_for_write(type(record)))
    collector.collect([record])
    kinds = {model for model, found in collector.data.items() if found}
    kinds |= {rows.model for rows in collector.fast_deletes if rows.exists()}
    return {
        str(model._meta.verbose_name_plural)
        for model in kinds
        if model not in (Aim, Objective) and not model._meta.auto_created
    }


# Actions


def withdraw_action(
    action: Action, *, reason: str, by: User | None, expected_version: int
) -> ActionUpdate:
    """A manager withdraws an action of a published delivery plan, saying why: it stays
    in the plan, with its history, as withdrawn. (From a draft it is dropped instead,
    ``drafts.drop_from_draft``.)"""
    if action.delivery_plan.is_draft:
        raise AuthoringError(f"Action {action.code} is in a draft: drop it from the draft.")
    if action.status == Status.WITHDRAWN:
        raise AuthoringError(f"Action {action.code} is already withdrawn.")
    return add_update(
        action,
        by=by,
        status=Status.WITHDRAWN,
        commentary=f"Withdrawn: {reason}",
        expected_version=expected_version,
    )


# The next plan


def overlapping(
    partnership: Partnership, first: FinancialYear, last: FinancialYear
) -> QuerySet[Plan]:
    """The partnership's plans that cover any year from ``first`` to ``last``."""
    return partnership.plans.filter(Q(start_year__lte=last.start) & Q(end_year__gt=first.start))


def set_up_next_plan(
    partnership: Partnership,
    *,
    title: str,
    first_year: FinancialYear,
    last_year: FinancialYear,
    visibility: str,
    objectives: Iterable[Objective] = (),
    aims: Iterable[Aim] = (),
) -> Plan:
    """A new multi-year plan, with copies of the aims and objectives chosen from the plan
    before. Each copied objective records the one it continues (``Objective.continues``),
    so the rollover carries actions into it. An aim is copied with any objective of it
    chosen, or chosen on its own; its number and each objective's code stay the same.
    """
    if last_year < first_year:
        raise AuthoringError(f"The plan must end in {first_year} or later, not {last_year}.")
    if clash := overlapping(partnership, first_year, last_year).first():
        raise AuthoringError(
            f"{clash.title} already covers {clash.first_year} to {clash.last_year}: "
            f"a plan from {first_year} to {last_year} would overlap it."
        )
    chosen = sorted(objectives, key=lambda o: (o.aim.number, o.sort_key))
    with_aims = {aim.pk: aim for aim in [*aims, *(o.aim for o in chosen)]}
    if any(aim.plan.partnership_id != partnership.pk for aim in with_aims.values()):
        raise AuthoringError(f"Copy only aims and objectives of {partnership.name}'s plans.")
    with transaction.atomic():
        plan = Plan.objects.create(
            partnership=partnership,
            title=title,
            start_year=first_year.start,
            end_year=last_year.start + 1,
            visibility=visibility,
        )
        copies = {
            pk: Aim.objects.create(plan=plan, number=aim.number, title=aim.title)
            for pk, aim in sorted(with_aims.items(), key=lambda item: item[1].number)
        }
        for objective in chosen:
            Objective.objects.create(
                aim=copies[objective.aim_id],
                code=objective.code,
                title=objective.title,
                continues=objective,
            )
    return plan
