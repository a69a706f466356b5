"""Word and Excel files built in tests, in the layouts councils keep their plans and
progress reports in (the seed has none): python-docx and openpyxl write them as Word
and Excel would, merged cells and all.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


class WordReport:
    """A Word document written a block at a time."""

    def __init__(self) -> None:
        self.document = Document()

    def title(self, text: str) -> WordReport:
        self.document.add_heading(text, level=0)
        return self

    def heading(self, text: str, level: int = 1) -> WordReport:
        self.document.add_heading(text, level=level)
        return self

    def paragraph(self, *texts: str) -> WordReport:
        """One paragraph each, and a line of several cells' worth for a table cell."""
        for text in texts:
            self.document.add_paragraph(text)
        return self

    def caption(self, text: str) -> WordReport:
        self.document.add_paragraph(text, style="Caption")
        return self

    def table(
        self,
        rows: Sequence[Sequence[str]],
        *,
        merge_down: Sequence[int] = (),
        merge_across: dict[int, int] | None = None,
        header_rows: int = 1,
        shades: dict[tuple[int, int], str] | None = None,
    ) -> WordReport:
        """A table of ``rows``. A cell of a ``merge_down`` column is merged with the
        empty cells below it (a priority beside all its actions); ``merge_across`` maps
        a row's index to how many of its first cells are one merged cell. A cell's
        lines ("\\n") are paragraphs of their own. ``shades`` colours cells: {(row,
        column): "00B050"}."""
        width = max(len(row) for row in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        grid = table._cells  # once: table.cell() walks the whole table each time
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = grid[r * width + c]
                lines = str(text).split("\n")
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        for r in range(header_rows):
            _repeat_as_header(table.rows[r])
        for r, count in (merge_across or {}).items():
            table.cell(r, 0).merge(table.cell(r, count - 1))
        for c in merge_down:
            self._merge_down(table, rows, c)
        for (r, c), colour in (shades or {}).items():
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), colour)
            table.cell(r, c)._tc.get_or_add_tcPr().append(shading)
        return self

    @staticmethod
    def _merge_down(table: Any, rows: Sequence[Sequence[str]], column: int) -> None:
        start = None
        for r in range(len(rows) + 1):
            text = rows[r][column] if r < len(rows) and column < len(rows[r]) else None
            if text is None or text != "":
                if start is not None and r - 1 > start:
                    table.cell(start, column).merge(table.cell(r - 1, column))
                start = r if text else None

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


def _repeat_as_header(row: Any) -> None:
    """Word's "repeat as header row at the top of each page"."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def seed_as_word(text: str, path: Path) -> Path:
    """The seed report's text as the Word document it was extracted from: its prose as
    paragraphs, each run of tab-separated lines as a six-column table. Where extraction
    lost the empty cells of a merged cell ("<tab>3.13<tab>…"), the first cells are
    merged again."""
    report = WordReport()
    rows: list[list[str]] = []
    merged: dict[int, int] = {}
    for line in [*text.splitlines(), "end"]:
        if "\t" in line:
            cells = line.split("\t")
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) < 6 and len(cells) > 1 and not cells[0] and cells[1][:1].isdigit():
                merged[len(rows)] = 7 - len(cells)
                cells = [""] * (6 - len(cells)) + cells
            rows.append(cells + [""] * (6 - len(cells)))
        elif line.strip():
            if rows:
                report.table(rows, merge_across=merged, header_rows=0)
                rows, merged = [], {}
            report.paragraph(line)
    return report.save(path)


def excel_workbook(
    path: Path,
    sheets: dict[str, Sequence[Sequence[Any]]],
    merges: dict[str, list[str]] | None = None,
    fills: dict[str, dict[str, str]] | None = None,
) -> Path:
    """A workbook of ``sheets`` (name → rows); ``merges`` maps a sheet's name to its
    merged ranges ("A3:A5"), whose value Excel keeps in the first cell; ``fills`` to its
    cells' colours ({"H5": "00B050"})."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
        for cell, colour in (fills or {}).get(name, {}).items():
            sheet[cell].fill = PatternFill(fill_type="solid", fgColor=colour)
    workbook.save(path)
    return path


def csv_file(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path
