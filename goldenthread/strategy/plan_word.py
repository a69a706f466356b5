"""Reading a plan kept in Word (``.docx``), in whatever layout the council uses.

Pure functions over the blocks ``lib/word.py`` reads, no database. Which reader is
used depends on what the document holds:

- a plan laid out as the seed's is (a "We will:" table under each aim, then objective
  tables headed "Objective | Where are we now? | …") is made into the text its Word
  file extracts to, and read by ``plan_text``, whose rules were made for that layout;
  messages then name the document's table and row, not a line of that text;
- any other plan is read by what its headings and table headers mean (``lib/headers``):
  each table with an action column ("Action", "What we will do", "We will") is a
  table of commitments. Its aim is its aim or priority column, else its caption or
  the heading above it ("Priority 1: …", "Aim 2 – …", "3. …", or the nearest
  heading); its objectives are its objective column, or
  rows spanning the table ("Objective 1.1 …"), or the heading under the aim. Measure,
  milestone or success columns are the key milestones; lead and "by when" columns
  are read as written; comment or progress columns are where we are now.

Both give a ``ParsedPlan``; a document that is not a plan raises ``PlanTextError``
naming the file, table, row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from goldenthread.lib.headers import Column, is_header_row, meanings_of
from goldenthread.lib.word import Block, Paragraph, Table, WordError, read_word

from .plan_text import (
    CONTROL_LABELS,
    Aim,
    Commitment,
    Objective,
    ParsedPlan,
    PlanTextError,
    Problem,
    Section,
    higher_plans_in,
    history_row,
    parse_plan,
)

# "Priority 1: …", "Aim 2 - …", "Theme 3. …", "1. …", "P4 …": an aim's heading and number.
_AIM_HEADING = re.compile(
    r"^\s*(?:(?:strategic\s+)?(?:priority|aim|theme|outcome|ambition|goal|pillar)\s*"
    r"|p(?=\d))?(\d+)\s*[:.)–—-]?\s+(.+?)\s*$",
    re.IGNORECASE,
)
# "Objective 2.1: …", "1.1 …", "2b) …": an objective's code before its title.
_OBJECTIVE_PREFIX = re.compile(
    r"^\s*(?:(?:objective|outcome|sub-?priority)\s+[a-z]?\d+(?:\.\d+)*[a-z]?\s*[:.)–—-]?"
    r"|[a-z]?\d+(?:\.\d+)+[a-z]?\s*[:.)–—-]?|[a-z]?\d+[a-z]?\s*[:.)–—-])\s+",
    re.IGNORECASE,
)
_CAPTION_PREFIX = re.compile(r"^\s*table\s+\d+\s*[:.–—-]?\s*", re.IGNORECASE)
_YEARS = re.compile(r"(?:19|20)\d{2}\s*[–-]\s*(?:19|20)?\d{2}")


def read_plan_word(path: Path | str, source_name: str | None = None) -> ParsedPlan:
    """The plan in the Word document at ``path``."""
    path = Path(path)
    name = source_name or path.name
    try:
        blocks = read_word(path, source_name=name)
    except WordError as error:
        raise PlanTextError(name, [Problem(0, error.reason)]) from None
    if is_seed_layout(blocks):
        return _read_as_text(blocks, name)
    return _GeneralReader(blocks, name).read()


def is_seed_layout(blocks: list[Block]) -> bool:
    """A plan whose aims each have a "We will:" row under their objectives' titles and
    objective tables headed "Objective | Where are we now?"."""
    tables = [b for b in blocks if isinstance(b, Table)]
    we_will = any(_is_we_will_row(row) for t in tables for row in t.rows)
    where_now = any(
        "where are we now" in " ".join(row).lower() for t in tables for row in t.rows[:1]
    )
    return we_will and where_now


def _is_we_will_row(row: list[str]) -> bool:
    cells = [c.strip().lower() for c in row if c.strip()]
    return bool(cells) and all(c == "we will:" for c in cells)


# The seed's layout, through its text -------------------------------------------------


def as_plan_text(blocks: list[Block]) -> tuple[str, dict[int, str]]:
    """The text a Word plan extracts to, as ``plan_text`` reads it, and where each of its
    lines came from ("table 5, row 3", "paragraph 12"). A cell's paragraphs are two
    spaces apart, as extraction leaves them; a numbered list's items get their numbers."""
    lines: list[str] = []
    places: dict[int, str] = {}

    def add(text: str, place: str) -> None:
        lines.append(text)
        places[len(lines)] = place

    number = 0
    for block in blocks:
        if isinstance(block, Table):
            for index, row in enumerate(block.rows, start=1):
                cells = [
                    "  ".join(p.strip() for p in cell.split("\n") if p.strip()) for cell in row
                ]
                add("\t".join(cells), f"table {block.number}, row {index}")
            lines.append("")
            number = 0
            continue
        place = f"paragraph {block.number}"
        if block.heading_level is not None:
            add(f"{'#' * min(max(block.heading_level, 1), 6)} {block.text}", place)
        elif block.is_list_item:
            numbered = "number" in block.style.lower() and not re.match(r"\d+\.", block.text)
            number = number + 1 if numbered else 0
            add(f"- {number}. {block.text}" if numbered else f"- {block.text}", place)
            continue
        else:
            add(block.text, place)
        number = 0
        lines.append("")
    return "\n".join(lines), places


