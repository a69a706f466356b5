"""Importing a plan document (Word, or text extracted from Word or PDF) into a
partnership's plan.

One transaction: a file that is not a plan writes nothing, and a dry run does the whole
import and rolls it back. Importing the same file again changes nothing and says so
(its checksum is kept); a changed file updates what it describes in place, so nothing
is ever imported twice:

- aims are matched by number, and their titles must agree (case and punctuation
  aside), or the file is refused: it describes another plan;
- objectives are matched by their order within their aim, because the annual report
  and the plan title them differently ("Mitigate the impact of child poverty" /
  "Reduce and mitigate…"); the plan's titles do not replace the report's, and the
  differences are listed. Missing aims and objectives are created (a plan imported
  before any annual report), objectives numbered through the plan ("1.1", "2.1", …)
  as the annual report numbers them;
- commitments by their order under their objective, milestones by their order under
  their commitment; those beyond a shortened file's are removed;
- a dated number on an indicator is a target: an existing target on the same
  indicator, breakdown and due date (the demo's hand-made ones) is linked, not copied;
- version and approval history from the file are added when missing, never edited;
- document control fields take the file's values;
- milestones link to indicators by the indicators' own names and units
  (``milestones.indicator_named``); one naming two equally links neither and is
  listed in the result as ambiguous;
- the golden thread: a priority the plan says it delivers as a whole is served by
  every aim; one the text ties to aims ("Aim 2 contributes to priority 3") by those;
  one it contributes to by the aims sharing its subject
  (``higher_plans.aims_sharing_subjects``); each link keeps its basis in
  ``Priority.basis``. Links a manager made are never taken away by a re-import.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from goldenthread.indicators.models import Indicator, Target, TargetKind
from goldenthread.lib.due_dates import due_date_of
from goldenthread.lib.periods import Period, PeriodKind
from goldenthread.lib.records import save_changes
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import Aim, Objective, Plan

from . import milestones as reading
from .higher_plans import aims_sharing_subjects
from .models import (
    ApprovalEntry,
    Commitment,
    DocumentStatus,
    HigherPlan,
    Milestone,
    PlanDocument,
    Priority,
    Relation,
    Section,
    VersionEntry,
)
from .plan_text import ParsedPlan, PlanTextError, Problem, parse_plan
from .plan_word import read_plan_word

__all__ = ["PlanImportError", "PlanImportResult", "import_plan"]

PlanImportError = PlanTextError
COUNTED = [
    "aims",
    "objectives",
    "sections",
    "commitments",
    "milestones",
    "targets",
    "versions",
    "approvals",
    "priorities",
]


@dataclass
class PlanImportResult:
    source_name: str
    document: PlanDocument | None = None
    dry_run: bool = False
    unchanged: bool = False
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    linked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    notes: list[str] = field(default_factory=list)
    # Milestones whose words name two indicators equally: linked to neither.
    ambiguous: list[str] = field(default_factory=list)

    def headline(self) -> str:
        if self.unchanged:
            return f"{self.source_name}: already imported; nothing changed."
        prefix = "Dry run, nothing written: would import" if self.dry_run else "Imported"
        made = ", ".join(f"{n} {kind}" for kind, n in self.created.items() if n) or "nothing"
        found = ", ".join(f"{n} {kind}" for kind, n in self.linked.items() if n) or "nothing"
        return f"{prefix} {self.source_name}: new {made}; linked to existing {found}."

    def lines(self) -> list[str]:
        return [
            self.headline(),
            *(f"  {note}" for note in self.notes),
            *(f"  Ambiguous: {note}" for note in self.ambiguous),
        ]


def import_plan(
    path: Path | str, *, partnership: Partnership, plan: Plan | None = None, dry_run: bool = False
) -> PlanImportResult:
    """Import the plan document at ``path`` into ``plan`` (by default the partnership's
    plan the document names). Raises PlanImportError, naming the file and line, for a
    file that is not a plan; nothing is written then."""
    path = Path(path)
    parsed, checksum = _parse(path)
    result = PlanImportResult(path.name, dry_run=dry_run)
    with transaction.atomic():
        plan = plan or _plan_for(partnership, parsed)
        document = PlanDocument.objects.filter(plan=plan).first()
        if document is not None and document.checksum == checksum:
            result.document, result.unchanged = document, True
            return result
        _Import(parsed, plan, result).run(checksum)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _parse(path: Path) -> tuple[ParsedPlan, str]:
    """The plan in a Word document (read as it is laid out) or in the text extracted from
    one, and the file's checksum."""
    if path.suffix.lower() == ".docx" or _is_zip(path):
        if not path.exists():
            raise PlanImportError(str(path), [Problem(0, "no such file.")])
        return read_plan_word(path), hashlib.sha256(path.read_bytes()).hexdigest()
    text = _read(path)
    return parse_plan(text, path.name), hashlib.sha256(text.encode("utf-8")).hexdigest()


