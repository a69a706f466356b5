"""Reading a delivery-plan tracker kept in Excel (.xlsx) or CSV: one row an action.

Every sheet with an action table is read, its header found wherever it is (title rows
often sit above it); rows are numbered as the spreadsheet numbers them. A sheet's name
may name its aim ("Priority 2"). Cells merged down a group are read as Excel keeps them,
the value in the first row only, which the table reader carries down.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zipfile import BadZipFile

from .report_model import ParsedReport, Problem, ReportError
from .report_tables import Block, Grid, Heading, Row, read_blocks


def read_excel_report(path: Path, *, source_name: str) -> ParsedReport:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        reason = f"not an Excel workbook (.xlsx) that can be read ({error})."
        raise ReportError(source_name, [Problem(0, reason)]) from None
    blocks: list[Block] = []
    try:
        for sheet in workbook.worksheets:
            label = f"sheet {sheet.title!r}"
            rows = [
                Row(number, [cell_text(value) for value in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
            blocks += [Heading(sheet.title, 0, label=label), Grid(label, rows, continues=False)]
    finally:
        workbook.close()
    return read_blocks(blocks, source_name=source_name)


def read_csv_report(path: Path, *, source_name: str) -> ParsedReport:
    try:
        with Path(path).open(newline="", encoding="utf-8-sig") as handle:
            rows = [Row(n, cells) for n, cells in enumerate(csv.reader(handle), start=1)]
    except UnicodeDecodeError:
        reason = "is not UTF-8 text: save it from Excel as “CSV UTF-8”, or import the .xlsx."
        raise ReportError(source_name, [Problem(0, reason)]) from None
    except csv.Error as error:
        raise ReportError(source_name, [Problem(0, f"cannot be read as CSV ({error}).")]) from None
    return read_blocks([Grid("", rows, continues=False)], source_name=source_name)


def cell_text(value: object) -> str:
    """A cell as text: a date as Excel shows it to an English reader's ISO eye
    (2015-03-31), a whole number without its ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
