"""Reading a report from text extracted from Word or PDF.

Table cells are separated by tabs; a run of such lines (blank lines, left by page
breaks, between them) is a table, read as any other by ``report_tables``. The seed's
six columns are objective code, objective title, action code, action, measure and
comments, under "Objective … Action … Measure … Comments" header rows repeated at each
objective, with a "Strategic Aim N" row opening each aim. Text lines without tabs are
prose: a "Priority 1 …" sentence there is not an aim, and the headline claim is read
from them. A line marked as a heading ("# Aim 1: …", as ``lib.word.as_text`` writes a
Word heading) is a heading.
"""

from __future__ import annotations

import re

from .report_model import (
    Claim,
    ParsedAction,
    ParsedAim,
    ParsedObjective,
    ParsedReport,
    Problem,
    ReportError,
    read_claim,
)
from .report_tables import Block, Grid, Heading, Row, read_blocks

__all__ = [
    "Claim",
    "ParsedAction",
    "ParsedAim",
    "ParsedObjective",
    "ParsedReport",
    "Problem",
    "ReportError",
    "parse_report",
    "read_claim",
]


_HEADING = re.compile(r"^(#{1,9})\s+(\S.*)$")


def parse_report(text: str, *, source_name: str) -> ParsedReport:
    """The aims, objectives and actions of a report, and its headline claim.

    Raises ReportError listing every line that cannot be read, and why.
    """
    report = read_blocks(text_blocks(text), source_name=source_name, text=True)
    report.claim = read_claim(text)
    return report


def text_blocks(text: str) -> list[Block]:
    """Each run of tab-separated lines as a table, its rows numbered by line."""
    grids: list[Block] = []
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _HEADING.match(line)
        if "\t" in line:
            rows.append(Row(number, _cells(line)))
            continue
        if line.strip() and rows:
            grids.append(Grid(None, rows))
            rows = []
        if heading:
            grids.append(Heading(heading[2], number, len(heading[1])))
    if rows:
        grids.append(Grid(None, rows))
    return grids


def _cells(line: str) -> list[str]:
    # Trailing tabs say nothing: extraction leaves a variable number of them.
    cells = [cell.strip() for cell in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells
