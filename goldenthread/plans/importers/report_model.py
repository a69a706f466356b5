"""What is read from a progress report or delivery-plan tracker, whatever its format:
its aims, objectives and actions, its headline claim, and the problems that stop it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    """One thing wrong, where it is: a text file's line, or a table's (or sheet's) row
    and column."""

    line: int  # a text file's line, or the row as its table or sheet numbers it; 0: the file
    reason: str
    # "table 3", "sheet 'Actions'", "paragraph 12"; "" in a file that is one table (CSV);
    # None in a text file, whose lines are numbered instead
    table: str | None = None
    column: str = ""  # the column's header, in a table

    def where(self) -> str:
        if self.table is None:
            return f"line {self.line}" if self.line else ""
        parts = [self.table] if self.table else []
        parts += [f"row {self.line}"] if self.line else []
        parts += [f"column {self.column!r}"] if self.column else []
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.reason}" if where else self.reason


class ReportError(Exception):
    """The file cannot be imported; every problem found, each with where it is."""

    def __init__(self, source_name: str, problems: list[Problem]) -> None:
        self.source_name = source_name
        self.problems = problems
        super().__init__(
            "\n".join(
                f"{source_name}, {p}" if p.where() else f"{source_name}: {p}" for p in problems
            )
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
    table: str | None = None  # where ``line`` is: "table 3", "sheet 'Plan'"; None: a text line

    def problem(self, reason: str, column: str = "") -> Problem:
        """A problem with this action, placed where the file has it."""
        return Problem(self.line, reason, self.table, column)


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
    # What the reader decided that the file did not say: codes it made, aims it inferred.
    notes: list[str] = field(default_factory=list)


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
