"""``goldenthread import_areas``: the places councils compare themselves with, from
DfE's and ONS's reference files. Each file is recognised by its columns (or, for a
workbook, its sheet), never its name; files are imported in the order their contents
depend on (regions, authorities, their numbers, districts, changes, neighbours), all in
one transaction, so that a problem in any of them leaves the database as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile

from django.db import transaction

from goldenthread.areas.signals import reference_data_changed
from goldenthread.lib.tables import Problem, TableError

from . import dfe_authorities, lait, neighbours, ons
from .base import Summary

__all__ = ["Summary", "TableError", "import_area_files", "recognise"]


@dataclass(frozen=True)
class Kind:
    """A kind of file: what it is called in the summary, the columns that give it away,
    and how it is imported."""

    name: str
    columns: frozenset[str]
    run: Callable[..., None]
    dated: bool = False  # takes --in-force-from


KINDS = [  # in the order they are imported
    Kind("DfE regions", frozenset(dfe_authorities.REGIONS), dfe_authorities.import_regions),
    Kind(
        "DfE regions and authorities",
        frozenset(dfe_authorities.HIERARCHY),
        dfe_authorities.import_hierarchy,
    ),
    Kind("DfE local authorities", frozenset(dfe_authorities.LAS), dfe_authorities.import_las),
    Kind("LAIT LA numbers", frozenset(lait.COLUMNS), lait.import_la_list),
    Kind("ONS districts by county", frozenset(ons.DISTRICT_TO_COUNTY), ons.import_districts),
    Kind("ONS districts by region", frozenset(ons.DISTRICT_TO_REGION), ons.import_districts),
    Kind("ONS code changes", frozenset(ons.CHANGES), ons.import_changes),
    Kind(
        "DfE early-years dashboard statistical neighbours",
        frozenset(neighbours.DASHBOARD),
        neighbours.import_dashboard,
        dated=True,
    ),
    Kind(
        "DfE statistical neighbours",
        frozenset(neighbours.WORKBOOK),
        neighbours.import_workbook,
        dated=True,
    ),
]
UNKNOWN = (
    "is not a file import_areas knows: it reads DfE's las.csv, regions.csv, "
    "region_la_hierarchy.csv, LAIT's la_code_list.xlsx and statistical neighbour "
    "workbooks, DfE's early-years dashboard data, ONS's changes.csv and district lookups"
)


def import_area_files(paths: list[Path], in_force_from: dt.date | None = None) -> list[Summary]:
    """Import the files, each recognised by its contents; a summary for each."""
    chosen = sorted(((recognise(Path(p)), Path(p)) for p in paths), key=lambda k: KINDS.index(k[0]))
    undated = [p for kind, p in chosen if kind.dated and not _dated_by_itself(kind, p)]
    if len(undated) > 1:
        message = (
            "one --in-force-from cannot date two sets of neighbours: import them one at a time"
        )
        raise TableError(", ".join(p.name for p in undated), [Problem(None, "", message)])
    summaries = []
    with transaction.atomic():
        for kind, path in chosen:
            summary = Summary(path.name, kind.name)
            if kind.dated:
                kind.run(path, summary, in_force_from)
            else:
                kind.run(path, summary)
            summaries.append(summary)
        reference_data_changed.send(sender=Summary)
    return summaries


def recognise(path: Path) -> Kind:
    """The kind of file, by its header or, for a workbook, its sheet and header."""
    header = _header(path)
    fitting = [kind for kind in KINDS if kind.columns <= header]
    if not fitting:
        raise TableError(path.name, [Problem(None, "", UNKNOWN)])
    # regions.csv's two columns are in region_la_hierarchy.csv too: the fullest fit wins.
    return max(fitting, key=lambda kind: len(kind.columns))


def _header(path: Path) -> frozenset[str]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _workbook_header(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            first = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise TableError(path.name, [Problem(None, "", f"cannot be read ({error})")]) from None
    return frozenset(cell.strip().lower() for cell in first)


def _workbook_header(path: Path) -> frozenset[str]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        raise TableError(
            path.name, [Problem(None, "", f"is not an Excel workbook ({error})")]
        ) from None
    try:
        at = neighbours.HEADER_ROW if neighbours.SHEET in workbook.sheetnames else 1
        sheet = workbook[neighbours.SHEET] if at > 1 else workbook.worksheets[0]
        rows = list(sheet.iter_rows(min_row=at, max_row=at, values_only=True))
    finally:
        workbook.close()
    return frozenset(str(cell).strip().lower() for cell in (rows[0] if rows else ()) if cell)


def _dated_by_itself(kind: Kind, path: Path) -> bool:
    return kind.run is neighbours.import_workbook and neighbours.stated_date(path) is not None
