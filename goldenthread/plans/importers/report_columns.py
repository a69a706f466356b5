"""What each column of an action table holds, and which rows are not actions.

A header spanning several columns (a merged cell, or empty headers after it) heads a
code and a title when its first column holding codes is followed by another: "Objective
| | Action | |" is the objective's code and title, the action's code and text. Text
extracted from Word shifts merged headers and cells, which is put back here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goldenthread.lib.codes import is_code
from goldenthread.lib.headers import Column, is_header_row, meaning_of, meanings_of, words_of

from .report_headings import AIM_WORDS, OBJECTIVE_WORDS, Named, named_in

NO_VALUE = {"", "-", "–", "n/a", "na", "none", "tbc"}
# What each column of an action table holds. A code column of an aim or objective
# comes from a header spanning its code and its title.
AIM_CODE, OBJECTIVE_CODE = "aim code", "objective code"
SPANNED = {Column.AIM: AIM_CODE, Column.OBJECTIVE: OBJECTIVE_CODE, Column.ACTION: Column.CODE}
FIELDS = {
    Column.ACTION: "text",
    Column.MEASURE: "measure",
    Column.COMMENT: "comment",
    Column.LEAD: "lead",
    Column.DUE: "due",
    Column.STATUS: "stated_status",
}


# Comment or status columns headed by periods ("Q1 update", "Q2 update") are one column
# a period: the latest filled is the action's position now.
_PERIOD = re.compile(
    r"\bq[1-4]\b|\bquarter|\bmonth|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\b|\b20\d\d\b|\b\d{2} \d{2}\b|\bmid ?year\b|\byear ?end\b"
)
_REPEATED = (Column.COMMENT, Column.STATUS, Column.MEASURE)


@dataclass
class Columns:
    """An action table's columns: what each holds, and its header for messages."""

    roles: dict[str, int]
    names: dict[int, str]
    width: int
    numbered: bool  # whether the table's actions have codes
    more: dict[str, list[int]] = field(default_factory=dict)  # other columns of a role
    latest: set[str] = field(default_factory=set)  # roles whose columns are periods
    meanings: set[Column] = field(default_factory=set)  # what its header's cells mean

    def repeats(self, header: list[str]) -> bool:
        """Whether a row is this table's header again (at a page break): the same
        meanings, so that a row of a few short cells such as "Action plan | Update" is
        not taken for one."""
        return set(meanings_of(header).values()) == self.meanings

    def cell(self, cells: list[str], role: str) -> str:
        """The text of the row's cell of this role; of several ("Progress", "Comments"),
        their texts joined, or of periods ("Q1 RAG" … "Q4 RAG") the latest filled."""
        index = self.roles.get(role)
        if index is None:
            return ""
        indices = sorted([index, *self.more.get(role, [])])
        values = [cells[i] for i in indices if i < len(cells)]
        values = [v for v in values if v.lower() not in NO_VALUE]
        if not values:
            return ""
        return values[-1] if role in self.latest else " ".join(values)


def is_heading_row(cells: list[str], columns: Columns, code: str, text: str) -> bool:
    """A row naming an aim or objective across the table ("Strategic Aim 2 | | title"),
    not in the column that holds it: an aim named in an aim column is a tracker's row."""
    filled = [(i, c) for i, c in enumerate(cells) if c]
    named = named_in(filled[0][1])
    if named is None or is_code(code) or text or len({c for _, c in filled}) > 2:
        return False
    own = {"aim": (Column.AIM, AIM_CODE), "objective": (Column.OBJECTIVE, OBJECTIVE_CODE)}
    return all(columns.roles.get(role) != filled[0][0] for role in own[named.level])


def is_section_row(cells: list[str], columns: Columns) -> bool:
    """One cell across the table (merged in Word), where a code would be, that is no
    code, in a table of codes."""
    filled = [i for i, c in enumerate(cells) if c]
    code_columns = {columns.roles.get(r) for r in (Column.CODE, OBJECTIVE_CODE, AIM_CODE)}
    return (
        filled == [0]
        and 0 in code_columns
        and columns.numbered
        and columns.width >= 3
        and not is_code(cells[0])
    )


def titled(named: Named, filled: list[str]) -> Named:
    """A heading row's title is in the cell beside its label when not in the label's."""
    if named.title or len(filled) < 2:
        return named
    title = filled[1]
    if named.level == "aim":
        title = named_in(f"{named.word} 1 {title}").title  # type: ignore[union-attr]
    return Named(named.level, named.word, named.label, title)


