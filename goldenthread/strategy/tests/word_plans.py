"""Plans as Word documents, made with python-docx as councils make them: the seed plan
with its headings as Heading styles and its rows as tables, and a plan in another
council's layout."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.table import _Cell

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_BULLET = re.compile(r"^\s*[-•]\s+(.*)$")


def fill(cell: _Cell, text: str) -> None:
    """A cell's text, each paragraph of it (two spaces apart in extracted text) a
    paragraph of the cell."""
    paragraphs = [p for p in re.split(r"\s{2,}", text.strip()) if p] or [""]
    cell.text = paragraphs[0]
    for paragraph in paragraphs[1:]:
        cell.add_paragraph(paragraph)


def text_as_word(text: str, path: Path) -> Path:
    """The plan text as the Word document it was extracted from: ``#`` lines as headings,
    "- " lines as list items, each run of tab-separated rows as a table."""
    document = Document()
    rows: list[list[str]] = []

    def table() -> None:
        if not rows:
            return
        width = max(len(row) for row in rows)
        made = document.add_table(rows=len(rows), cols=width)
        for cells, row in zip(made.rows, rows, strict=True):
            for cell, written in zip(cells.cells, row, strict=False):
                fill(cell, written)
        rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        table()
        if not line.strip():
            continue
        heading, bullet = _HEADING.match(line), _BULLET.match(line)
        if heading:
            document.add_heading(heading.group(2).replace("**", "").strip(), len(heading.group(1)))
        elif bullet:
            document.add_paragraph(bullet.group(1), style="List Bullet")
        else:
            document.add_paragraph(line)
    table()
    document.save(str(path))
    return path


SECOND_PLAN_TITLE = "Anytown Children and Young People's Plan 2014 – 2017"


INTRO = [
    (
        "This plan delivers priority 1 of the Anytown Community Strategy, 'A great start "
        "for every child', and contributes to its other priorities:"
    ),
    "- Safe and strong communities",
    "- Better health for everyone",
    "- Good jobs and learning for young people",
]


def second_plan(path: Path, *, intro: list[str] | None = None, rows: dict | None = None) -> Path:
    """Another council's plan: a title, document control, an introduction saying which
    higher plans it serves, then a heading per priority with a paragraph and a table:
    the first with an objective column merged down its rows, the second with objectives
    as rows spanning the table, a header repeated after a page break and a row split
    across it."""
    document = Document()
    document.add_heading(SECOND_PLAN_TITLE, 0)
    control = document.add_table(rows=3, cols=2)
    labels = [("Version", "1.2"), ("Status", "Approved"), ("Author", "Policy Team")]
    for cells, (label, value) in zip(control.rows, labels, strict=True):
        cells.cells[0].text, cells.cells[1].text = label, value
    history = document.add_table(rows=3, cols=3)
    _rows(
        history,
        [
            ["Version", "Change", "Date"],
            ["1.1", "Draft for consultation", "12/01/2014"],
            ["1.2", "Approved text", "03/03/2014"],
        ],
    )
    approvals = document.add_table(rows=2, cols=3)
    _rows(approvals, [["Version", "Approving body", "Date"], ["1.2", "Anytown Board", "20/03/14"]])
    document.add_heading("Introduction", 1)
    for paragraph in INTRO if intro is None else intro:
        if paragraph.startswith("- "):
            document.add_paragraph(paragraph[2:], style="List Bullet")
        else:
            document.add_paragraph(paragraph)

    document.add_heading("Priority 1: Every child ready for school", 1)
    document.add_paragraph("Children who start school ready to learn do better all through it.")
    header = ["Objective", "What we will do", "Lead", "By when", "Measure of success"]
    body = (rows or {}).get(1) or [
        [
            "1.1 Increase take-up of early education",
            "Promote free places for two year olds through children's centres",
            "Head of Early Years",
            "September 2015",
            "90% of two year olds taking up places by September 2015",
        ],
        [
            "",  # merged with the cell above
            "Create more places in the areas of greatest need",
            "Early Years Sufficiency Lead",
            "March 2016",
            "800 two year old places",
        ],
        [
            "Improve the health of young children",
            "Offer every family a health visitor review at two",
            "Head of Public Health",
            "Ongoing",
            "Reviews offered to all families",
        ],
    ]
    first = document.add_table(rows=len(body) + 1, cols=5)
    _rows(first, [header, *body])
    if len(body) > 1 and not body[1][0]:
        first.cell(1, 0).merge(first.cell(2, 0))  # the objective, merged down its two rows

    document.add_heading("Priority 2: Young people in learning and work", 1)
    document.add_paragraph("Every young person should be learning or earning.")
    header = ["Ref", "Action", "Lead officer", "Deadline", "Milestones"]
    body = (rows or {}).get(2) or [
        ["Objective 2.1: Reduce the number of young people who are NEET", "", "", "", ""],
        [
            "2.1a",
            "Run a targeted re-engagement programme",
            "14-19 Partnership Manager",
            "March 2016",
            "Reduce NEET 16-18 to 4.5% by March 2016",
        ],
        header,
        ["", "", "", "", "Re-engagement offer published by June 2015"],
        ["Objective 2.2: Support care leavers into work", "", "", "", ""],
        [
            "2.2a",
            "Guarantee care leavers an apprenticeship interview",
            "Head of Children in Care",
            "Q4 2015/16",
            "Care leavers in education, employment or training to 60% by March 2016",
        ],
    ]
    second = document.add_table(rows=len(body) + 1, cols=5)
    _rows(second, [header, *body])
    for index, row in enumerate(body, start=1):
        if row[0] and not any(row[1:]):
            second.cell(index, 0).merge(second.cell(index, 4))
    document.save(str(path))
    return path


def _rows(table, rows: list[list[str]]) -> None:
    for cells, row in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, row, strict=True):
            if text:
                fill(cell, text)
