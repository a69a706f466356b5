"""Reading the tables of an annual report from text extracted from Word or PDF.

Table cells are separated by tabs, in six columns: objective code, objective title,
action code, action, measure, comments. A "Strategic Aim N" row opens each aim, and
"Objective … Action … Measure … Comments" header rows open its objectives' tables. An
objective row carries its first action on the same line; later action rows start with
one or two empty cells. A row that crosses a page break continues on a later line with
only its overflowing cells filled. Nothing here knows any one council's codes or words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goldenthread.lib.codes import belongs_to_objective, code_parts, is_code

AIM_ROW = re.compile(
    r"^(?:Strategic\s+)?(?:Aim|Priority)\s+(\d+)\b\s*[:.\-–]?\s*(.*)$", re.IGNORECASE
)
AIM_SUFFIX = re.compile(r"\s*[–—-]\s*Priorities\s+for\b.*$", re.IGNORECASE)
HEADER_ROW = re.compile(r"^Objectives?\b(?:\s+\d+)?$", re.IGNORECASE)
COLUMNS = 6  # objective code, objective title, action code, action, measure, comments
ACTION_TEXT, MEASURE, COMMENT = 3, 4, 5

CLAIM_ACTIONS = re.compile(r"\btotal of (\d+) actions\b", re.IGNORECASE)
CLAIM_COMPLETED = re.compile(
    r"\b(\d+)(?: actions)? (?:were|have been|had been) completed\b", re.IGNORECASE
)
CLAIM_CARRIED = re.compile(
    r"\b(\d+)(?: actions)? (?:required further work and (?:have been|were) included in the "
    r"[\d/]+ plan|(?:were|have been) carried forward)",
    re.IGNORECASE,
)


@dataclass
class Problem:
    line: int
    reason: str


class ReportError(Exception):
    """The file cannot be imported; every problem found, each with its line."""

    def __init__(self, source_name: str, problems: list[Problem]) -> None:
        self.source_name = source_name
        self.problems = problems
        super().__init__(
            "\n".join(f"{source_name}, line {p.line}: {p.reason}" for p in problems)
            if problems
            else source_name
        )


@dataclass
class ParsedAction:
    code: str
    text: str
    measure: str
    comment: str
    line: int
    objective_code: str
    # As the report or tracker writes them, where it has such columns.
    lead: str = ""
    due: str = ""
    stated_status: str = ""  # a Status or RAG column: "Complete", "Amber"


@dataclass
class ParsedObjective:
    code: str
    title: str
    aim_number: int
    line: int


@dataclass
class ParsedAim:
    number: int
    title: str
    line: int


@dataclass
class Claim:
    text: str
    actions: int | None
    completed: int | None
    carried_forward: int | None


@dataclass
class ParsedReport:
    source_name: str
    aims: list[ParsedAim] = field(default_factory=list)
    objectives: list[ParsedObjective] = field(default_factory=list)
    actions: list[ParsedAction] = field(default_factory=list)
    claim: Claim | None = None


def parse_report(text: str, *, source_name: str) -> ParsedReport:
    """The aims, objectives and actions of a report, and its headline claim.

    Raises ReportError listing every line that cannot be read, and why.
    """
    reader = _TableReader(ParsedReport(source_name))
    for number, line in enumerate(text.splitlines(), start=1):
        if reader.finished:
            break
        reader.read(number, line)
    reader.check_complete()
    if reader.problems:
        raise ReportError(source_name, reader.problems)
    reader.report.claim = read_claim(text)
    return reader.report


def read_claim(text: str) -> Claim | None:
    """The report's own headline figures, if it states them."""
    for paragraph in text.splitlines():
        actions = CLAIM_ACTIONS.search(paragraph)
        if actions:
            completed = CLAIM_COMPLETED.search(paragraph)
            carried = CLAIM_CARRIED.search(paragraph)
            return Claim(
                text=paragraph.strip(),
                actions=int(actions.group(1)),
                completed=int(completed.group(1)) if completed else None,
                carried_forward=int(carried.group(1)) if carried else None,
            )
    return None


def _cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _is_action_code(text: str) -> bool:
    return is_code(text) and len(code_parts(text)) == 2


