"""One reader for every format: a report's headings and tables → its aims, objectives
and actions.

Text, Word, Excel and CSV readers turn their file into the same blocks: headings (a Word
heading, a table's caption, a sheet's name) and grids (a table's rows of cells, each row
numbered as its file numbers it). This module decides what they mean, one rule in one
place:

- A table is an action table if a header row has an action column (``lib.headers``
  reads what each header means, not its exact words); other tables (contents, glossary)
  are passed over. Header rows may repeat (at each page) and title rows may come first.
- A header spanning two columns (a merged cell, or an empty header beside it) heads a
  code and a title when its first column holds codes: "Objective | | Action | |" is the
  objective's code and title, the action's code and text (``report_columns``).
- Aims and objectives come from headings, captions and heading rows ("Strategic Aim 3",
  "Objective 1.2 …", ``report_outline``) and from aim or objective columns, whose value
  is often written only on a group's first row (or in a cell merged down): an empty
  cell keeps the value above it.
- In a table that numbers its actions, a row without a code continues the row above (a
  row split across pages). In one that does not, each row is an action, given a code
  made from its objective's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goldenthread.lib.codes import is_code, normal_code, places_elsewhere
from goldenthread.lib.headers import Column

from .report_blocks import Block, Grid, Heading, Place, Row
from .report_columns import (
    AIM_CODE,
    FIELDS,
    OBJECTIVE_CODE,
    Columns,
    aligned,
    columns_of,
    is_header,
    is_heading_row,
    is_section_row,
    titled,
)
from .report_headings import Named, named_in, split_code
from .report_model import (
    ParsedAction,
    ParsedAim,
    ParsedObjective,
    ParsedReport,
    Problem,
    ReportError,
)
from .report_outline import Outline

__all__ = ["Block", "Grid", "Heading", "Row", "read_blocks"]


_LETTER = re.compile(r"^\(?([a-zA-Z])[).]?$")


def read_blocks(blocks: list[Block], *, source_name: str, text: bool = False) -> ParsedReport:
    """The report the blocks hold (its claim aside, which is in its prose).

    Raises ReportError listing every problem, each with its table, row and column (or,
    in a text file, ``text``, its line)."""
    reader = _Reader(ParsedReport(source_name), text=text)
    for block in blocks:
        if isinstance(block, Heading):
            reader.heading(block)
        else:
            reader.grid(block)
    reader.finish()
    if reader.problems:
        raise ReportError(source_name, reader.problems)
    return reader.report


@dataclass
class _Reader(Outline):
    seen: dict[str, str] = field(default_factory=dict)  # code → where first listed
    # aims and objectives by the text of their cells, which repeat down a group
    aims_written: dict[str, ParsedAim] = field(default_factory=dict)
    objectives_written: dict[str, ParsedObjective] = field(default_factory=dict)
    found_action_table: bool = False
    unnumbered: list[ParsedAction] = field(default_factory=list)
    last_columns: Columns | None = None  # the last action table's

    def grid(self, grid: Grid) -> None:
        if not grid.continues:
            self.action = None
        rows = [(row.number, [" ".join(cell.split()) for cell in row.cells]) for row in grid.rows]
        shades = {row.number: row.shades for row in grid.rows if row.shades}
        columns: Columns | None = None
        if not any(is_header(cells) for _, cells in rows):
            columns = self._continued(rows)
            if columns is None:
                self._not_an_action_table(grid.label, rows)
                return
        for index, (number, cells) in enumerate(rows):
            if not any(cells):
                continue
            place = Place(grid.label, number)
            if is_header(cells) and (columns is None or columns.repeats(cells)):
                columns = columns_of(cells, [c for _, c in rows[index + 1 :]])
                self.found_action_table = True
                self.last_columns = columns
                continue
            if columns is None:
                self._outside_table(cells, place)
                continue
            status = columns.roles.get(Column.STATUS)
            if status is not None and status in shades.get(number, {}) and not cells[status]:
                cells[status] = shades[number][status]  # a RAG cell coloured, not written
            self._row(aligned(cells, columns) if self.text else cells, columns, place)

    def _continued(self, rows: list[tuple[int, list[str]]]) -> Columns | None:
        """The columns of the last action table, for a table without a header that goes
        on from it (a table broken at a page, or one per objective with the header only
        on the first): as wide, with codes in its code column."""
        columns = self.last_columns
        code = columns.roles.get(Column.CODE) if columns else None
        if columns is None or code is None:
            return None
        rows_of_cells = [cells for _, cells in rows if any(cells)]
        if all(len(cells) == columns.width for cells in rows_of_cells) and any(
            is_code(cells[code]) for cells in rows_of_cells
        ):
            return columns
        return None

    def _not_an_action_table(self, label: str | None, rows: list[tuple[int, list[str]]]) -> None:
        """A table without an action column (contents, glossary) is passed over, but
        a box holding only a heading ("Priority 2: …" in a shaded cell) is a heading."""
        for number, cells in rows:
            values = {c for c in cells if c}
            if len(values) == 1 and named_in(next(iter(values))):
                self.heading(Heading(values.pop(), number, label=label))

    def _outside_table(self, cells: list[str], place: Place) -> None:
        """Rows above a table's header: title rows, or a "Strategic Aim 1" or
        "Objective 1.1: …" row."""
        filled = [c for c in cells if c]
        named = named_in(filled[0])
        if named and len(filled) <= 3:
            if named.level == "aim":
                self._aim(titled(named, filled), place)
            else:
                self._objective_named(titled(named, filled), place)

    def _row(self, cells: list[str], columns: Columns, place: Place) -> None:
        filled = [c for c in cells if c]
        code, text = columns.cell(cells, Column.CODE), columns.cell(cells, Column.ACTION)
        if is_heading_row(cells, columns, code, text):
            named = titled(named_in(filled[0]), filled)  # type: ignore[arg-type]
            if named.level == "aim":
                self._aim(named, place)
            else:
                self._objective_named(named, place)
            return
        if is_section_row(cells, columns):
            # A title across the table, unnumbered: the objective its rows serve, or,
            # before any aim, their aim.
            if self.aim is None:
                self._aim(Named("aim", "", None, filled[0]), place)
            else:
                self._objective("", filled[0], place, "")
            return
        self._aim_cell(cells, columns, place)
        self._objective_cells(cells, columns, place)
        if not columns.numbered and (code or text):
            if not code:
                code, text = split_code(text)
            self._action(code, text, cells, columns, place)
        elif code:
            self._action(code, text, cells, columns, place)
        elif self.action is not None and any(columns.cell(cells, role) for role in FIELDS):
            self._continue(cells, columns)
        elif self.action is None and not text and all(len(c) <= 30 for c in filled):
            return  # a header's second row ("| | Q4"), or a label, before any action
        elif text or columns.cell(cells, Column.COMMENT):
            self.problems.append(
                place.problem(
                    f"cannot place this row in the table: {' | '.join(filled)[:80]!r} is not "
                    "an aim, an objective, an action or the continuation of one."
                )
            )

    def _aim_cell(self, cells: list[str], columns: Columns, place: Place) -> None:
        value = columns.cell(cells, Column.AIM)
        label = columns.cell(cells, AIM_CODE)
        if not value and not label:
            return
        key = f"{label} {value}"
        known = self.aims_written.get(key)
        if known is not None:
            if known is not self.aim:
                self._enter_aim(known, self.aim_word, None)
            return
        named = named_in(value)
        if named is None:
            code, title = split_code(value, bare_number=True)
            named = Named("aim", "aim", label or code or None, title)
        if not named.title and named.label:  # a column of aims' numbers alone
            named = self._untitled_aim(named, columns)
        self._aim(named, place)
        if self.aim is not None:
            self.aims_written[key] = self.aim

    def _objective_cells(self, cells: list[str], columns: Columns, place: Place) -> None:
        label = columns.cell(cells, OBJECTIVE_CODE)
        value = columns.cell(cells, Column.OBJECTIVE)
        if label and not is_code(label):
            column = columns.names.get(columns.roles[OBJECTIVE_CODE], "")
            self.problems.append(
                place.problem(
                    f"cannot place this row in the table: {label[:60]!r} in column "
                    f"{column!r} is not a code such as 1.1, 1.1.1, 1a or P1.2."
                    if self.text
                    else f"{label[:60]!r} is not a code such as 1.1, 1.1.1, 1a or P1.2.",
                    "" if self.text else column,
                )
            )
            return
        if not label and not value:
            return
        if columns.roles.get(OBJECTIVE_CODE) is None and value:
            named = named_in(value)
            label, value = (
                (named.label or "", named.title) if named else split_code(value, bare_number=True)
            )
        key = f"{self.aim.number if self.aim else ''} {label} {value}"
        known = self.objectives_written.get(key)
        if known is not None:
            if self.objective is not known:
                self.objective, self.action = known, None
            return
        self._objective(normal_code(label) if label else "", value, place, "")
        if self.objective is not None:
            self.objectives_written[key] = self.objective

    def _action(
        self, code: str, text: str, cells: list[str], columns: Columns, place: Place
    ) -> None:
        column = columns.names.get(columns.roles.get(Column.CODE, -1), "")
        letter = _LETTER.match(code)
        if letter and self.objective is not None:  # "a", "b)": lettered within the objective
            joined = "" if self.objective.code[-1].isdigit() else "."
            code = f"{self.objective.code}{joined}{letter[1].lower()}"
        if code and not is_code(code):
            self.problems.append(
                place.problem(
                    f"{code[:40]!r} is not a code such as 1.11, 1.1.1, 1a or P1.2.", column
                )
            )
            return
        objective = self.objective
        if objective is None or objective.code in self.by_code:
            objective = self.objective_for(normal_code(code), place)
        if objective is None:
            self.problems.append(
                place.problem(
                    f"action {code or text[:40]!r} comes before "
                    "any objective, and none can be inferred: add an objective column or an "
                    "objective heading above the table."
                )
            )
            return
        code = normal_code(code)
        self._code_from_first_action(objective, code)
        if code.isdigit():  # "Action No. 3" numbers the action within its objective
            code = f"{objective.code}.{code}"
        previous = self.action.code if self.action else None
        action = ParsedAction(code, "", "", "", place.row, objective.code, table=place.table)
        for role, name in FIELDS.items():
            setattr(action, name, columns.cell(cells, role))
        action.text = text
        if code:
            self._check_code(code, objective.code, previous, place, column)
        else:
            self.unnumbered.append(action)
        self.action = action
        self.report.actions.append(action)

    def _code_from_first_action(self, objective: ParsedObjective, code: str) -> None:
        """An objective without a code of its own takes its first action's, less the
        action's own number: "Improve readiness" over 1.3.1 is objective 1.3."""
        if objective not in self.made or "." not in code or self.action is not None:
            return
        wanted = code.rsplit(".", 1)[0]
        if any(o.code == wanted for o in self.report.objectives):
            return
        objective.code = wanted
        self.made.remove(objective)

    def _check_code(
        self, code: str, objective: str, previous: str | None, place: Place, column: str
    ) -> None:
        if code in self.seen:
            first = self.seen[code]
            where = f"first on {first}" if self.text else f"first at {first}"
            self.problems.append(place.problem(f"action {code} appears twice ({where}).", column))
        elif places_elsewhere(code, objective, previous):
            self.problems.append(
                place.problem(
                    f"action {code} is listed under objective {objective}, but its number "
                    f"places it under objective {code.split('.')[0]}.x "
                    f"(after {previous or objective}).",
                    column,
                )
            )
        self.seen.setdefault(code, str(place))

    def _continue(self, cells: list[str], columns: Columns) -> None:
        for role, name in FIELDS.items():
            more = columns.cell(cells, role)
            before = getattr(self.action, name)
            if more and more != before:  # a cell merged down repeats its value
                setattr(self.action, name, f"{before} {more}".strip())

    def finish(self) -> None:
        if not self.found_action_table:
            self.problems.append(
                Problem(
                    1 if self.text else 0,
                    "this is not an annual report or delivery-plan tracker: no table has an "
                    "action column (a header such as Action, What we will do or Activity).",
                )
            )
            return
        if not self.report.actions and not self.problems:
            self.problems.append(Problem(0, "the report's tables hold no actions."))
        self._number_unnumbered()

    def _number_unnumbered(self) -> None:
        taken = {a.code for a in self.report.actions}
        counts: dict[str, int] = {}
        for action in self.unnumbered:
            number = counts.get(action.objective_code, 0) + 1
            while f"{action.objective_code}.{number}" in taken:
                number += 1
            counts[action.objective_code] = number
            action.code = f"{action.objective_code}.{number}"
            taken.add(action.code)
        if self.untitled:
            listed = ", ".join(self.untitled[:5]) + (", …" if len(self.untitled) > 5 else "")
            self.report.notes.append(
                f"{len(self.untitled)} objectives are named by their actions' codes alone "
                f"({listed}): give them titles."
            )
        if self.made:
            codes = ", ".join(f"{o.code} {o.title!r}" for o in self.made[:3])
            self.report.notes.append(
                f"{len(self.made)} objectives had no code: each is numbered in its aim's "
                f"order ({codes}{', …' if len(self.made) > 3 else ''})."
            )
        if self.unnumbered:
            self.report.notes.append(
                f"{len(self.unnumbered)} actions had no code: each is numbered after its "
                f"objective ({self.unnumbered[0].code}, …)."
            )