def columns_of(header: list[str], rows: list[list[str]]) -> Columns:
    """What each column holds. Under a header spanning several columns, the first that
    holds codes is the code's, the next the title's; columns before it belong to the
    header before, whose title they are (text extraction shifts merged headers)."""
    roles = _codes_of_levels(header)
    meanings = meanings_of(["" if i in roles.values() else h for i, h in enumerate(header)])
    rows = until_header(rows)
    names: dict[int, str] = {i: header[i] for i in roles.values()}
    untitled: Column | None = None  # a code column's meaning still wanting its title
    for index, meaning in sorted(meanings.items()):
        span = _span(header, index, meanings)
        names.update(dict.fromkeys(span, header[index]))
        spanned = SPANNED.get(meaning)
        coded = None
        if spanned and spanned not in roles:
            coded = next((c for c in span if _holds_codes(rows, c)), None)
        if coded is None:
            roles.setdefault(meaning, index)
            continue
        before = [c for c in span if c < coded]
        if untitled is not None and before:
            roles.setdefault(untitled, before[0])
        roles[spanned] = coded  # type: ignore[index]
        after = [c for c in span if c > coded]
        if after:
            roles.setdefault(meaning, after[0])
        untitled = None if after else meaning
    _title_columns(header, roles)
    code = roles.get(Column.CODE)
    numbered = code is not None and any(is_code(row[code]) for row in rows if code < len(row))
    more, latest = _repeated(header, roles)
    meant = set(meanings_of(header).values())
    return Columns(roles, names, len(header), numbered, more, latest, meant)


def _title_columns(header: list[str], roles: dict[str, int]) -> None:
    """A code column's title in a column of its own: "Objective | Objective description"."""
    for meaning, spanned in SPANNED.items():
        if spanned in roles and meaning not in roles:
            free = [i for i, h in enumerate(header) if i not in roles.values()]
            for index in free:
                if meaning_of(header[index]) == meaning:
                    roles[meaning] = index
                    break


def _repeated(header: list[str], roles: dict[str, int]) -> tuple[dict[str, list[int]], set[str]]:
    """Comment, status and measure columns after the first of their meaning."""
    more: dict[str, list[int]] = {}
    latest: set[str] = set()
    for role in _REPEATED:
        if role not in roles:
            continue
        others = [
            i
            for i, cell in enumerate(header)
            if i != roles[role] and i not in roles.values() and meaning_of(cell) == role
        ]
        if others:
            more[role] = others
            if all(_PERIOD.search(words_of(header[i])) for i in [roles[role], *others]):
                latest.add(role)
    return more, latest


def _codes_of_levels(header: list[str]) -> dict[str, int]:
    """Code columns of an aim or objective ("Objective ref", "Priority no."), which
    would otherwise take the action's code column's place."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        if meaning_of(cell) != Column.CODE:
            continue
        words = words_of(cell)
        if re.search(rf"\b(?:{OBJECTIVE_WORDS})", words):
            roles.setdefault(OBJECTIVE_CODE, index)
        elif re.search(rf"\b(?:{AIM_WORDS})", words):
            roles.setdefault(AIM_CODE, index)
    return roles


def is_header(cells: list[str]) -> bool:
    """A header row of an action table: no row with a code is one, whatever its words."""
    return is_header_row(cells) and not any(is_code(c) for c in cells)


def until_header(rows: list[list[str]]) -> list[list[str]]:
    """The rows up to the next header."""
    for index, row in enumerate(rows):
        if is_header(row):
            return rows[:index]
    return rows


def _span(header: list[str], index: int, meanings: dict[int, Column]) -> list[int]:
    """A header's columns: its own and the empty-headed ones after it."""
    span = [index]
    for column in range(index + 1, len(header)):
        if header[column].strip() or column in meanings:
            break
        span.append(column)
    return span


def _holds_codes(rows: list[list[str]], index: int) -> bool:
    """Whether most of a column's cells are codes, heading rows ("Strategic Aim 2") aside."""
    values = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
    codes = sum(is_code(value) for value in values)
    return codes > 0 and codes * 2 >= len(values) - sum(bool(named_in(v)) for v in values)


def aligned(cells: list[str], columns: Columns) -> list[str]:
    """A row from extracted text that lost the empty cells of a merged cell: its code
    put back in the code column ("<tab>3.13<tab>action…" in a six-column table)."""
    code = columns.roles.get(Column.CODE)
    if code is None or len(cells) >= columns.width or (code < len(cells) and is_code(cells[code])):
        return cells
    first = next((i for i, c in enumerate(cells) if c), None)
    if first is None or first >= code or not is_code(cells[first]):
        return cells
    return [""] * (code - first) + cells
