"""Cells written for spreadsheets, safe from formula injection: the one rule every
CSV and Excel export goes through.

A commentary or an action's words that begin with ``=``, ``+``, ``-`` or ``@`` (or a tab,
a carriage return or their full-width forms) would be run by Excel as a formula, e.g.
``=HYPERLINK("https://evil.example", "Click")``. In a workbook such text is written as
a text cell (with Excel's quote prefix shown); in a CSV it is prefixed with a single
quote, as OWASP advises, and the importers take the quote off again so that an export
still imports back unchanged. Numbers stay numbers: ``-3.2`` is a value, not a formula.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

# OWASP's list, with the full-width forms Excel also reads as a formula's start.
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
QUOTE = "'"
# A plain number written as text ("-3.2", "+1e3"): Excel reads it as a number, never runs it.
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def starts_a_formula(value: object) -> bool:
    """Whether a spreadsheet would treat this text as a formula (a plain number is not)."""
    return (
        isinstance(value, str)
        and value[:1] in FORMULA_STARTS
        and PLAIN_NUMBER.fullmatch(value.strip()) is None
    )


def safe_cell(value: Any) -> Any:
    """A CSV cell: text that would start a formula gets a leading quote; anything else
    (numbers, dates, ordinary text) is returned unchanged."""
    return QUOTE + value if starts_a_formula(value) else value


def unguarded(text: str) -> str:
    """The text a CSV cell stood for before ``safe_cell`` quoted it, for importers."""
    if text[:1] == QUOTE and starts_a_formula(text[1:]):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer`` whose every cell passes through ``safe_cell``."""

    def __init__(self, file: TextIO | Any, **options: Any) -> None:
        self._writer = csv.writer(file, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose every cell passes through ``safe_cell``."""

    def writerow(self, rowdict: Mapping[Any, Any]) -> Any:
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[Any, Any]]) -> None:
        for rowdict in rowdicts:
            self.writerow(rowdict)


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl sheet, every text as a text cell: never a formula."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        as_text(cell)


def as_text(cell: Any) -> None:
    """Make an openpyxl cell holding text a text cell; one that would start a formula
    also shows Excel's quote prefix, so that editing it keeps it text."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if starts_a_formula(cell.value):
            cell.quotePrefix = True