def _is_zip(path: Path) -> bool:
    """A Word document saved under another name starts as every .docx does."""
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PlanImportError(str(path), [Problem(0, "no such file.")]) from None
    except UnicodeDecodeError as error:
        raise PlanImportError(
            path.name,
            [
                Problem(
                    0,
                    f"not a text file (byte {error.start} is not UTF-8): save it as text, "
                    "or give the Word document (.docx) itself.",
                )
            ],
        ) from None


def _plan_for(partnership: Partnership, parsed: ParsedPlan) -> Plan:
    """The partnership's plan for the years the document's name gives, or its only plan;
    a new plan if it has none."""
    name = parsed.control.get("name", "")
    years = re.search(r"((?:19|20)\d{2})\s*[–-]\s*((?:19|20)\d{2})", name)
    plans = list(partnership.plans.all())
    if years:
        start, end = int(years.group(1)), int(years.group(2))
        matching = [p for p in plans if (p.start_year, p.end_year) == (start, end)]
        if matching:
            return matching[0]
    if len(plans) == 1:
        return plans[0]
    line = parsed.control_lines.get("name", 0)
    if plans:
        raise PlanImportError(
            parsed.source_name,
            [Problem(line, f"name: {name!r} does not say which of the partnership's plans it is.")],
        )
    if not years:
        raise PlanImportError(
            parsed.source_name, [Problem(line, f"name: {name!r} does not give the plan's years.")]
        )
    return Plan.objects.create(partnership=partnership, title=name, start_year=start, end_year=end)


