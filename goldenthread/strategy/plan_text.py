"""Reading a plan document from the text extracted from its Word or PDF file.

Pure functions, no database. In such text a table's cells are separated by tabs; a
row that crosses a page break goes on after a repeated header row ("Objective	Where
are we now?	…") with only its overflowing cells filled; and page furniture ("Page 12
of 31") sits among the rows. What is read, and the rules that decide it:

- document control: the lines under a "Document Control" heading: "Name	…",
  "Version	…" and so on, a line with an empty label continuing the one before;
  then its "Version History" and "Approval History" tables (dates dd/mm/yy);
- the vision: the line after one ending "Our vision … is of:";
- narrative sections: every heading after document control with the text under it,
  heading and text exactly as written. A heading straight after a paragraph that
  ends in a colon, with prose (not a list) after it, is a displayed quotation
  ("…delivery of the first aim:" / "Every child has the best possible start in
  life") and stays in its section's text;
- the aims: the numbered list ("- 1. Outstanding universal services…") under the
  first heading that speaks of aims; each aim's part of the document starts at the
  heading with its title and runs to the next heading;
- in an aim's part, the "We will:" table: its first row holds the objectives' titles,
  and each later cell is a commitment of its column's objective. A block of rows
  between page breaks that is narrower than the table lost its leading columns in
  the extraction, so it is aligned to the right; a cell that starts in lower case
  continues the commitment above it;
- then the objective tables: a row starting "Aim:", or whose words are the next
  objective's title, moves on to the next objective; a row whose first cell is
  empty or starts in lower case continues the row before.
- the golden thread: see ``higher_plans``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .higher_plans import HigherPlan, Priority, read_higher_plans

__all__ = ["HigherPlan", "Priority"]  # parts of a ParsedPlan, read by higher_plans

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_FURNITURE = re.compile(r"^\s*Page \d+ of \d+\s*$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*-?\s*(\d+)\.\s+(.+?)\s*$")
_BULLET = re.compile(r"^\s*[-•]\s+(.+?)\s*$")
_TABLE_HEADER = ("objective", "where are we now?")
CONTROL_LABELS = {
    "name": "name",
    "version": "version",
    "status": "status",
    "author": "author",
    "approved by": "approving_body",
    "approving body": "approving_body",
    "review date": "review",
    "equality impact assessment": "equality_impact_assessment",
}


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


class PlanTextError(ValueError):
    """The text is not a plan this reader understands; nothing was imported.

    ``places`` names where a line came from when the text stands for a Word document
    ("table 5, row 3, column 'Lead'"); line 0 is the file as a whole."""

    def __init__(
        self, source_name: str, problems: list[Problem], places: dict[int, str] | None = None
    ):
        self.source_name = source_name
        self.problems = problems
        self.places = places or {}
        super().__init__(
            "\n".join(f"{source_name}{self._at(p.line)}: {p.message}" for p in problems)
        )

    def _at(self, line: int) -> str:
        if line in self.places:
            return f", {self.places[line]}"
        return f", line {line}" if line else ""


@dataclass
class HistoryRow:
    version: str
    text: str  # the reason for a version, the approving body for an approval
    date: dt.date | None
    line: int


@dataclass
class Section:
    heading: str
    text: str
    line: int


@dataclass
class Commitment:
    text: str
    line: int
    where_now: str = ""
    where_to_be: str = ""
    milestones_text: str = ""
    # (offset in milestones_text, line) for each piece of the cell, to place milestones.
    milestone_lines: list[tuple[int, int]] = field(default_factory=list)
    lead: str = ""  # as written in a lead column
    due_label: str = ""  # as written in a "by when" column

    def line_of(self, milestone: str, start: int = 0) -> tuple[int, int]:
        """The line a milestone of this row starts on, and where to look for the next
        (two milestones may have the same words)."""
        text = " ".join(self.milestones_text.split())
        position = text.find(milestone, start)
        line = self.line
        for offset, number in self.milestone_lines:
            if offset <= position:
                line = number
        return line, max(position, start) + len(milestone)


@dataclass
class Objective:
    title: str
    line: int
    commitments: list[Commitment] = field(default_factory=list)
    code: str = ""  # its own code, where the document gives one


@dataclass
class Aim:
    number: int
    title: str
    line: int
    objectives: list[Objective] = field(default_factory=list)


@dataclass
class ParsedPlan:
    source_name: str
    control: dict[str, str] = field(default_factory=dict)
    control_lines: dict[str, int] = field(default_factory=dict)
    versions: list[HistoryRow] = field(default_factory=list)
    approvals: list[HistoryRow] = field(default_factory=list)
    vision: str = ""
    sections: list[Section] = field(default_factory=list)
    aims: list[Aim] = field(default_factory=list)
    higher_plans: list[HigherPlan] = field(default_factory=list)
    # Where a line of the text came from when the text was made from a Word document's
    # blocks ("table 5, row 3"), so that messages name the document's own places.
    places: dict[int, str] = field(default_factory=dict)

    def place(self, line: int | None) -> str:
        """A line of the source as a reader finds it: "line 12", "table 5, row 3"."""
        if line is None:
            return "somewhere"
        return self.places.get(line) or f"line {line}"


@dataclass
class _Line:
    number: int
    text: str

    @property
    def heading(self) -> str | None:
        match = _HEADING.match(self.text)
        return _clean_heading(match.group(2)) if match else None

    @property
    def blank(self) -> bool:
        return not self.text.strip() or bool(_FURNITURE.match(self.text.replace("\t", " ")))

    @property
    def cells(self) -> list[str]:
        return [cell.strip() for cell in self.text.split("\t")]


def parse_plan(text: str, source_name: str) -> ParsedPlan:
    """Read the plan in ``text``; raise PlanTextError naming the line if it is not one."""
    lines = [_Line(n, t.rstrip("\n")) for n, t in enumerate(text.splitlines(), start=1)]
    last = len(lines) or 1
    plan = ParsedPlan(source_name)
    control_at = _find_heading(lines, lambda h: h.lower() == "document control")
    if control_at is None:
        raise PlanTextError(
            source_name, [Problem(last, "no document control: no heading 'Document Control'.")]
        )
    body_start = _read_control(lines, control_at + 1, plan)
    if not plan.control.get("version") and not plan.control.get("name"):
        raise PlanTextError(
            source_name,
            [Problem(lines[control_at].number, "document control has no name and no version.")],
        )
    plan.vision = _vision(lines)
    aims_at = _find_heading(lines, lambda h: re.search(r"\baims\b", h, re.IGNORECASE), body_start)
    listed = _aims_list(lines, aims_at) if aims_at is not None else []
    if not listed:
        raise PlanTextError(
            source_name,
            [
                Problem(
                    lines[aims_at].number if aims_at is not None else last,
                    "no aims found: expected a heading about the plan's aims "
                    "followed by a numbered list ('- 1. …').",
                )
            ],
        )
    blocks = _aim_blocks(lines, listed, aims_at, source_name)
    plan.sections = _sections(lines, body_start, blocks)
    for aim, (start, end) in zip(listed, blocks.values(), strict=True):
        aim.line = lines[start].number
        _read_aim(lines[start + 1 : end], aim, source_name)
        plan.aims.append(aim)
    plan.higher_plans = _higher_plans(lines[body_start:aims_at], plan.control.get("name", ""))
    return plan


# Document control --------------------------------------------------------------------


def _read_control(lines: list[_Line], start: int, plan: ParsedPlan) -> int:
    """Read document control from ``start``; return where the document goes on."""
    table, label = "details", ""
    index = start
    for index in range(start, len(lines)):
        line = lines[index]
        if line.heading is not None:
            return index
        if line.blank:
            continue
        cells = line.cells
        first = cells[0].lower()
        if first in ("version history", "approval history"):
            table = first
            continue
        if table == "details":
            label = _control_field(cells, label, plan, line.number)
        elif first != "version":  # not the table's header row
            row = history_row(cells, line.number, plan.source_name)
            (plan.versions if table == "version history" else plan.approvals).append(row)
    return index + 1


def _control_field(cells: list[str], label: str, plan: ParsedPlan, number: int) -> str:
    value = " ".join(cell for cell in cells[1:] if cell)
    if not cells[0]:  # "	People's Plan 2013 – 2016" goes on from the line before
        if label and value:
            plan.control[label] = f"{plan.control[label]} {value}".strip()
        return label
    key = CONTROL_LABELS.get(cells[0].lower().rstrip(":"))
    if key:
        plan.control[key] = value
        plan.control_lines[key] = number
    return key or ""


def history_row(cells: list[str], number: int, source_name: str) -> HistoryRow:
    """A row of a version or approval history: version, reason or body, date."""
    cells = [*cells, "", "", ""]
    version, text, date_text = cells[0], cells[1], cells[2]
    return HistoryRow(version, text, _day(date_text, number, source_name), number)


def _day(text: str, number: int, source_name: str) -> dt.date | None:
    """A history date as councils write it: dd/mm/yy or dd/mm/yyyy."""
    if not text:
        return None
    for form in ("%d/%m/%y", "%d/%m/%Y", "%d.%m.%y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise PlanTextError(
        source_name, [Problem(number, f"date: {text!r} is not a date written as dd/mm/yy.")]
    )


def _vision(lines: list[_Line]) -> str:
    for index, line in enumerate(lines):
        if re.search(r"\bvision\b.*\bis(?: of)?:\s*$", line.text, re.IGNORECASE):
            following = _next_filled(lines, index + 1)
            if following is not None:
                return _unquote(lines[following].heading or lines[following].text)
    return ""


# Sections and aims ---------------------------------------------------------------------


def _aims_list(lines: list[_Line], heading_at: int) -> list[Aim]:
    aims = []
    for line in lines[heading_at + 1 :]:
        if line.heading is not None:
            break
        match = _NUMBERED.match(line.text)
        if match:
            aims.append(Aim(int(match.group(1)), match.group(2), line.number))
        elif aims and not line.blank:
            break
    return aims


def _aim_blocks(
    lines: list[_Line], aims: list[Aim], after: int, source_name: str
) -> dict[int, tuple[int, int]]:
    """Where each aim's part of the document starts (its heading) and ends."""
    starts = {}
    for aim in aims:
        found = _find_heading(lines, lambda h, t=aim.title: _key(h) == _key(t), after + 1)
        if found is None:
            raise PlanTextError(
                source_name,
                [Problem(aim.line, f"aim {aim.number} {aim.title!r} has no heading of its own.")],
            )
        starts[aim.number] = found
    blocks = {}
    for number, start in starts.items():
        end = _find_heading(lines, lambda h: True, start + 1)
        blocks[number] = (start, end if end is not None else len(lines))
    return blocks


