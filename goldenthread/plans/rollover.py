"""The new year: roll a delivery plan into the next one, as a draft for its manager.

What becomes of each action of the year that ends (``fate_of``):

- **carried forward** or **deferred**: the year itself decided that the action goes on,
  so it moves across.
- **in progress**, **not started**, or **no status known**: unfinished business. It
  moves across too, flagged for the manager to review, because a council carries what
  it has not finished unless it decides otherwise. Dropping it from the draft is one
  step, and the old action then records that it was not carried; unfinished work left
  behind without a decision would simply be lost.
- **completed** or **withdrawn**: it stays behind.
- already carried by an earlier rollover, or dropped from the draft by a manager:
  skipped and reported as such, so a second run adds nothing and does not bring back
  what a manager dropped.
- to be placed: it would move, but its objective is retired, or (into the next plan)
  has no objective there to go under. It is listed for the manager to place under an
  objective of their choosing (``placements``), never carried off to nowhere or lost;
  until then it stays behind, and a later run with a place for it carries it.

The final year of a multi-year plan rolls into the first year of the next plan, once
the next plan is set up (``authoring.set_up_next_plan``). Each action goes under the
next plan's objective that continues its own (copied from it), else the one with the
same code, else the one with the same title, retired ones aside (``objective_in``).

A carried action keeps its objective (in the next plan, the one found for it), code,
text, measure, leads and indicators, starts
"not started" with no due date (the old one fell in the year that ended), and points
back at the old action (``carried_from``), so its history reads from both ends. If its
code is already taken in the draft, it gets the next free code under its objective.

The draft stays hidden from all but the partnership's managers until it is published;
``drafts.py`` has what the manager does to it meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from goldenthread.audit.context import Source
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership

from .drafts import CARRIED_TO, free_code
from .models import NOT_KNOWN_LABEL, Action, ActionChange, DeliveryPlan, Objective, Plan, Status
from .services import add_update

DECIDED = frozenset({Status.CARRIED_FORWARD, Status.DEFERRED})
UNFINISHED_LABELS = (Status.NOT_STARTED.label, Status.IN_PROGRESS.label, NOT_KNOWN_LABEL)
FINISHED = frozenset({Status.COMPLETED, Status.WITHDRAWN})


class RolloverError(ValueError):
    """The rollover cannot be done as asked; nothing has been written."""


class NoNextPlan(RolloverError):
    """The year to roll into lies beyond the plan, and no next plan covers it yet."""


class Fate(StrEnum):
    CARRY = "carry"  # carried forward or deferred in the year that ends
    REVIEW = "review"  # unfinished: carried, flagged for the manager to review
    PLACE = "place"  # would move, but has no objective to go under: the manager places it
    STAYS = "stays"  # completed or withdrawn
    ALREADY = "already"  # carried by an earlier rollover
    DROPPED = "dropped"  # a manager dropped it from the draft

    @property
    def moves(self) -> bool:
        return self in (Fate.CARRY, Fate.REVIEW)


HEADINGS = {
    Fate.CARRY: "Carried forward or deferred in {from_year}, moving to {to_year}",
    Fate.REVIEW: "Unfinished at the end of {from_year}, moving to {to_year} for review",
    Fate.PLACE: "Waiting to be placed under an objective of {to_year}, staying in {from_year}"
    " until then",
    Fate.ALREADY: "Already carried to {to_year}",
    Fate.DROPPED: "Dropped from the {to_year} draft by a manager, not carried again",
    Fate.STAYS: "Staying in {from_year}",
}


@dataclass
class Entry:
    """One action of the year that ends, what becomes of it, and why."""

    source: Action
    fate: Fate
    reason: str
    code: str = ""  # its code in the new year, when it moves or has moved
    carried: Action | None = None  # the new action, once written
    objective: Objective | None = None  # the objective it goes under in the new year


@dataclass
class Rollover:
    """What a rollover moved (or, in a dry run, would move), what stays and why."""

    partnership: Partnership
    from_year: FinancialYear
    to_year: FinancialYear
    dry_run: bool
    entries: list[Entry]
    draft: DeliveryPlan | None = None  # None in a dry run that would create it
    plan: Plan | None = None  # the plan rolled into: the next one, after a plan's last year
    draft_created: bool = False
    claimed_carried_forward: int | None = None  # what the annual report says

    def with_fate(self, fate: Fate) -> list[Entry]:
        return [entry for entry in self.entries if entry.fate == fate]

    @property
    def moving(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.fate.moves]

    def lines(self) -> list[str]:
        """The report the command prints, the same for a dry run and a real one."""
        years = {"from_year": self.from_year, "to_year": self.to_year}
        verb = "would move" if self.dry_run else "moved"
        lines = [
            f"Rollover of {self.partnership.name} from {self.from_year} to {self.to_year}"
            + (" (dry run: nothing has been written)" if self.dry_run else ""),
            (
                f"{len(self.moving)} of {len(self.entries)} actions {verb} to the "
                f"{self.to_year} draft delivery plan."
            ),
        ]
        for fate in Fate:
            entries = self.with_fate(fate)
            if not entries:
                continue
            lines += ["", f"{HEADINGS[fate].format(**years)} ({len(entries)}):"]
            if fate in (Fate.REVIEW, Fate.STAYS):
                lines += _grouped_by_reason(entries)
            else:
                lines += [f"  {_describe(entry)}" for entry in entries]
        return lines + self._claim_lines()

    def _claim_lines(self) -> list[str]:
        if self.claimed_carried_forward is None:
            return []
        marked = sum(1 for e in self.entries if e.source.status == Status.CARRIED_FORWARD)
        return [
            "",
            (
                f"The {self.from_year} annual report says {self.claimed_carried_forward} actions "
                f"were included in the {self.to_year} plan; {marked} are marked carried forward."
            ),
        ]


def _grouped_by_reason(entries: list[Entry]) -> list[str]:
    # Forty completed actions read better as one line of codes than as forty lines.
    codes: dict[str, list[str]] = {}
    for entry in entries:
        codes.setdefault(entry.reason, []).append(_codes(entry))
    return [f"  {reason}: {', '.join(found)}" for reason, found in codes.items()]


def _describe(entry: Entry) -> str:
    return f"{_codes(entry)}: {entry.reason}"


def _codes(entry: Entry) -> str:
    """ "8.14", or "8.14 as 8.18" when the action moves under another code."""
    renumbered = entry.fate.moves and entry.code != entry.source.code
    return f"{entry.source.code} as {entry.code}" if renumbered else entry.source.code


def roll_over(
    plan_or_partnership: Plan | Partnership,
    from_year: FinancialYear,
    to_year: FinancialYear,
    *,
    by=None,
    dry_run: bool = False,
    via: str = Source.COMMAND,
    on: dt.date | None = None,
    placements: dict[int, Objective] | None = None,
) -> Rollover:
    """Create (or add to) the draft delivery plan of ``to_year`` from ``from_year``'s.
    Each action carried gets an update saying so, dated ``on`` (today by default).
    ``placements`` (action id: objective) places actions that have no objective to go
    under in ``to_year`` (``Fate.PLACE``).

    Raises RolloverError, having written nothing, when the years are not consecutive,
    there is no delivery plan for ``from_year``, ``to_year`` lies outside the plan and
    no next plan covers it (``NoNextPlan``), a placement is not an objective in use of
    the plan rolled into, or ``to_year``'s delivery plan is already published. All or
    nothing: one transaction.
    """
    if to_year != from_year.next():
        raise RolloverError(
            f"--to must be the year after --from: {from_year.next()} follows {from_year}, "
            f"not {to_year}."
        )
    source = _source(plan_or_partnership, from_year)
    plan = plan_for(source.plan, to_year)
    placements = placements or {}
    for objective in placements.values():
        if objective.aim.plan_id != plan.pk or objective.is_retired:
            raise RolloverError(f"Objective {objective.code} is not in use in {plan.title}.")
    with transaction.atomic():
        draft = plan.delivery_plans.select_for_update().filter(year_start=to_year.start).first()
        if draft is not None and not draft.is_draft:
            raise RolloverError(
                f"The {to_year} delivery plan of {plan.partnership.name} is already published: "
                "a rollover only fills a draft. Add any further actions to it by hand."
            )
        result = _plan(source, draft, plan, to_year, dry_run, placements)
        if not dry_run:
            _carry_all(result, source, by, via, on)
    return result


def plan_for(plan: Plan, year: FinancialYear) -> Plan:
    """The plan ``year`` falls in: ``plan`` itself, or after its last year the next one."""
    if plan.covers(year):
        return plan
    following = Plan.objects.filter(
        partnership=plan.partnership_id, start_year__lte=year.start, end_year__gt=year.start
    ).first()
    if following is None:
        raise NoNextPlan(
            f"{year} is outside {plan.title}, which runs from {plan.first_year}"
            f" to {plan.last_year}: set up the next plan first."
        )
    return following


def objective_in(plan: Plan, objective: Objective, in_use: list[Objective]) -> Objective | None:
    """The objective of ``plan`` an action of ``objective`` goes under, or None when there
    is none to go under: ``in_use`` are the plan's objectives in use.

    In the same plan, the objective itself unless it is retired. In the next plan, the
    one that continues it, else the one with its code, else the one with its title:
    codes are kept when a plan is copied, titles when a new plan numbers afresh.
    """
    if objective.aim.plan_id == plan.pk:
        return None if objective.is_retired else objective
    for same in (
        lambda o: o.continues_id == objective.pk,
        lambda o: o.code == objective.code,
        lambda o: _plain(o.title) == _plain(objective.title),
    ):
        if found := next((o for o in in_use if same(o)), None):
            return found
    return None


def _plain(title: str) -> str:
    return " ".join(title.casefold().split()).rstrip(".")


def _source(plan_or_partnership: Plan | Partnership, year: FinancialYear) -> DeliveryPlan:
    if isinstance(plan_or_partnership, Plan):
        plans = plan_or_partnership.delivery_plans.all()
        partnership = plan_or_partnership.partnership
    else:
        partnership = plan_or_partnership
        plans = DeliveryPlan.objects.filter(plan__partnership=partnership)
    source = plans.filter(year_start=year.start).select_related("plan__partnership").first()
    if source is None:
        raise RolloverError(f"{partnership.name} has no delivery plan for {year} to roll over.")
    if source.is_draft:
        raise RolloverError(
            f"The {year} delivery plan is still a draft: publish it before rolling it over."
        )
    return source


def _plan(
    source: DeliveryPlan,
    draft: DeliveryPlan | None,
    plan: Plan,
    to_year: FinancialYear,
    dry_run: bool,
    placements: dict[int, Objective],
) -> Rollover:
    actions = list(
        source.actions.select_related("objective__aim", "carried_to__delivery_plan").in_plan_order()
    )
    records = carry_records(actions)
    taken = dict(draft.actions.values_list("code", "objective_id")) if draft else {}
    entries = [Entry(a, *fate_of(a, records.get(a.pk), to_year)) for a in actions]
    _place(entries, plan, placements)
    for entry in entries:
        if entry.fate == Fate.ALREADY:
            entry.code = entry.source.carried_to.code
        elif entry.fate.moves and entry.source.code not in taken and _keeps_code(entry):
            entry.code = entry.source.code
            taken[entry.code] = entry.objective.pk
    # Only then renumber the few whose code is taken, so that one clash does not push
    # every later action of the objective along by one.
    for entry in entries:
        if entry.fate.moves and not entry.code:
            # Under another objective its old code would not fit: the next one free there.
            wanted = {} if _keeps_code(entry) else {entry.source.code: -1}
            entry.code = free_code(entry.source.code, entry.objective, taken | wanted)
            taken[entry.code] = entry.objective.pk
    report = getattr(source, "annual_report", None)
    return Rollover(
        partnership=source.plan.partnership,
        from_year=source.year,
        to_year=to_year,
        dry_run=dry_run,
        entries=entries,
        draft=draft,
        plan=plan,
        claimed_carried_forward=report.claimed_carried_forward if report else None,
    )


def _place(entries: list[Entry], plan: Plan, placements: dict[int, Objective]) -> None:
    """Find each moving action its objective in ``plan``, or the manager's placement;
    one with neither waits to be placed (``Fate.PLACE``)."""
    in_use = list(Objective.objects.in_use().filter(aim__plan=plan))
    for entry in entries:
        if not entry.fate.moves:
            continue
        old = entry.source.objective
        entry.objective = placements.get(entry.source.pk) or objective_in(plan, old, in_use)
        if entry.objective is None:
            entry.fate = Fate.PLACE
            entry.reason = (
                f"its objective {old.code} is retired"
                if old.aim.plan_id == plan.pk
                else f"objective {old.code} has no match in {plan.title}"
            )


def _keeps_code(entry: Entry) -> bool:
    return entry.objective is not None and entry.objective.code == entry.source.objective.code


def fate_of(
    action: Action, carry_record: ActionChange | None, to_year: FinancialYear
) -> tuple[Fate, str]:
    """What the rollover does with an action, and why, in words for the report."""
    carried_to = getattr(action, "carried_to", None)
    if carried_to is not None:
        return (
            Fate.ALREADY,
            f"already carried to {carried_to.delivery_plan.year} as {carried_to.code}",
        )
    if carry_record is not None and not carry_record.new_value:
        who = _name(carry_record.changed_by)
        when = timezone.localtime(carry_record.changed_at).strftime("%-d %B %Y")
        return Fate.DROPPED, f"dropped from the {to_year} draft by {who} on {when}"
    if action.status in DECIDED:
        return Fate.CARRY, action.get_status_display().lower()
    if action.status in FINISHED:
        return Fate.STAYS, action.get_status_display().lower()
    return Fate.REVIEW, unfinished_note(action)


def unfinished_note(action: Action) -> str:
    """How an unfinished action stood when its year ended: "in progress", "no status known"."""
    return action.get_status_display().lower() if action.status else "no status known"


def carry_records(actions: list[Action]) -> dict[int, ActionChange]:
    """The latest carried-to record of each action: carried (a value) or dropped (none)."""
    latest: dict[int, ActionChange] = {}
    changes = ActionChange.objects.filter(
        action__in=[a.pk for a in actions], field=CARRIED_TO
    ).select_related("changed_by")
    for change in changes.order_by("changed_at", "id"):
        latest[change.action_id] = change
    return latest


def _carry_all(result: Rollover, source: DeliveryPlan, by, via: str, on: dt.date | None) -> None:
    if result.draft is None:
        result.draft = DeliveryPlan.objects.create(
            plan=result.plan, year_start=result.to_year.start, is_draft=True
        )
        result.draft_created = True
    for entry in result.moving:
        entry.carried = _carry(entry, result.draft, result.from_year, by, via, on)


def _carry(
    entry: Entry, draft: DeliveryPlan, from_year: FinancialYear, by, via: str, on: dt.date | None
) -> Action:
    old = entry.source
    new = Action.objects.create(
        delivery_plan=draft,
        objective=entry.objective,
        code=entry.code,
        text=old.text,
        measure=old.measure,
        lead=old.lead,
        lead_person_id=old.lead_person_id,
        lead_organisation_id=old.lead_organisation_id,
        carried_from=old,
        status=Status.NOT_STARTED,
    )
    new.indicators.set(old.indicators.all())
    ActionChange.objects.bulk_create(
        [
            ActionChange(
                action=new,
                changed_by=by,
                via=via,
                field="carried_from",
                new_value=f"{from_year} action {old.code}",
            ),
            ActionChange(
                action=old,
                changed_by=by,
                via=via,
                field=CARRIED_TO,
                new_value=f"{draft.year} action {new.code}",
            ),
        ]
    )
    note = (
        ""
        if entry.fate == Fate.CARRY
        else f" It was unfinished ({entry.reason}): review whether it belongs in {draft.year}."
    )
    add_update(
        new,
        by=by,
        via=via,
        author_name=_name(by) if by else "Rollover",
        commentary=f"Carried forward from {from_year} (action {old.code}).{note}",
        date=on,
    )
    return new


def _name(user) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


class Origin(StrEnum):
    """Where an action of a draft came from, by the status its old action has *now*: an
    update to the old action after the rollover shows here at once."""

    CARRIED_FORWARD = "carried_forward"  # the year before carried it forward
    DEFERRED = "deferred"
    UNFINISHED = "unfinished"  # still not started, in progress or not known there
    FINISHED_SINCE = "finished_since"  # completed or withdrawn there since it was carried
    ADDED = "added"  # added to the draft by a manager


def origin_of(action: Action) -> Origin:
    """Read the draft's actions with ``carried_from`` selected, or each costs a query."""
    old = action.carried_from
    if old is None:
        return Origin.ADDED
    if old.status == Status.CARRIED_FORWARD:
        return Origin.CARRIED_FORWARD
    if old.status == Status.DEFERRED:
        return Origin.DEFERRED
    if old.is_unfinished:
        return Origin.UNFINISHED
    return Origin.FINISHED_SINCE