def _read_as_text(blocks: list[Block], name: str) -> ParsedPlan:
    text, places = as_plan_text(blocks)
    try:
        plan = parse_plan(text, name)
    except PlanTextError as error:
        raise PlanTextError(name, error.problems, places) from None
    plan.places = places
    return plan


# Any other layout ----------------------------------------------------------------------


class _GeneralReader:
    def __init__(self, blocks: list[Block], name: str):
        self.blocks, self.name = blocks, name
        self.plan = ParsedPlan(name)
        self.problems: list[Problem] = []
        self.places: dict[int, str] = {}
        self.aims: dict[str, Aim] = {}  # by the heading that names the aim

    def read(self) -> ParsedPlan:
        self._control()
        tables = list(self._action_tables())
        if not tables:
            raise PlanTextError(
                self.name,
                [
                    Problem(
                        0,
                        "no table of actions: no table has a header row with an action "
                        "column ('Action', 'What we will do', 'We will', …).",
                    )
                ],
            )
        for table, headings in tables:
            self._table(table, headings)
        if self.problems:
            raise PlanTextError(self.name, self.problems, self.places)
        self.plan.aims = list(self.aims.values())
        self._sections()
        self.plan.higher_plans = higher_plans_in(
            self._narrative_before_aims(), self.plan.control.get("name", "")
        )
        self.plan.places = self.places
        return self.plan

    def _action_tables(self):
        """Each table of actions with the headings above it, outermost first."""
        outline: dict[int, Paragraph] = {}
        for block in self.blocks:
            if isinstance(block, Paragraph) and block.heading_level is not None:
                level = block.heading_level
                outline = {k: v for k, v in outline.items() if k < level}
                outline[level] = block
            elif isinstance(block, Table) and _header_at(block) is not None:
                headings = [outline[k] for k in sorted(outline)]
                caption = self._caption_of(block)
                yield block, [*headings, caption] if caption else headings

    def _caption_of(self, table: Table) -> Paragraph | None:
        """A table's caption ("Table 2: Priority 2 – …") heads it as a heading would."""
        if not table.caption:
            return None
        at = self.blocks.index(table)
        before = self.blocks[at - 1] if at else None
        return before if isinstance(before, Paragraph) else None

    def _place(self, where: str) -> int:
        """A key standing for a place in the document, as lines stand in a text."""
        key = len(self.places) + 1
        self.places[key] = where
        return key

    def _problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self._place(where), message))

    # Document control and name ----------------------------------------------------

    def _control(self) -> None:
        self._history()
        for block in self.blocks:
            if not isinstance(block, Table):
                continue
            labelled = [r for r in block.rows if len(r) >= 2 and _label(r[0]) in CONTROL_LABELS]
            if len(labelled) >= 2:
                for index, row in enumerate(block.rows, start=1):
                    key = CONTROL_LABELS.get(_label(row[0]))
                    if key:
                        self.plan.control[key] = " ".join(c for c in row[1:] if c).strip()
                        where = f"table {block.number}, row {index}"
                        self.plan.control_lines[key] = self._place(where)
                break
        if not self.plan.control.get("name"):
            title = self._title()
            if title is None:
                raise PlanTextError(
                    self.name,
                    [
                        Problem(
                            0,
                            "no name: no document control 'Name' and no title or heading "
                            "giving the plan's years (such as '… Plan 2014 – 2017').",
                        )
                    ],
                )
            self.plan.control["name"] = title.text
            self.plan.control_lines["name"] = self._place(f"paragraph {title.number}")

    def _history(self) -> None:
        """Version and approval histories: tables headed "Version | … | Date", an
        approval history's middle column naming the approving body."""
        for block in self.blocks:
            if not isinstance(block, Table) or not block.rows:
                continue
            header = [_label(cell) for cell in block.rows[0]]
            if len(header) < 3 or header[0] != "version" or "date" not in header[-1]:
                continue
            into = self.plan.approvals if "approv" in header[1] else self.plan.versions
            for index, row in enumerate(block.rows[1:], start=2):
                if any(cell.strip() for cell in row):
                    place = self._place(f"table {block.number}, row {index}")
                    try:
                        into.append(history_row([row[0], row[1], row[-1]], place, self.name))
                    except PlanTextError as error:
                        raise PlanTextError(self.name, error.problems, self.places) from None

    def _title(self) -> Paragraph | None:
        headings = [b for b in self.blocks if isinstance(b, Paragraph) and b.is_heading]
        dated = [h for h in headings if _YEARS.search(h.text)]
        return (dated or [None])[0]

    # Tables of commitments ------------------------------------------------------------

    def _table(self, table: Table, headings: list[Paragraph]) -> None:
        header_at = _header_at(table)
        assert header_at is not None
        state = _TableState(table.rows[header_at])
        if Column.AIM not in state.columns:  # the aim is the heading above the table
            aim_heading, state.objective = _aim_and_objective_headings(headings)
            if aim_heading is None:
                self._problem(
                    f"table {table.number}",
                    "no aim: no aim or priority column, and no heading above it names "
                    "its aim ('Priority 1: …').",
                )
                return
            state.aim = self._aim(aim_heading.text, f"paragraph {aim_heading.number}")
        for index, row in enumerate(table.rows[header_at + 1 :], start=header_at + 2):
            cells = [*row, *[""] * (len(state.header) - len(row))]
            if any(c.strip() for c in cells) and meanings_of(cells) != meanings_of(state.header):
                self._row(state, cells, f"table {table.number}, row {index}")
            # else an empty row, or the header repeated on a new page

    def _row(self, state: _TableState, cells: list[str], where: str) -> None:
        """One row: a commitment, the rest of the one above split by a page break, or a
        row spanning the table that names the objective of the rows under it."""
        filled = [c for c in cells if c.strip()]
        if len(filled) == 1 and cells[0].strip() and Column.OBJECTIVE not in state.columns:
            state.objective, state.current = _objective_title(cells[0]), None
            return
        written_aim = state.cell(cells, Column.AIM)
        if written_aim and (state.aim is None or written_aim != state.aim_written):
            state.aim, state.aim_written = self._aim(written_aim, where), written_aim
            state.objective = ""
        state.objective = _objective_title(state.cell(cells, Column.OBJECTIVE)) or state.objective
        action = state.cell(cells, Column.ACTION)
        if not action and state.current is not None:
            _go_on(state.current, cells, state.columns, self._place(where))
        elif not action:
            self._problem(
                f"{where}, column {state.name_of(Column.ACTION)!r}",
                "no action, and no row above it in this table that it could go on from.",
            )
        elif state.aim is None:
            self._problem(f"{where}, column {state.name_of(Column.AIM)!r}", "no aim or priority.")
        elif not state.objective:
            self._problem(
                where,
                "no objective: the table has no objective column, no row naming one "
                "above this, and no heading under its aim's.",
            )
        else:
            state.current = Commitment(action, self._place(where))
            _go_on(state.current, cells, state.columns, state.current.line)
            _objective(state.aim, state.objective, state.current.line).commitments.append(
                state.current
            )

    def _aim(self, written: str, where: str) -> Aim:
        """The aim written so (a heading, or an aim column's cell), added the first time:
        numbered as written ("Priority 2: …"), else in the order aims appear."""
        key = " ".join(written.split())
        if key not in self.aims:
            match = _AIM_HEADING.match(key)
            number = int(match.group(1)) if match else len(self.aims) + 1
            title = match.group(2) if match else key
            if any(a.number == number for a in self.aims.values()):
                self._problem(where, f"aim {number} is numbered twice: {title!r} and before.")
            self.aims[key] = Aim(number, title, self._place(where))
        return self.aims[key]

    # Narrative ------------------------------------------------------------------------

    def _sections(self) -> None:
        for block in self.blocks:
            if isinstance(block, Table):
                continue
            if block.is_heading:
                where = self._place(f"paragraph {block.number}")
                self.plan.sections.append(Section(block.text, "", where))
            elif self.plan.sections:
                section = self.plan.sections[-1]
                section.text = f"{section.text}\n\n{block.text}".strip()
        self.plan.sections = [s for s in self.plan.sections if s.text]

    def _narrative_before_aims(self) -> list[tuple[int, str]]:
        aim_headings = set(self.aims)
        lines: list[tuple[int, str]] = []
        for block in self.blocks:
            if isinstance(block, Table):
                continue
            if block.is_heading and block.text in aim_headings:
                break
            where = self._place(f"paragraph {block.number}")
            lines.append((where, f"- {block.text}" if block.is_list_item else block.text))
        return lines