def _sections(lines: list[_Line], start: int, aim_blocks: dict) -> list[Section]:
    inside_aims = [range(s, e) for s, e in aim_blocks.values()]
    sections: list[Section] = []
    previous = ""
    for index in range(start, len(lines)):
        line = lines[index]
        if any(index in block for block in inside_aims) or line.blank:
            continue
        heading = line.heading
        quoted = previous.endswith(":") and _prose_follows(lines, index)
        if heading is not None and not quoted and heading.lower() != "contents":
            sections.append(Section(heading, "", line.number))
        elif sections:
            text = heading if heading is not None else line.text.strip()
            sections[-1].text = f"{sections[-1].text}\n\n{text}".strip()
        previous = line.text.strip()
    return sections


def _prose_follows(lines: list[_Line], index: int) -> bool:
    following = _next_filled(lines, index + 1)
    if following is None:
        return False
    text = lines[following].text
    return lines[following].heading is None and not _BULLET.match(text)


def _read_aim(block: list[_Line], aim: Aim, source_name: str) -> None:
    will_at = next((i for i, line in enumerate(block) if _is_we_will(line)), None)
    if will_at is None:
        raise PlanTextError(
            source_name, [Problem(aim.line, f"aim {aim.number} has no 'We will:' table.")]
        )
    titles_at = _previous_filled(block, will_at - 1)
    titles = [cell for cell in block[titles_at].cells if cell] if titles_at is not None else []
    if not titles:
        raise PlanTextError(
            source_name,
            [Problem(block[will_at].number, "no objectives' titles above the 'We will:' row.")],
        )
    aim.objectives = [Objective(title, block[titles_at].number) for title in titles]
    tables_at = next((i for i, line in enumerate(block) if _is_table_header(line)), len(block))
    _read_we_will(block[will_at + 1 : tables_at], aim.objectives)
    rows = _read_tables(block[tables_at:], aim, source_name)
    for objective, its_rows in zip(aim.objectives, rows, strict=True):
        _merge_rows(objective, its_rows)


