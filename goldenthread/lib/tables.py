"""Read a table, one record a row, from a CSV or an Excel file, a row at a time.

Rows are streamed, never loaded whole, so a file of millions of values needs no more
memory than a small one. Problems are kept with the file, row and column they were
found at, and reported together.
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from zipfile import BadZipFile

from django.conf import settings

from .cells import unguarded

MAX_LISTED = 1000  # a file with every row wrong still gets a readable answer
MAX_MESSAGE = 400  # characters of one problem: a message never carries a whole cell
SHOWN = 60  # characters of a cell quoted in a message

# Bounds on what a file may hold, checked before or as it is read, so that a small file
# crafted to inflate cannot take a server's memory or time (docs/importing.md). Each can
# be set in the settings of the same name.
TABLE_MAX_COLUMNS = 500
TABLE_MAX_ROWS = 5_000_000
TABLE_MAX_CELL_CHARS = 32_767  # Excel's own limit; a CSV's is csv.field_size_limit()
ZIP_MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024  # an .xlsx or .docx, all its parts
ZIP_MAX_RATIO = 100  # a part inflating more than this many times is no real workbook
ZIP_RATIO_FROM = 1024 * 1024  # bytes: smaller parts may be as repetitive as they like


def limit(name: str) -> int:
    """A bound on files read: the setting of that name, else the default here."""
    return int(getattr(settings, name, globals()[name]))


def shown(text: str, width: int = SHOWN) -> str:
    """Text from a file as a message quotes it: cut short, saying how long it was."""
    if len(text) <= width:
        return text
    return f"{text[:width]}… ({len(text):,} characters)"


def zip_problem(file: Path | IO[bytes]) -> str | None:
    """Why an Office file (a zip) may not be opened, from its parts' sizes as the zip
    lists them, before anything is inflated; None if it may. Not a zip: None, for the
    reader to say so."""
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
    except (BadZipFile, OSError, ValueError):
        return None
    finally:
        if not isinstance(file, Path):
            file.seek(0)
    total, most = sum(p.file_size for p in parts), limit("ZIP_MAX_UNCOMPRESSED_BYTES")
    if total > most:
        return (
            f"unpacks to {total / 1e6:,.0f} MB, more than the {most / 1e6:,.0f} MB a file "
            "read here may: split it, or save it as CSV"
        )
    ratio = limit("ZIP_MAX_RATIO")
    for part in parts:
        if part.file_size > ZIP_RATIO_FROM and part.file_size > ratio * max(part.compress_size, 1):
            return (
                f"has a part ({shown(part.filename)}) that unpacks to {part.file_size / 1e6:,.0f}"
                f" MB from {part.compress_size / 1e3:,.0f} KB: more than {ratio} times, as no "
                "workbook made by a spreadsheet does. Save it again from the spreadsheet"
            )
    return None


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


def bounded(problem: Problem) -> Problem:
    """The problem with its column name and message cut to a readable length."""
    column, message = problem.column, problem.message
    if len(column) <= SHOWN and len(message) <= MAX_MESSAGE:
        return problem
    return Problem(problem.row, shown(column), shown(message, MAX_MESSAGE))


class TableError(Exception):
    """The file cannot be imported; every problem found, each with its row and column."""

    def __init__(self, name: str, problems: list[Problem], more: int = 0) -> None:
        self.name = name
        self.problems = [bounded(p) for p in problems[:MAX_LISTED]]
        self.more = more + len(problems[MAX_LISTED:])
        lines = [f"{name}{':' if p.row is None else ','} {p}" for p in self.problems]
        if more:
            lines.append(f"{name}: and {more:,} more problems.")
        super().__init__("\n".join(lines) or name)


class Problems:
    """Problems found so far, listing the first thousand and counting the rest."""

    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.more = 0

    def add(self, row: int | None, column: str, message: str) -> None:
        if len(self.listed) < MAX_LISTED:
            self.listed.append(bounded(Problem(row, column, message)))
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
        last, columns = self.header_row + limit("TABLE_MAX_ROWS"), limit("TABLE_MAX_COLUMNS")
        try:
            for number, cells in enumerate(self._rows, start=self.header_row + 1):
                if number > last:
                    most = f"{last - self.header_row:,}"
                    message = f"has more than {most} rows: import it in parts"
                    raise TableError(self.path.name, [Problem(None, "", message)])
                if len(cells) > columns and (problem := _too_wide(number, cells)):
                    raise TableError(self.path.name, [problem])
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


def _too_wide(number: int, cells: list) -> Problem | None:
    """A row with more columns than a table may have (blank cells at the end of an
    Excel row not counted), or None."""
    columns = limit("TABLE_MAX_COLUMNS")
    if len(cells) <= columns or not any(cells[columns:]):
        return None
    width = max(i for i, cell in enumerate(cells) if cell) + 1
    message = f"has {width:,} columns: a table read here may have at most {columns:,}"
    return Problem(number, "", message)


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
    if problem := _too_wide(row, header):
        raise TableError(name, [problem])
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

    if problem := zip_problem(path):
        raise TableError(path.name, [Problem(None, "", problem)])
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        raise TableError(
            path.name, [Problem(1, "", f"is not an Excel workbook ({error})")]
        ) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise TableError(path.name, [Problem(1, "", f"has no sheet called {sheet!r}")])
        longest = limit("TABLE_MAX_CELL_CHARS")
        rows = workbook[sheet or workbook.sheetnames[0]].iter_rows(values_only=True)
        number = 0
        try:
            for number, cells in enumerate(rows, start=1):
                texts = [_text(cell) for cell in cells]
                if any(len(text) > longest for text in texts):
                    raise TableError(path.name, [_cell_too_long(number, texts, longest)])
                yield texts
        except DAMAGED as error:
            where = f" after row {number}" if number else ""
            message = (
                f"is damaged: it cannot be read{where} ({shown(str(error))}). "
                "Open it in the spreadsheet and save it again"
            )
            raise TableError(path.name, [Problem(None, "", message)]) from None
    finally:
        workbook.close()


# What a damaged workbook's parts raise as they are read (an XML error is a SyntaxError).
DAMAGED = (SyntaxError, BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError, OSError)


def _cell_too_long(number: int, texts: list[str], longest: int) -> Problem:
    from openpyxl.utils import get_column_letter

    at = next(i for i, text in enumerate(texts) if len(text) > longest)
    message = (
        f"cell {get_column_letter(at + 1)}{number} holds {len(texts[at]):,} characters, more "
        f"than a cell read here may ({longest:,}): it starts {shown(texts[at])!r}"
    )
    return Problem(None, "", message)


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        # Excel turns "31 March 2015" into a date; give it back as a date.
        return cell.date().isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