def review_note(action: Action) -> str:
    """For a carried action whose old action is unfinished, or has been finished since it
    was carried, why the manager should look; read from the old action as it is now."""
    old = action.carried_from
    origin = origin_of(action)
    if origin == Origin.UNFINISHED:
        return f"Unfinished in {old.delivery_plan.year} ({unfinished_note(old)}): keep or drop it."
    if origin == Origin.FINISHED_SINCE:
        return (
            f"{old.status_label} in {old.delivery_plan.year} since it was carried: "
            "drop it unless there is more to do."
        )
    return ""


@dataclass(frozen=True)
class DraftAccount:
    """A draft's actions counted by where they came from, beside the year before's own
    count of actions carried forward, so that a manager sees why the two differ.

    The annual report's "carried forward" counts a status: the actions the year decided
    go on. The draft holds those and every other action not finished or stopped
    (deferred, or unfinished, copied for review), less any a manager dropped, plus any
    added by hand. Counted live, from the old actions as they are now.
    """

    from_year: FinancialYear
    actions: int
    by_origin: dict[Origin, int]
    unfinished_by_status: dict[str, int]  # status label: count, of the unfinished
    marked_carried_forward: int  # the year before's actions whose status is carried forward
    claimed_carried_forward: int | None  # what its imported annual report says, if any

    @property
    def unfinished(self) -> int:
        return self.by_origin[Origin.UNFINISHED]


def draft_account(draft: DeliveryPlan, actions: list[Action]) -> DraftAccount:
    """``actions``: the draft's, read with ``carried_from`` selected."""
    origins = [origin_of(action) for action in actions]
    unfinished = Counter(
        a.carried_from.status_label
        for a, origin in zip(actions, origins, strict=True)
        if origin == Origin.UNFINISHED
    )
    from_year = draft.year.previous()
    # In the plan before, when the draft is the first year of the next plan.
    source = DeliveryPlan.objects.filter(
        plan__partnership=draft.plan.partnership_id, year_start=from_year.start
    ).first()
    report = getattr(source, "annual_report", None) if source else None
    marked = source.actions.with_status(Status.CARRIED_FORWARD).count() if source else 0
    return DraftAccount(
        from_year=from_year,
        actions=len(actions),
        by_origin={origin: origins.count(origin) for origin in Origin},
        unfinished_by_status={
            label: unfinished[label] for label in UNFINISHED_LABELS if unfinished[label]
        },
        marked_carried_forward=marked,
        claimed_carried_forward=report.claimed_carried_forward if report else None,
    )
