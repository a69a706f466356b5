"""Read a table, one record a row, from a CSV or an Excel file, a row at a time.

Rows are streamed, never loaded whole, so a file of millions of values needs no more
memory than a small one. Problems are kept with the file, row and column they were
found at, and reported together.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile

from .cells import unguarded

MAX_LISTED = 1000  # a file with every row wrong still gets a readable answer


@dataclass(frozen=True)
class Problem:
    row: int | None  # as a spreadsheet numbers it: the header is row 1; None: the file
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


NOT_UTF8 = "is not UTF-8 text: save it from Excel as “CSV UTF-8”, or import the .xlsx itself"


class TableError(Exception):
    """The file cannot be imported; every problem found, each with its row and column."""

    def __init__(self, name: str, problems: list[Problem], more: int = 0) -> None:
        self.name = name
        self.problems = problems
        self.more = more
        lines = [f"{name}{':' if p.row is None else ','} {p}" for p in problems]
        if more:
            lines.append(f"{name}: and {more:,} more problems.")
        super().__init__("\n".join(lines) or name)


class Problems:
    """Problems found so far, listing the first thousand and counting the rest."""

    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.more = 0

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.listed) < MAX_LISTED:
            self.listed.append(Problem(row, column, message))
        else:
            self.more += 1

    @property
    def count(self) -> int:
        return len(self.listed) + self.more

    def __bool__(self) -> bool:
        return bool(self.listed)

    def raise_for(self, name: str) -> None:
        if self.listed:
            raise TableError(name, self.listed, self.more)


class Table:
    """A file's header, checked, and its rows as lists of text.

    Column names are matched without regard to case or surrounding spaces. A missing
    required column, an unknown column or an unreadable file raises TableError at once.
    ``header_row``: where the header is, as a spreadsheet numbers rows (a workbook with a
    title above its table); ``others_allowed``: other people's files carry columns we do
    not read, which are then passed over rather than refused.
    """

    def __init__(
        self,
        path: Path,
        *,
        required: list[str],
        optional: list[str],
        sheet: str | None = None,
        header_row: int = 1,
        others_allowed: bool = False,
    ) -> None:
        self.path = Path(path)
        self.header_row = header_row
        excel = self.path.suffix.lower() in {".xlsx", ".xlsm"}
        self._rows = _excel_rows(self.path, sheet) if excel else _csv_rows(self.path)
        try:
            for _ in range(header_row - 1):
                next(self._rows, None)
            header = next(self._rows, None)
        except UnicodeDecodeError:
            raise TableError(self.path.name, [Problem(None, "", NOT_UTF8)]) from None
        except csv.Error as error:
            message = f"cannot be read as a table ({error})"
            raise TableError(self.path.name, [Problem(header_row, "", message)]) from None
        self.columns = _check_header(
            self.path.name, header, required, optional, header_row, others_allowed
        )
        self.header = [_text(cell).strip().lower() for cell in header or []]
        self.width = len(self.header)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) for each row that is not blank, cells padded to the header."""
        number = self.header_row
        try:
            for number, cells in enumerate(self._rows, start=self.header_row + 1):
                if len(cells) < self.width:
                    cells = [*cells, *[""] * (self.width - len(cells))]
                if any(cells):
                    yield number, cells
        except UnicodeDecodeError:
            raise TableError(self.path.name, [Problem(None, "", NOT_UTF8)]) from None
        except csv.Error as error:
            message = f"cannot be read ({error})"
            raise TableError(self.path.name, [Problem(number + 1, "", message)]) from None

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, {column: text}) for each row that is not blank, the text as the
        file has it: the values importer reads plain cells without a step a cell."""
        names, columns = list(self.columns), self.columns.items()
        if list(self.columns.values()) == list(range(len(names))):  # no unnamed column
            return ((n, dict(zip(names, cells, strict=False))) for n, cells in self.rows())
        return ((n, {name: cells[i] for name, i in columns}) for n, cells in self.rows())


def read_table(
    path: Path, *, required: list[str], optional: list[str], sheet: str | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, {column: text}) for each row that is not blank."""
    table = Table(path, required=required, optional=optional, sheet=sheet)
    for number, cells in table.rows():
        yield number, {name: cells[i].strip() for name, i in table.columns.items()}


def _check_header(
    name: str,
    header: list[str] | None,
    required: list[str],
    optional: list[str],
    row: int = 1,
    others_allowed: bool = False,
) -> dict[str, int]:
    if not header:
        raise TableError(name, [Problem(row, "", "the file is empty: it needs a header row")])
    names = [_text(cell).strip().lower() for cell in header]
    known = set(required) | set(optional)
    problems = [
        Problem(row, column, f"is required (the columns are: {', '.join(required + optional)})")
        for column in required
        if column not in names
    ]
    problems += [
        Problem(
            row, column, f"is not a column this file can have (expected {', '.join(sorted(known))})"
        )
        for column in names
        if column and column not in known and not others_allowed
    ]
    if problems:
        raise TableError(name, problems)
    return {column: i for i, column in enumerate(names) if column}


def _csv_rows(path: Path) -> Iterator[list[str]]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise TableError(
            path.name, [Problem(1, "", f"cannot be opened ({error.strerror})")]
        ) from None
    with handle:
        for cells in csv.reader(handle):
            yield [unguarded(cell) for cell in cells]


def _excel_rows(path: Path, sheet: str | None) -> Iterator[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        raise TableError(
            path.name, [Problem(1, "", f"is not an Excel workbook ({error})")]
        ) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise TableError(path.name, [Problem(1, "", f"has no sheet called {sheet!r}")])
        for cells in workbook[sheet or workbook.sheetnames[0]].iter_rows(values_only=True):
            yield [_text(cell) for cell in cells]
    finally:
        workbook.close()


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        # Excel turns "31 March 2015" into a date; give it back as a date.
        return cell.date().isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