def _read_we_will(block: list[_Line], objectives: list[Objective]) -> None:
    width = len(objectives)
    last: dict[int, Commitment] = {}
    for run in _runs(block):
        rows = [[_not_garbage(cell) for cell in line.cells] for line in run]
        widest = max((len(_trimmed(row)) for row in rows), default=0)
        shift = max(width - widest, 0)
        for line, row in zip(run, rows, strict=True):
            for column, cell in enumerate(row):
                if cell and column + shift < width:
                    _add_commitment_text(cell, column + shift, line.number, objectives, last)


def _add_commitment_text(cell, column, number, objectives, last) -> None:
    for item in re.split(r"\s{2,}", cell):
        if _continues(item) and column in last:
            last[column].text = _join(last[column].text, item)
        else:
            last[column] = Commitment(item, number)
            objectives[column].commitments.append(last[column])


def _read_tables(block: list[_Line], aim: Aim, source_name: str) -> list[list[Commitment]]:
    rows: list[list[Commitment]] = [[] for _ in aim.objectives]
    current = -1
    row: Commitment | None = None
    for line in block:
        cells = line.cells
        if line.blank or "\t" not in line.text or _is_table_header(line):
            continue
        if all(re.fullmatch(r"-*", cell) for cell in cells):
            continue
        if _is_title_row(cells, aim.objectives, current):
            current += 1
            row = None
            if current >= len(aim.objectives):
                raise PlanTextError(
                    source_name,
                    [Problem(line.number, f"more objective tables than aim {aim.number} has.")],
                )
            continue
        if current < 0:
            raise PlanTextError(
                source_name, [Problem(line.number, "a table row before any objective's title.")]
            )
        cells = [*cells, "", "", ""][:4]
        if row is not None and (not cells[0] or _continues(cells[0])):
            _extend_row(row, cells, line.number)
            continue
        if row is not None:
            cells = _give_back_overflow(row, cells)
        row = Commitment(cells[0], line.number)
        _extend_row(row, ["", *cells[1:]], line.number)
        rows[current].append(row)
    return rows


