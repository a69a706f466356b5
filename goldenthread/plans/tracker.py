"""The delivery-plan tracker: one row per action, the shape most councils keep a plan in.

Aim, objective, code, action, measure, lead, due date, status or RAG, commentary. The
template in ``docs/templates/`` and the plan's own export (``exports.py``) are written
here, so the two cannot differ; an importer reads the columns by what their headers mean
(``lib/headers.py``), so a plan exported and imported again comes back unchanged. An
export adds goldenthread's own columns after the tracker's, with headers that mean nothing
to an importer, so it passes over them.

Text is written to a workbook as text, never as a formula, whatever it starts with: an
action's words must not run as a calculation in the reader's Excel.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goldenthread.lib.cells import SafeWriter, append_row
from goldenthread.lib.headers import Column

from .models import NOT_KNOWN_LABEL, Status

TEMPLATE_NAME = "delivery-plan-tracker"


@dataclass(frozen=True)
class TrackerColumn:
    header: str
    width: int
    note: str
    # What an importer reads the column as; None for goldenthread's own, which it passes over.
    meaning: Column | None = None
    is_date: bool = False


COLUMNS = [
    TrackerColumn(
        "Aim",
        30,
        "The aim or priority the action serves: its number, then its title "
        "(1 Children and young people are safe).",
        Column.AIM,
    ),
    TrackerColumn(
        "Objective",
        40,
        "The objective under that aim: its code, starting with the aim's number, then its "
        "title (1.1 Fewer children need to come into care).",
        Column.OBJECTIVE,
    ),
    TrackerColumn(
        "Code",
        10,
        "The action's code, unique in the year: its objective's code and a sequence number "
        "(1.11, 1.12 … 1.19, 1.20).",
        Column.CODE,
    ),
    TrackerColumn("Action", 60, "What will be done.", Column.ACTION),
    TrackerColumn(
        "Measure",
        30,
        "How we will know it is done: the output, milestone or indicator.",
        Column.MEASURE,
    ),
    TrackerColumn(
        "Lead",
        24,
        "Who leads it. A name that is exactly one person or one organisation of the "
        "partnership is linked to them (Nina Patel; Children's Services; or both, "
        "Nina Patel, Children's Services); anything else is kept as written.",
        Column.LEAD,
    ),
    TrackerColumn(
        "Due date",
        14,
        "When it is due: a date (31/03/2016), a month (March 2016), a quarter of the "
        "financial year (Q3, or Q3 2015/16) or a year (2015/16); a month, quarter or year is "
        "due at its end. Left empty, or 'Ongoing', it falls due at the end of the delivery "
        "year.",
        Column.DUE,
        is_date=True,
    ),
    TrackerColumn(
        "Status",
        16,
        "Choose from the list, or write a RAG rating (Red, Amber, Green, Blue). The "
        "import reads it with the commentary.",
        Column.STATUS,
    ),
    TrackerColumn(
        "Commentary",
        60,
        "The latest progress, in words: what was done, what is left, what is in the way.",
        Column.COMMENT,
    ),
]

# goldenthread's own columns, written by the export after the tracker's.
EXPORT_COLUMNS = [
    TrackerColumn("Organisation", 24, "The lead organisation, for sorting and filtering."),
    TrackerColumn(
        "Overdue after",
        14,
        "The day it falls due: its due date, or the last day of the delivery year.",
        is_date=True,
    ),
    TrackerColumn("Overdue", 10, "Overdue if still unfinished after that day."),
    TrackerColumn("Confidence", 12, "The lead's confidence that it will be delivered as planned."),
    TrackerColumn(
        "Reported or inferred",
        12,
        "Reported: a person gave the status. Inferred: goldenthread read it from the "
        "commentary, and it waits for a person to confirm it.",
    ),
    TrackerColumn("Inferred from", 30, "The words an inferred status was read from."),
    TrackerColumn("Updated on", 12, "The date of the latest commentary.", is_date=True),
]

HEADERS = [column.header for column in COLUMNS]

# What the status list offers: goldenthread's statuses, as the export writes them.
STATUS_CHOICES = [*Status.labels, NOT_KNOWN_LABEL]

# The template's example rows: a date written as a date, and one as a quarter.
EXAMPLE_ROWS: list[list[Any]] = [
    [
        "1 Children and young people are safe",
        "1.1 Fewer children need to come into care",
        "1.11",
        "Set up a multi-agency early help panel for families at risk",
        "Panel meets monthly; referrals tracked",
        "Head of Early Help",
        dt.date(2016, 3, 31),
        "In progress",
        "Panel meeting monthly since June; referral tracking is being set up.",
    ],
    [
        "1 Children and young people are safe",
        "1.1 Fewer children need to come into care",
        "1.12",
        "Review the edge of care offer and report to the board",
        "Review report to the board",
        "Children's Services",
        "Q3 2015/16",
        "Not started",
        "Review scoping to start once the new service manager is in post.",
    ],
]


def _cell(value: Any) -> Any:
    return "" if value is None else value


def as_csv(rows: Iterable[Sequence[Any]], columns: Sequence[TrackerColumn] = COLUMNS) -> str:
    """The tracker as CSV, dates as ISO dates (2016-03-31) that every reader agrees on."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow(v.isoformat() if isinstance(v, dt.date) else _cell(v) for v in row)
    return buffer.getvalue()


def as_xlsx(
    rows: Iterable[Sequence[Any]],
    *,
    title: str,
    columns: Sequence[TrackerColumn] = COLUMNS,
) -> bytes:
    """The tracker as a workbook: the sheet ``title`` with a list to choose the status
    from, and a sheet of notes saying what each column holds."""
    # Here rather than at the top: openpyxl is slow to load, and the plan's views that
    # import this module rarely write a workbook.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    append_row(sheet, [column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.is_date:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "A2"
    _status_list(sheet, columns)
    notes = workbook.create_sheet("Notes")
    append_row(notes, ["Column", "What it holds"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in columns:
        append_row(notes, [column.header, column.note])
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["B"].width = 100
    for (cell,) in notes.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _status_list(sheet: Any, columns: Sequence[TrackerColumn]) -> None:
    """A drop-down list of the statuses on the Status column. Other words (a RAG
    rating) are allowed after a note, since many trackers keep one."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    index = next(i for i, c in enumerate(columns, start=1) if c.meaning == Column.STATUS)
    letter = get_column_letter(index)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="information",
        errorTitle="Not one of the statuses",
        error="Choose a status from the list, or keep a RAG rating (Red, Amber, Green, Blue).",
    )
    validation.add(f"{letter}2:{letter}1048576")
    sheet.add_data_validation(validation)


def write_templates(directory: Path) -> list[Path]:
    """Write the tracker template, CSV and Excel, into ``directory`` (docs/templates)."""
    directory = Path(directory)
    csv_path = directory / f"{TEMPLATE_NAME}.csv"
    xlsx_path = directory / f"{TEMPLATE_NAME}.xlsx"
    csv_rows = [
        [v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for v in row]
        for row in EXAMPLE_ROWS
    ]
    csv_path.write_text(as_csv(csv_rows), encoding="utf-8")
    xlsx_path.write_bytes(as_xlsx(EXAMPLE_ROWS, title="Delivery plan"))
    return [csv_path, xlsx_path]
