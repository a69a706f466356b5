"""What every format's reader turns its file into: headings and grids of rows, each
row numbered as its file numbers it, so that a problem can say where it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from .report_model import Problem


@dataclass
class Heading:
    text: str
    line: int  # a text file's line, a Word paragraph's number; 0 for a sheet's name
    level: int | None = None  # a Word heading's level; None for a caption or sheet name
    caption: bool = False
    label: str | None = None  # where it is, for messages: "paragraph 4"; None: a line


@dataclass
class Row:
    number: int  # a text file's line, a Word table's row, a spreadsheet's row
    cells: list[str]
    shades: dict[int, str] = field(default_factory=dict)  # empty cells coloured as a RAG


@dataclass
class Grid:
    # "table 3", "sheet 'Actions'"; "" for a CSV file; None for a text file's lines
    label: str | None
    rows: list[Row]
    continues: bool = True  # whether its first row may continue the last table's action


Block = Heading | Grid


@dataclass
class Place:
    table: str | None
    row: int

    def problem(self, reason: str, column: str = "") -> Problem:
        return Problem(self.row, reason, self.table, column)

    def __str__(self) -> str:
        return Problem(self.row, "", self.table).where()
