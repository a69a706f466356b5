"""Reading a delivery-plan tracker kept in Excel (.xlsx) or CSV: one row an action.

Every visible sheet with an action table is read, its header found wherever it is (title rows
often sit above it); rows are numbered as the spreadsheet numbers them. A sheet's name
may name its aim ("Priority 2"). A CSV may be separated by commas, semicolons or tabs. A cell merged down a group is read in each of its rows, as
in Word; a value written only on a group's first row is carried down by the table
reader.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from goldenthread.lib.cells import unguarded
from goldenthread.lib.colours import rag_of_colour

from .report_model import ParsedReport, Problem, ReportError
from .report_tables import Block, Grid, Heading, Row, read_blocks


def read_excel_report(path: Path, *, source_name: str) -> ParsedReport:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not read-only: a read-only sheet does not say which cells are merged.
        workbook = load_workbook(path, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        reason = f"not an Excel workbook (.xlsx) that can be read ({error})."
        raise ReportError(source_name, [Problem(0, reason)]) from None
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue  # lookups and old copies are kept out of sight
        label = f"sheet {sheet.title!r}"
        rows = [
            Row(number, cells, shades)
            for number, (cells, shades) in enumerate(_sheet_rows(sheet), start=1)
        ]
        blocks += [Heading(sheet.title, 0, label=label), Grid(label, rows, continues=False)]
    workbook.close()
    return read_blocks(blocks, source_name=source_name)


def _sheet_rows(sheet: Any) -> list[tuple[list[str], dict[int, str]]]:
    """A sheet's cells as text, a cell merged down repeated in each row beside it, as a
    reader sees it (a cell merged across is read once, at its first column); and each
    row's empty cells filled with a RAG colour."""
    rows = []
    for cells in sheet.iter_rows():
        texts = [cell_text(cell.value) for cell in cells]
        shades = {}
        for column, cell in enumerate(cells):
            fill = getattr(cell, "fill", None)
            if not texts[column] and fill is not None and fill.fill_type == "solid":
                rating = rag_of_colour(fill.fgColor.rgb)
                if rating:
                    shades[column] = rating
        rows.append((texts, shades))
    for merged in sheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][0][merged.min_col - 1]
        for row, _ in rows[merged.min_row : merged.max_row]:
            row[merged.min_col - 1] = value
    return rows


def read_csv_report(path: Path, *, source_name: str) -> ParsedReport:
    try:
        with Path(path).open(newline="", encoding="utf-8-sig") as handle:
            delimiter = _delimiter(handle.read(8192))
            handle.seek(0)
            cells = csv.reader(handle, delimiter=delimiter)
            rows = [Row(n, [unguarded(t) for t in c]) for n, c in enumerate(cells, start=1)]
    except UnicodeDecodeError:
        reason = "is not UTF-8 text: save it from Excel as “CSV UTF-8”, or import the .xlsx."
        raise ReportError(source_name, [Problem(0, reason)]) from None
    except csv.Error as error:
        raise ReportError(source_name, [Problem(0, f"cannot be read as CSV ({error}).")]) from None
    return read_blocks([Grid("", rows, continues=False)], source_name=source_name)


def _delimiter(sample: str) -> str:
    """Commas, or the semicolons or tabs some Excels save "CSV" with: whichever splits
    the rows widest (a header of nine columns, not a comment's semicolons)."""
    lines = sample.splitlines()[:-1] or sample.splitlines()

    def widest(delimiter: str) -> int:
        return max((len(row) for row in csv.reader(lines, delimiter=delimiter)), default=0)

    return max([",", ";", "\t"], key=widest)  # the first of equals: commas


def cell_text(value: object) -> str:
    """A cell as text: a date as Excel shows it to an English reader's ISO eye
    (2015-03-31), a whole number without its ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