@dataclass
class _TableState:
    """Reading a table of commitments: its columns by meaning, and the aim, objective
    and commitment its rows so far have reached."""

    header: list[str]
    aim: Aim | None = None
    aim_written: str = ""
    objective: str = ""
    current: Commitment | None = None
    columns: dict[Column, int] = field(init=False)

    def __post_init__(self) -> None:
        self.columns = {meaning: index for index, meaning in meanings_of(self.header).items()}

    def cell(self, cells: list[str], column: Column) -> str:
        return _cell(cells, self.columns, column)

    def name_of(self, column: Column) -> str:
        return self.header[self.columns[column]]


def _header_at(table: Table) -> int | None:
    """The row heading a table of actions: the first with an action column, in the
    table's first rows (a title row may come first)."""
    for index, row in enumerate(table.rows[:3]):
        if is_header_row(row, needs=(Column.ACTION,)):
            return index
    return None


def _aim_and_objective_headings(headings: list[Paragraph]) -> tuple[Paragraph | None, str]:
    """Which of the headings above a table names its aim (the innermost numbered as an
    aim is, else the innermost but a title), and the title of the one under it, which
    names the table's objective, if there is one."""
    headings = [h for h in headings if h.heading_level != 0 and not _YEARS.search(h.text)]
    headings = [
        replace(h, text=_CAPTION_PREFIX.sub("", h.text)) if not h.is_heading else h
        for h in headings
    ]
    if not headings:
        return None, ""
    numbered = [i for i, h in enumerate(headings) if _AIM_HEADING.match(h.text)]
    at = numbered[-1] if numbered else len(headings) - 1
    objective = headings[at + 1].text if at + 1 < len(headings) else ""
    return headings[at], _objective_title(objective) if objective else ""