class _TableReader:
    """Walks the lines once, placing each table row under the aim and objective above it."""

    def __init__(self, report: ParsedReport) -> None:
        self.report = report
        self.problems: list[Problem] = []
        self.started = False
        self.finished = False
        self.aim: ParsedAim | None = None
        self.objective: ParsedObjective | None = None
        self.action: ParsedAction | None = None
        self.seen: dict[str, int] = {}

    def read(self, number: int, line: str) -> None:
        cells = _cells(line)
        if not cells:
            return
        # Table rows have tabs; a prose sentence that starts "Priority 1 …" is not an aim.
        aim = AIM_ROW.match(cells[0]) if "\t" in line else None
        if aim:
            self._aim(number, int(aim.group(1)), aim.group(2) or _first(cells[1:]))
        elif not self.started:
            return
        elif "\t" not in line:
            self.finished = True  # prose after the tables
        elif HEADER_ROW.match(cells[0]) and any(c.lower() == "action" for c in cells):
            return  # column headings, repeated at each objective and page break
        else:
            self._row(number, cells)

    def check_complete(self) -> None:
        if not self.started:
            self.problems.append(
                Problem(1, "this is not an annual report: no 'Strategic Aim' table was found.")
            )
        elif not self.report.actions and not self.problems:
            self.problems.append(Problem(self.aim.line, "the report's tables hold no actions."))

    def _aim(self, number: int, aim_number: int, title: str) -> None:
        self.started = True
        title = AIM_SUFFIX.sub("", title).strip()
        if not title:
            self._problem(number, f"Strategic Aim {aim_number} has no title.")
        if any(a.number == aim_number for a in self.report.aims):
            self._problem(number, f"Strategic Aim {aim_number} appears twice.")
        self.aim = ParsedAim(aim_number, title, number)
        self.report.aims.append(self.aim)
        self.objective = self.action = None

    def _row(self, number: int, cells: list[str]) -> None:
        first = next(i for i, cell in enumerate(cells) if cell)
        if len(cells) > COLUMNS:
            self._problem(number, f"this row has {len(cells)} cells; the table has {COLUMNS}.")
        elif first == 0 and is_code(cells[0]):
            self._objective(number, cells)
        elif first in (1, 2) and _is_action_code(cells[first]):
            self._action(number, cells[first], cells[first + 1 : first + 4])
        elif first >= ACTION_TEXT and self.action is not None:
            self._continuation(cells)
        else:
            self._problem(
                number,
                f"cannot place this row in the table: {' | '.join(c for c in cells if c)[:80]!r} "
                "is not an aim, an objective, an action or the continuation of one.",
            )

    def _objective(self, number: int, cells: list[str]) -> None:
        if self.aim is None:
            self._problem(number, f"objective {cells[0]} comes before any Strategic Aim.")
            return
        code, title = cells[0], (cells[1] if len(cells) > 1 else "")
        if any(o.code == code for o in self.report.objectives):
            self._problem(number, f"objective {code} appears twice.")
        self.objective = ParsedObjective(code, title, self.aim.number, number)
        self.report.objectives.append(self.objective)
        self.action = None
        if len(cells) > 2 and cells[2]:
            if _is_action_code(cells[2]):
                self._action(number, cells[2], cells[3:6])
            else:
                self._problem(number, f"{cells[2][:40]!r} is not an action code such as 8.11.")

    def _action(self, number: int, code: str, fields: list[str]) -> None:
        text, measure, comment = (fields + ["", "", ""])[:3]
        if self.objective is None:
            self._problem(number, f"action {code} comes before any objective.")
            return
        previous = self.action.code if self.action else None
        if code in self.seen:
            self._problem(number, f"action {code} appears twice (first on line {self.seen[code]}).")
        elif not belongs_to_objective(code, self.objective.code, previous):
            self._problem(
                number,
                f"action {code} is listed under objective {self.objective.code}, "
                f"but its number places it under objective {code.split('.')[0]}.x "
                f"(after {previous or self.objective.code}).",
            )
        self.seen.setdefault(code, number)
        self.action = ParsedAction(code, text, measure, comment, number, self.objective.code)
        self.report.actions.append(self.action)

    def _continuation(self, cells: list[str]) -> None:
        cells = cells + [""] * (COLUMNS - len(cells))
        for index, name in ((ACTION_TEXT, "text"), (MEASURE, "measure"), (COMMENT, "comment")):
            if cells[index]:
                before = getattr(self.action, name)
                setattr(self.action, name, f"{before} {cells[index]}".strip())

    def _problem(self, number: int, reason: str) -> None:
        self.problems.append(Problem(number, reason))


def _first(cells: list[str]) -> str:
    return next((cell for cell in cells if cell), "")