def _extend_row(row: Commitment, cells: list[str], number: int) -> None:
    row.text = _join(row.text, cells[0])
    row.where_now = _join(row.where_now, cells[1])
    row.where_to_be = _join(row.where_to_be, cells[2])
    if cells[3]:
        row.milestones_text = _join(row.milestones_text, cells[3])
        # Where this piece starts in the cell's words with their spaces evened out.
        words = " ".join(row.milestones_text.split())
        row.milestone_lines.append((len(words) - len(" ".join(cells[3].split())), number))


def _give_back_overflow(previous: Commitment, cells: list[str]) -> list[str]:
    """A new row's cell cannot start mid-sentence: its lower-case opening ("natal care")
    is the end of the row above's cell, pushed down by the page break."""
    cells = list(cells)
    for column, name in ((1, "where_now"), (2, "where_to_be")):
        if _continues(cells[column]) and getattr(previous, name):
            head, *rest = re.split(r"\s{2,}", cells[column], maxsplit=1)
            setattr(previous, name, _join(getattr(previous, name), head))
            cells[column] = rest[0] if rest else ""
    return cells


def _merge_rows(objective: Objective, rows: list[Commitment]) -> None:
    """Each table row fills in the "We will" commitment it restates; a row restating
    none is a commitment of its own, after those the "We will" table lists."""
    for row in rows:
        match = next((c for c in objective.commitments if _same_commitment(c, row)), None)
        if match is None or match.where_now or match.milestones_text:
            objective.commitments.append(row)
            continue
        match.where_now, match.where_to_be = row.where_now, row.where_to_be
        match.milestones_text, match.milestone_lines = row.milestones_text, row.milestone_lines