class _Import:
    def __init__(self, parsed: ParsedPlan, plan: Plan, result: PlanImportResult):
        self.parsed, self.plan, self.result = parsed, plan, result
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.names = [reading.IndicatorNames.of(i) for i in self.indicators.values()]

    def run(self, checksum: str) -> None:
        document = self._document(checksum)
        self.result.document = document
        self._history(document)
        self._sections(document)
        aims = self._aims()
        for parsed_aim, aim in zip(self.parsed.aims, aims, strict=True):
            for parsed_objective, objective in zip(
                parsed_aim.objectives, self._objectives(parsed_aim, aim), strict=True
            ):
                self._commitments(parsed_objective, objective, document)
        self._higher_plans(aims)

    def _line(self, line: int | None) -> int | None:
        """A line of a text source; a Word document has places, not lines, named in
        messages but not stored."""
        return None if self.parsed.places else line

    def _count(self, kind: str, created: bool, n: int = 1) -> None:
        (self.result.created if created else self.result.linked)[kind] += n

    # Document control -----------------------------------------------------------------

    def _document(self, checksum: str) -> PlanDocument:
        control = self.parsed.control
        review = control.get("review", "")
        approvals = [row for row in self.parsed.approvals if row.date]
        document, _ = PlanDocument.objects.update_or_create(
            plan=self.plan,
            defaults={
                "name": control.get("name", ""),
                "vision": self.parsed.vision,
                "version": control.get("version", ""),
                "status": document_status(control.get("status", "")),
                "status_as_written": control.get("status", ""),
                "author": control.get("author", ""),
                "approving_body": control.get("approving_body", ""),
                "approved_on": approvals[-1].date if approvals else None,
                "review_on": _month_end(review),
                "review_label": review,
                "equality_impact_assessment": control.get("equality_impact_assessment", ""),
                "source_name": self.parsed.source_name,
                "checksum": checksum,
                "imported_at": timezone.now(),
            },
        )
        return document

    def _history(self, document: PlanDocument) -> None:
        for row in self.parsed.versions:
            _, created = VersionEntry.objects.get_or_create(
                document=document, version=row.version, date=row.date, defaults={"reason": row.text}
            )
            self._count("versions", created)
        for row in self.parsed.approvals:
            _, created = ApprovalEntry.objects.get_or_create(
                document=document,
                version=row.version,
                approving_body=row.text,
                date=row.date,
            )
            self._count("approvals", created)

    def _sections(self, document: PlanDocument) -> None:
        for order, section in enumerate(self.parsed.sections, start=1):
            _, created = Section.objects.update_or_create(
                document=document,
                order=order,
                defaults={
                    "heading": section.heading,
                    "text": section.text,
                    "line": self._line(section.line),
                },
            )
            self._count("sections", created)
        document.sections.filter(order__gt=len(self.parsed.sections)).delete()

    # Aims, objectives, commitments, milestones ---------------------------------------------

    def _aims(self) -> list[Aim]:
        existing = {aim.number: aim for aim in self.plan.aims.all()}
        aims = []
        for parsed in self.parsed.aims:
            aim = existing.get(parsed.number)
            if aim is None:
                aim = Aim.objects.create(plan=self.plan, number=parsed.number, title=parsed.title)
            elif _key(aim.title) != _key(parsed.title):
                raise PlanImportError(
                    self.parsed.source_name,
                    [
                        Problem(
                            parsed.line,
                            f"aim {parsed.number} is {parsed.title!r} here but "
                            f"{aim.title!r} in {self.plan}: is this the right plan?",
                        )
                    ],
                )
            self._count("aims", aim.number not in existing)
            aims.append(aim)
        return aims

    def _objectives(self, parsed_aim, aim: Aim) -> list[Objective]:
        existing = list(aim.objectives.order_by("sort_key"))
        used = set(Objective.objects.filter(aim__plan=self.plan).values_list("code", flat=True))
        before = sum(len(a.objectives) for a in self.parsed.aims if a.number < parsed_aim.number)
        objectives = []
        for index, parsed in enumerate(parsed_aim.objectives):
            if index < len(existing):
                objective = existing[index]
                if _key(objective.title) != _key(parsed.title):
                    self.result.notes.append(
                        f"Objective {objective.code} is {parsed.title!r} in the plan "
                        f"(kept as {objective.title!r})."
                    )
                self._count("objectives", False)
            else:
                code = parsed.code if parsed.code and parsed.code not in used else ""
                code = code or _free_code(before + index + 1, used)
                used.add(code)
                objective = Objective.objects.create(aim=aim, code=code, title=parsed.title)
                self._count("objectives", True)
            objectives.append(objective)
        return objectives

    def _commitments(self, parsed_objective, objective: Objective, document) -> None:
        existing = {c.order: c for c in objective.commitments.all()}
        for order, parsed in enumerate(parsed_objective.commitments, start=1):
            fields = {
                "text": parsed.text,
                "where_now": parsed.where_now,
                "where_to_be": parsed.where_to_be,
                "milestones_text": parsed.milestones_text,
                "lead": parsed.lead,
                "due": due_date_of(parsed.due_label),
                "due_label": parsed.due_label,
                "line": self._line(parsed.line),
            }
            commitment, created = _saved(Commitment, existing.get(order), fields,
                                         objective=objective, order=order)  # fmt: skip
            self._count("commitments", created)
            self._milestones(parsed, commitment, document)
        objective.commitments.filter(order__gt=len(parsed_objective.commitments)).delete()

    def _milestones(self, parsed, commitment: Commitment, document) -> None:
        pieces = reading.split_milestones(parsed.milestones_text)
        existing = {m.order: m for m in commitment.milestones.all()}
        start = 0
        for order, (text, paragraph) in enumerate(pieces, start=1):
            line, start = parsed.line_of(text, start)
            found = reading.indicator_named(text, paragraph, commitment.text, self.names)
            indicator = self.indicators.get(found.code) if found.code else None
            if found.ambiguous:
                self.result.ambiguous.append(
                    f"{self.parsed.place(line).capitalize()}: {text!r} names "
                    f"{' and '.join(found.ambiguous)} equally; linked to neither."
                )
            # A milestone that names no date is due when its row says ("By when").
            row_due = reading.Due(commitment.due, commitment.due_label) if commitment.due else None
            read = reading.read_milestone(text, paragraph, _year_kind(indicator), row_due)
            fields = {
                "objective": commitment.objective,
                "text": text,
                "due": read.due.date if read.due else None,
                "due_label": read.due.label if read.due else "",
                "value": read.value,
                "indicator": indicator,
                "target": None,  # linked again below if it still is one
                "line": self._line(line),
            }
            milestone, created = _saved(Milestone, existing.get(order), fields,
                                        commitment=commitment, order=order)  # fmt: skip
            self._count("milestones", created)
            if indicator is not None:
                indicator.objectives.add(commitment.objective)
                self._link_target(milestone, read, document, line)
        commitment.milestones.filter(order__gt=len(pieces)).delete()

    def _link_target(self, milestone: Milestone, read, document: PlanDocument, line: int) -> None:
        """A dated number becomes a target on the indicator, or finds the one there is;
        a rule in words finds a target with the same words."""
        targets = Target.objects.filter(
            partnership=self.plan.partnership, indicator=milestone.indicator, breakdown=""
        )
        if read.due and read.value is not None:
            target = targets.filter(due=read.due.date).first()
            created = target is None
            if created:
                target = Target.objects.create(
                    partnership=self.plan.partnership,
                    indicator=milestone.indicator,
                    kind=TargetKind.MILESTONE,
                    value=read.value,
                    due=read.due.date,
                    due_label=read.due.label,
                    text=milestone.text,
                    source=document.name or str(self.plan),
                )
            elif target.value != read.value:
                self.result.notes.append(
                    f"{self.parsed.place(line).capitalize()}: {milestone.text!r} says {read.value:g}; "
                    f"the target already set says {target.value:g} (kept)."
                )
        else:
            target, created = targets.filter(text=milestone.text).first(), False
        taken = Milestone.objects.filter(target=target).exclude(pk=milestone.pk).exists()
        if target is None or taken:
            return
        if milestone.target_id != target.pk:
            milestone.target = target
            milestone.save(update_fields=["target"])
        self._count("targets", created)

    # The golden thread --------------------------------------------------------------

    def _higher_plans(self, aims: list[Aim]) -> None:
        partnership = self.plan.partnership
        for parsed in self.parsed.higher_plans:
            higher_plan, _ = HigherPlan.objects.get_or_create(
                partnership=partnership, title=parsed.title
            )
            for item in parsed.priorities:
                relation = Relation.DELIVERS if item.delivered else ""
                relation = Relation.CONTRIBUTES if item.contributed else relation
                priority, created = Priority.objects.update_or_create(
                    higher_plan=higher_plan,
                    number=item.number,
                    defaults={
                        "title": item.title,
                        "relation": relation,
                        "line": self._line(item.line),
                    },
                )
                self._count("priorities", created)
                # Links a manager made are never taken away; the import adds its own
                # with their basis.
                basis = {**priority.basis, **self._serving(item, aims)}
                if basis != priority.basis:
                    priority.basis = basis
                    priority.save(update_fields=["basis"])
                priority.aims.add(*[aim for aim in aims if str(aim.number) in basis])

    def _serving(self, item, aims: list[Aim]) -> dict[str, str]:
        """The aims that serve a priority, by number, each with its basis: all of them
        for one the plan delivers as a whole; for one it contributes to, those its text
        names ("Aim 2 contributes to priority 3"), else those sharing its subject."""
        where = self.parsed.place(item.statement_line)
        if item.delivered and not item.aims:
            said = f"the plan delivers it as a whole ({where}: “{item.statement}”)"
            return {str(aim.number): said for aim in aims}
        if item.aims:
            said = f"the plan says so ({where}: “{item.statement}”)"
            return {str(n): said for n in item.aims if any(a.number == n for a in aims)}
        if not item.contributed:
            return {}
        texts = {
            aim.number: [
                (f"aim {aim.number}", aim.title),
                *((f"objective {o.code}", o.title) for o in aim.objectives.all()),
            ]
            for aim in aims
        }
        return {str(n): why for n, why in aims_sharing_subjects(item.title, texts).items()}


def document_status(written: str) -> str:
    """The status the words of a document's control mean; anything else is a draft
    ("Refresh", "Draft for comment")."""
    words = written.lower()
    for status in (
        DocumentStatus.SUPERSEDED,
        DocumentStatus.APPROVED,
        DocumentStatus.CONSULTATION,
    ):
        if status.value in words:
            return status
    return DocumentStatus.DRAFT


def _month_end(text: str):
    try:
        return Period.parse(text).end if text else None
    except ValueError:
        return None


def _year_kind(indicator: Indicator | None) -> PeriodKind:
    if indicator is not None and indicator.period_type == PeriodKind.FINANCIAL_YEAR:
        return PeriodKind.FINANCIAL_YEAR
    return PeriodKind.ACADEMIC_YEAR


def _free_code(position: int, used: set[str]) -> str:
    code, n = f"{position}.1", 1
    while code in used:
        n += 1
        code = f"{position}.{n}"
    return code


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _saved(model, record, fields: dict, **key):
    """The record brought up to date (``save_changes``), or a new one made with ``key``;
    and whether it is new."""
    if record is None:
        return model.objects.create(**key, **fields), True
    save_changes(record, fields)
    return record, False