def _objective_title(text: str) -> str:
    """An objective as written, its code included ("1.1 Increase take-up…")."""
    return " ".join(text.split())


def _objective(aim: Aim, written: str, line: int) -> Objective:
    """The aim's objective written so, added the first time; its code is its own
    ("Objective 2.1: …"), or the aim's number and its place under the aim."""
    prefix = _OBJECTIVE_PREFIX.match(written)
    title = written[prefix.end() :].strip() if prefix else written
    found = next((o for o in aim.objectives if o.title == title), None)
    if found is None:
        code = (
            re.search(r"[a-z]?\d+(?:\.\d+)*[a-z]?", prefix.group(0), re.IGNORECASE)
            if prefix
            else None
        )
        number = code.group(0) if code else f"{aim.number}.{len(aim.objectives) + 1}"
        found = Objective(title, line, code=number)
        aim.objectives.append(found)
    return found


def _cell(cells: list[str], by_meaning: dict[Column, int], column: Column) -> str:
    index = by_meaning.get(column)
    return (
        "  ".join(p.strip() for p in cells[index].split("\n") if p.strip())
        if index is not None
        else ""
    )


def _go_on(row: Commitment, cells: list[str], by_meaning: dict[Column, int], line: int) -> None:
    """Fill a commitment's other columns from a row (its own, or one split across a page)."""
    for column, name in (
        (Column.MEASURE, "milestones_text"),
        (Column.COMMENT, "where_now"),
        (Column.LEAD, "lead"),
        (Column.DUE, "due_label"),
    ):
        text = _cell(cells, by_meaning, column)
        if not text:
            continue
        before = getattr(row, name)
        if name == "milestones_text":
            words = " ".join(f"{before}  {text}".split()) if before else " ".join(text.split())
            row.milestone_lines.append((len(words) - len(" ".join(text.split())), line))
        setattr(row, name, f"{before}  {text}" if before else text)


def _label(text: str) -> str:
    return " ".join(text.lower().rstrip(":").split())
