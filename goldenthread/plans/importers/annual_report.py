"""Importing an annual report into a partnership's plan for one financial year.

Everything happens in one transaction: a file with any problem writes nothing, and a
dry run does the whole import and rolls it back, so what it shows is exactly what a
real run would do. Importing the same file again changes nothing; a newer version of
it adds updates to the actions whose comments changed and records every changed field.
Actions missing from a newer file are kept, never deleted. A status a person reported
is never overwritten by one inferred from a report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from goldenthread.audit.context import Source
from goldenthread.audit.records import record_created
from goldenthread.lib.codes import sort_key
from goldenthread.lib.due_dates import due_date_of
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership

from ..leads import LeadsByName, names_the_lead_of
from ..models import (
    NOT_KNOWN_LABEL,
    Action,
    ActionUpdate,
    Aim,
    AnnualReport,
    DeliveryPlan,
    Objective,
    Plan,
    Status,
    StatusSource,
)
from ..services import add_update, apply_changes, inferred_status_fields
from ..status_rules import infer_status
from ..summary import delivery_summary
from .report_files import read_report_file
from .report_model import Claim, ParsedAction, ParsedReport, Problem, ReportError

__all__ = ["ImportResult", "ReportError", "import_report", "read_report_file"]


@dataclass
class ImportResult:
    source_name: str
    year: FinancialYear
    dry_run: bool = False
    created: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(["aims", "objectives", "actions"], 0)
    )
    changes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    unsure: list[str] = field(default_factory=list)
    # What the file says that was not saved as it says it: a due date that names no day,
    # a lead two people share, a status that is not the one kept.
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or bool(self.changes)

    def headline(self) -> str:
        prefix = "Dry run, nothing written: would import" if self.dry_run else "Imported"
        if not self.changed:
            return f"{self.source_name}: no changes to the plan for {self.year}."
        made = ", ".join(f"{n} {kind}" for kind, n in self.created.items() if n)
        return (
            f"{prefix} {self.source_name} for {self.year}: "
            + (f"new {made}" if made else "no new items")
            + f"; {len(self.changes)} changes to existing items."
        )

    def lines(self) -> list[str]:
        """The whole result as a reader wants it: headline, changes, statuses, claim."""
        out = [self.headline(), *(f"  {change}" for change in self.changes)]
        out += [f"  {code}: not in this file; kept." for code in self.missing]
        if self.summary:
            counts = self.summary["by_status"]
            out.append(
                f"Statuses ({self.summary['actions']} actions): "
                + ", ".join(f"{Status(k).label.lower()} {v}" for k, v in counts.items())
                + f", not known {len(self.summary['not_known'])}."
            )
        if self.unsure:
            out.append("Unsure, please review:")
            out += [f"  {item}" for item in self.unsure]
        if self.notes:
            out.append("Read but not saved as written:")
            out += [f"  {note}" for note in self.notes]
        out += [f"Disagreement: {sentence}" for sentence in self.summary.get("discrepancies", [])]
        return out


def import_report(
    path: Path, *, partnership: Partnership, year: FinancialYear, dry_run: bool = False, by=None
) -> ImportResult:
    """Import the report at ``path`` as the delivery plan for ``year``."""
    path = Path(path)
    parsed, content = read_report_file(path)
    plan = _plan_covering(partnership, year, path.name)
    checksum = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        result = _Import(parsed, plan, year, by, dry_run).run(checksum)
        result.notes[:0] = parsed.notes  # codes the reader made, aims it inferred
        if dry_run:
            transaction.set_rollback(True)
    return result


def _plan_covering(partnership: Partnership, year: FinancialYear, source_name: str) -> Plan:
    for plan in partnership.plans.all():
        if plan.covers(year):
            return plan
    raise ReportError(
        source_name,
        [
            Problem(
                0,
                f"{partnership.name} has no plan covering {year}: set one up first "
                "(goldenthread create_partnership, or the admin).",
            )
        ],
    )


class _Import:
    def __init__(self, parsed: ParsedReport, plan: Plan, year: FinancialYear, by, dry_run: bool):
        self.parsed, self.plan, self.year, self.by = parsed, plan, year, by
        self.result = ImportResult(parsed.source_name, year, dry_run)
        self.author = f"Annual report {year}"
        self.leads = LeadsByName(plan.partnership)

    def run(self, checksum: str) -> ImportResult:
        self._check_leads()
        aims = self._aims()
        objectives = self._objectives(aims)
        delivery_plan, _ = DeliveryPlan.objects.get_or_create(
            plan=self.plan, year_start=self.year.start
        )
        self._actions(delivery_plan, objectives)
        self._claim(delivery_plan, checksum)
        self.result.summary = delivery_summary(delivery_plan)
        return self.result

    def _aims(self) -> dict[int, Aim]:
        existing = {aim.number: aim for aim in self.plan.aims.all()}
        for parsed in self.parsed.aims:
            aim = existing.get(parsed.number)
            if aim is None:
                existing[parsed.number] = Aim.objects.create(
                    plan=self.plan, number=parsed.number, title=parsed.title
                )
                self.result.created["aims"] += 1
            elif aim.title != parsed.title:
                self.result.changes.append(
                    f"Aim {aim.number} title: {aim.title!r} → {parsed.title!r}"
                )
                aim.title = parsed.title
                aim.save(update_fields=["title"])
        return existing

    def _objectives(self, aims: dict[int, Aim]) -> dict[str, Objective]:
        existing = {o.code: o for o in Objective.objects.filter(aim__plan=self.plan)}
        for parsed in self.parsed.objectives:
            objective = existing.get(parsed.code)
            aim = aims[parsed.aim_number]
            if objective is None:
                existing[parsed.code] = Objective.objects.create(
                    aim=aim, code=parsed.code, title=parsed.title
                )
                self.result.created["objectives"] += 1
            elif (objective.title, objective.aim_id) != (parsed.title, aim.pk):
                self.result.changes.append(
                    f"Objective {parsed.code}: {objective.title!r} → {parsed.title!r}"
                    + ("" if objective.aim_id == aim.pk else f", now under aim {aim.number}")
                )
                objective.title, objective.aim = parsed.title, aim
                objective.save(update_fields=["title", "aim"])
        return existing

    def _actions(self, delivery_plan: DeliveryPlan, objectives: dict[str, Objective]) -> None:
        existing = {
            a.code: a for a in Action.objects.filter(delivery_plan=delivery_plan).with_leads()
        }
        last_comment = _last_imported_comments(delivery_plan)
        new = [p for p in self.parsed.actions if p.code not in existing]
        self._create(delivery_plan, objectives, new)
        for parsed in self.parsed.actions:
            if parsed.code in existing:
                self._revise(
                    existing[parsed.code], parsed, objectives, last_comment.get(parsed.code)
                )
        in_file = {p.code for p in self.parsed.actions}
        self.result.missing = sorted((set(existing) - in_file), key=sort_key)

    def _create(self, delivery_plan, objectives, new: list[ParsedAction]) -> None:
        actions = []
        for parsed in new:
            inference = infer_status(parsed.comment, stated=parsed.stated_status)
            if not inference.certain:
                self.result.unsure.append(f"{parsed.code}: {inference.explanation}")
            actions.append(
                Action(
                    delivery_plan=delivery_plan,
                    objective=objectives[parsed.objective_code],
                    code=parsed.code,
                    sort_key=sort_key(parsed.code),
                    text=parsed.text,
                    measure=parsed.measure,
                    latest_commentary=parsed.comment,
                    latest_update_on=self.year.last_day if parsed.comment else None,
                    **self._lead_fields(parsed),
                    **self._due_fields(parsed, None),
                    **inferred_status_fields(
                        inference.status, inference.rule, inference.basis, inference.certain
                    ),
                )
            )
            self._compare_stated(parsed, actions[-1])
        created = Action.objects.bulk_create(actions)
        updates = ActionUpdate.objects.bulk_create(
            ActionUpdate(
                action=action,
                date=self.year.last_day,
                author_name=self.author,
                status=action.status,
                commentary=action.latest_commentary,
                via=Source.IMPORT,
            )
            for action in created
            if action.latest_commentary
        )
        record_created([*created, *updates])
        self.result.created["actions"] += len(created)

    def _revise(self, action: Action, parsed: ParsedAction, objectives, last_comment) -> None:
        fields = {"text": parsed.text, "measure": parsed.measure}
        objective = objectives[parsed.objective_code]
        if action.objective_id != objective.pk:
            fields["objective"] = objective
        if not names_the_lead_of(parsed.lead, action):
            fields |= self._lead_fields(parsed)
        elif action.lead_person_id is None and action.lead_organisation_id is None:
            # The same words, linked to no one: someone of that name may have been added
            # to the partnership since the last import.
            fields |= {k: v for k, v in self._lead_fields(parsed).items() if k != "lead"}
        fields |= self._due_fields(parsed, action.due_date)
        for change in apply_changes(action, fields, by=self.by, via=Source.IMPORT):
            self.result.changes.append(
                f"{action.code} {change.field}: {change.old_value!r} → {change.new_value!r}"
            )
        # A comment is new when it is neither the last one imported nor the action's
        # latest (a plan exported and imported again brings back its web updates).
        if parsed.comment and parsed.comment not in (last_comment, action.latest_commentary):
            self._new_comment(action, parsed.comment, parsed.stated_status)
        self._compare_stated(parsed, action)

    def _check_leads(self) -> None:
        """Refuse, before anything is written, a lead longer than an action keeps."""
        longest = Action._meta.get_field("lead").max_length or 0
        problems = [
            parsed.problem(
                f"action {parsed.code}: {len(lead)} characters, more than the {longest} a "
                "lead may have; name the lead, and put the rest in the commentary.",
                "lead",
            )
            for parsed in self.parsed.actions
            if len(lead := " ".join(parsed.lead.split())) > longest
        ]
        if problems:
            raise ReportError(self.parsed.source_name, problems)

    def _lead_fields(self, parsed: ParsedAction) -> dict[str, Any]:
        """The lead as written, linked to the one person or organisation it names. An
        empty lead says nothing: a report without leads leaves the ones set standing."""
        lead = " ".join(parsed.lead.split())
        if not lead:
            return {}
        person, organisation = self.leads.lead_named(lead)
        if person is None and organisation is None and self.leads.how_many_named(lead) > 1:
            self.result.notes.append(
                f"{parsed.code}: lead {lead!r} is the name of "
                f"{self.leads.how_many_named(lead)} people or organisations; kept as written, "
                "linked to no one."
            )
        return {"lead": lead, "lead_person": person, "lead_organisation": organisation}

    def _due_fields(self, parsed: ParsedAction, due_now: dt.date | None) -> dict[str, Any]:
        """The day the due text names (``due_date_of``, months and quarters read in this
        year). Text that names no day ("Ongoing", "TBC") sets none and is listed; an empty
        cell says nothing, so a due date set already stands."""
        written = " ".join(parsed.due.split())
        if not written:
            return {}
        due = due_date_of(written, self.year)
        if due is None:
            kept = f"{due_now.isoformat()} kept" if due_now else "none set"
            self.result.notes.append(f"{parsed.code}: due {written!r} names no date; {kept}.")
            return {}
        return {"due_date": due}

    def _compare_stated(self, parsed: ParsedAction, action: Action) -> None:
        """List a status the file states in goldenthread's own words (the template's list,
        the export) that is not the status a person reported, which the file never
        overrides. An inferred status has weighed the Status column already (an unsure
        inference names the disagreement). A RAG rating is not compared: it is no one
        status."""
        stated = _status_named(parsed.stated_status)
        if stated is None or stated == action.status or action.is_inferred:
            return
        how = "inferred from the commentary" if action.is_inferred else "as a person reported it"
        self.result.notes.append(
            f"{parsed.code}: status {parsed.stated_status.strip()!r} in the file; "
            f"kept as {action.status_label.lower()}, {how}."
        )

    def _new_comment(self, action: Action, comment: str, stated: str) -> None:
        inference = infer_status(comment, stated=stated)
        add_update(
            action,
            by=self.by,
            commentary=comment,
            date=self.year.last_day,
            author_name=self.author,
            via=Source.IMPORT,
        )
        label = Status(inference.status).label.lower() if inference.status else "not known"
        if action.status_source == StatusSource.REPORTED:
            self.result.changes.append(
                f"{action.code} comment updated; the report now suggests {label}, but the "
                f"status a person reported ({action.status_label.lower()}) is kept."
            )
            return
        apply_changes(
            action,
            inferred_status_fields(
                inference.status, inference.rule, inference.basis, inference.certain
            ),
            by=self.by,
            via=Source.IMPORT,
        )
        self.result.changes.append(f"{action.code} comment updated; status inferred: {label}.")
        if not inference.certain:
            self.result.unsure.append(f"{action.code}: {inference.explanation}")

    def _claim(self, delivery_plan: DeliveryPlan, checksum: str) -> None:
        claim = self.parsed.claim
        report = AnnualReport.objects.filter(delivery_plan=delivery_plan).first()
        if claim is None and report is not None and report.claim_text:
            # A tracker states no headline: the report's claim stands.
            claim = Claim(
                report.claim_text,
                report.claimed_actions,
                report.claimed_completed,
                report.claimed_carried_forward,
            )
        values = {
            "claim_text": claim.text if claim else "",
            "claimed_actions": claim.actions if claim else None,
            "claimed_completed": claim.completed if claim else None,
            "claimed_carried_forward": claim.carried_forward if claim else None,
        }
        if report and report.checksum == checksum and not self.result.changed:
            return
        if report and report.claim_text != values["claim_text"]:
            self.result.changes.append(
                f"The report's claim: {report.claim_text!r} → {values['claim_text']!r}"
            )
        AnnualReport.objects.update_or_create(
            delivery_plan=delivery_plan,
            defaults={
                "source_name": self.parsed.source_name,
                "checksum": checksum,
                "imported_at": timezone.now(),
                **values,
            },
        )


def _status_named(stated: str) -> str | None:
    """The status a Status cell names in goldenthread's words ("Completed", "In progress"),
    or None: for a cell that is empty, "Not known", a RAG rating or anything else."""
    plain = " ".join(stated.split()).casefold()
    if not plain or plain == NOT_KNOWN_LABEL.casefold():
        return None
    return next((s.value for s in Status if plain in (s.label.casefold(), s.value)), None)


def _last_imported_comments(delivery_plan: DeliveryPlan) -> dict[str, str]:
    """Each action's comment as the last imported report gave it."""
    latest: dict[str, str] = {}
    updates = (
        ActionUpdate.objects.filter(action__delivery_plan=delivery_plan, via=Source.IMPORT)
        .order_by("action__code", "-date", "-created_at", "-id")
        .values_list("action__code", "commentary")
    )
    for code, commentary in updates:
        latest.setdefault(code, commentary)
    return latest