# The golden thread ---------------------------------------------------------------------


def higher_plans_in(texts: list[tuple[int, str]], own_name: str = "") -> list[HigherPlan]:
    """The higher plans a plan's narrative ((place, paragraph) in order, list items
    starting "- ") says it serves."""
    return read_higher_plans(texts, own_name)


def _higher_plans(lines: list[_Line], own_name: str = "") -> list[HigherPlan]:
    return read_higher_plans([(line.number, line.text) for line in lines], own_name)


# Small helpers ----------------------------------------------------------------------


def _find_heading(lines, test, start: int = 0) -> int | None:
    for index in range(start, len(lines)):
        heading = lines[index].heading
        if heading is not None and test(heading):
            return index
    return None


def _next_filled(lines: list[_Line], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if not lines[i].blank), None)


def _previous_filled(lines: list[_Line], start: int) -> int | None:
    return next((i for i in range(start, -1, -1) if not lines[i].blank), None)


def _runs(block: list[_Line]) -> list[list[_Line]]:
    """Rows between blank lines (page breaks), leaving out lines that are not rows."""
    runs: list[list[_Line]] = [[]]
    for line in block:
        if line.blank:
            runs.append([])
        elif "\t" in line.text:
            runs[-1].append(line)
    return [run for run in runs if run]


def _is_we_will(line: _Line) -> bool:
    cells = [cell for cell in line.cells if cell]
    return bool(cells) and all(cell.lower() == "we will:" for cell in cells)


def _is_table_header(line: _Line) -> bool:
    cells = [cell.lower() for cell in line.cells]
    return tuple(cells[:2]) == _TABLE_HEADER


def _is_title_row(cells: list[str], objectives: list[Objective], current: int) -> bool:
    if cells[0].startswith("Aim:"):
        return True
    upcoming = current + 1
    if upcoming >= len(objectives):
        return False
    return _key("".join(cells)) == _key(objectives[upcoming].title)


def _same_commitment(a: Commitment, b: Commitment) -> bool:
    """The same commitment in the "We will" table and an objective table: the same
    first five words, leaving out articles and bracketed abbreviations, a word and its
    inflection ("narrow", "narrowing") agreeing."""
    first, second = _first_words(a.text), _first_words(b.text)
    if len(first) < 3 or len(first) != len(second):
        return False
    return all(x.startswith(y) or y.startswith(x) for x, y in zip(first, second, strict=True))


def _first_words(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in {"a", "an", "the", "our"}]
    return words[:5]


def _continues(text: str) -> bool:
    return bool(text) and (text[0].islower() or text[0] in "-–")


def _join(before: str, after: str) -> str:
    if not after:
        return before
    if not before:
        return after
    if before.endswith("-") and not before.endswith(" -"):
        return before + after  # "post-" + "natal care"
    return f"{before} {after}" if _continues(after) else f"{before}  {after}"


def _not_garbage(cell: str) -> str:
    return "" if re.fullmatch(r"[\d\s]*", cell) else cell


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _clean_heading(text: str) -> str:
    return text.replace("**", "").strip()


def _unquote(text: str) -> str:
    text = re.sub(r"^#+\s*", "", text).replace("**", "").strip()
    return text.strip("'\"‘’“” ")
