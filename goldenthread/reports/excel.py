"""Reports as Excel workbooks, for analysts who sort, filter and chart the figures.

One table a sheet, its header row bold and frozen, with an autofilter. Values are
stored as numbers with the indicator's decimals as their format, never as text, so
they sort and sum; missing data is an empty cell, never zero.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from goldenthread.indicators.evaluation import Evaluation
from goldenthread.indicators.models import Indicator
from goldenthread.lib.cells import append_row

from .annual import AnnualReportContext
from .exception import ExceptionReportContext
from .layout import provenance
from .plan_on_a_page import PlanOnAPageContext
from .scorecard import (
    ScorecardReportContext,
    aims_text,
    direction_word,
    rag_text,
    significance_text,
    target_text,
)

# Excel refuses these in a sheet's name, and names longer than 31 characters.
ILLEGAL_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LIMIT = 31
WRAPPED = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


@dataclass(frozen=True)
class Cell:
    """A value with how Excel should show it, and whether it is a total."""

    value: object
    number_format: str = "General"
    bold: bool = False


def report_xlsx(report) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    properties = workbook.properties
    properties.title = report.title
    properties.creator = report.partnership
    properties.description = provenance(report)
    properties.language = "en-GB"
    SHEETS[report.kind](workbook, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def annual_sheets(workbook: Workbook, report: AnnualReportContext) -> None:
    _summary_sheet(workbook, report)
    if report.unfinished is not None:
        columns = [
            ("Code", 10),
            ("Action", 50),
            ("Status", 16),
            ("Confidence", 12),
            ("Lead", 30),
            ("Latest commentary", 70),
        ]
        rows = [
            [a.code, a.text, a.status, a.confidence, a.lead, a.commentary]
            for a in report.unfinished
        ]
        add_sheet(workbook, "Unfinished at year end", columns, rows)
    columns = [
        ("Objective", 40),
        ("Action code", 10),
        ("Action", 50),
        ("Measure", 35),
        ("Comments", 60),
        ("Status", 16),
        ("Confidence", 12),
        ("Lead", 30),
    ]
    for aim in report.aims:
        rows = [
            [r.objective, r.code, r.text, r.measure, r.comments, r.status, r.confidence, r.lead]
            for r in aim.rows
        ]
        add_sheet(workbook, f"Aim {aim.number} {aim.title}", columns, rows)
    columns = [
        ("Code", 24),
        ("Indicator", 40),
        ("Period", 14),
        ("Value", 11),
        ("Unit", 14),
        ("England", 11),
        ("Significance", 14),
        ("Direction", 14),
        ("Target", 45),
        ("RAG", 24),
    ]
    rows = [_indicator_row(section.evaluation) for section in report.indicators]
    add_sheet(workbook, "Indicators", columns, rows)
    _commentary_sheet(workbook, report)


def _commentary_sheet(workbook: Workbook, report: AnnualReportContext) -> None:
    """The words beside the numbers: the year's summaries, then the indicators' stories."""
    rows = []
    for aim in report.aims:
        if aim.summary:
            rows.append([f"Aim {aim.number} {aim.title}", report.year, "Summary", aim.summary])
        rows += [
            [f"Objective {o.objective}", report.year, "Summary", o.text]
            for o in aim.objective_summaries
        ]
    for section in report.indicators:
        if section.commentary is not None:
            period = section.commentary.period
            rows += [[section.title, period, part, text] for part, text in section.commentary.parts]
    if rows:
        columns = [("About", 45), ("Period", 12), ("Part", 28), ("Words", 100)]
        add_sheet(workbook, "Commentary", columns, rows)


def _summary_sheet(workbook: Workbook, report: AnnualReportContext) -> None:
    rows = [
        ["Report", report.title],
        ["Partnership", report.partnership],
        ["Area", report.area],
        ["Year", report.year],
        ["Generated at", Cell(_local(report.generated_at), "d mmmm yyyy hh:mm")],
        ["Data as of", Cell(report.data_as_of, "d mmmm yyyy") if report.data_as_of else ""],
    ]
    rows += [["Introduction", sentence] for sentence in report.introduction]
    add_sheet(workbook, "Summary", [("Item", 16), ("Detail", 100)], rows)


def _indicator_row(e: Evaluation) -> list:
    indicator = e.indicator
    significance = significance_text(e)
    return [
        indicator.code,
        indicator.title,
        _period(e),
        _number(indicator, e.value),
        unit(indicator),
        _number(indicator, e.england),
        significance,
        direction_word(e),
        target_text(e),
        rag_text(e),
    ]


def exception_sheets(workbook: Workbook, report: ExceptionReportContext) -> None:
    columns = [
        ("Code", 10),
        ("Action", 50),
        ("Lead", 22),
        ("Status", 16),
        ("Confidence", 12),
        ("Why it is listed", 35),
        ("Latest commentary", 70),
    ]
    rows = [
        [a.code, a.text, a.lead, a.status, a.confidence, _reasons(a.reasons), a.commentary]
        for a in report.actions
    ]
    add_sheet(workbook, "Actions", columns, rows)
    columns = [
        ("Code", 24),
        ("Indicator", 40),
        ("Owner", 22),
        ("Why it is listed", 35),
        ("Findings", 90),
    ]
    rows = [
        [i.code, i.title, i.owner, _reasons(i.reasons), " ".join(i.sentences)]
        for i in report.indicators
    ]
    add_sheet(workbook, "Indicators", columns, rows)


def scorecard_sheets(workbook: Workbook, report: ScorecardReportContext) -> None:
    columns = [
        ("Aim", 30),
        ("Aims served", 8),
        ("Code", 24),
        ("Indicator", 40),
        ("Period", 14),
        ("Value", 11),
        ("Unit", 14),
        ("Provisional", 11),
        ("Target", 45),
        ("Expected", 11),
        ("RAG", 24),
        ("Direction of travel", 14),
        ("Change", 10),
        ("Change unit", 16),
        ("Previous period", 14),
        ("England", 11),
        ("Significance", 14),
        ("Rank", 8),
        ("Of", 8),
        ("Quartile", 9),
    ]
    rows = [_scorecard_row(group.heading, row) for group in report.groups for row in group.rows]
    add_sheet(workbook, "Scorecard", columns, rows)


def _scorecard_row(aim: str, row) -> list:
    e, indicator = row.evaluation, row.indicator
    significance = significance_text(e)
    return [
        aim,
        aims_text(row),
        indicator.code,
        indicator.title,
        _period(e),
        _number(indicator, e.value),
        unit(indicator),
        "Yes" if e.provisional else "",
        target_text(e),
        _number(indicator, e.expected),
        rag_text(e),
        direction_word(e),
        _number(indicator, e.change),
        e.change_unit if e.change is not None else "",
        str(e.previous_period) if e.previous_period else "",
        _number(indicator, e.england),
        significance,
        e.rank,
        e.ranked,
        e.quartile_band,
    ]


def plan_sheets(workbook: Workbook, report: PlanOnAPageContext) -> None:
    columns = [("Aim", 30), ("Objective", 50)]
    columns += [(label, 11) for label in report.action_labels] + [("All actions", 11)]
    columns += [(f"Indicators {label.lower()}", 11) for label in report.rag_labels]
    columns += [("All indicators", 11)]
    rows = []
    for aim in report.aims:
        heading = f"Aim {aim.number}: {aim.title}"
        rows += [[heading, f"{o.code} {o.title}", *o.tally.cells] for o in aim.objectives]
        rows.append(_bold([heading, f"All of aim {aim.number}", *aim.tally.cells]))
    rows.append(_bold(["All aims", "Whole plan", *report.tally.cells]))
    add_sheet(workbook, "Plan on a page", columns, rows)


SHEETS: dict[str, Callable[[Workbook, object], None]] = {
    "annual": annual_sheets,
    "exception": exception_sheets,
    "scorecard": scorecard_sheets,
    "plan": plan_sheets,
}


def add_sheet(
    workbook: Workbook, name: str, columns: list[tuple[str, float]], rows: list[list]
) -> Worksheet:
    """One table: a bold, frozen header row with a filter, wrapped text, set widths."""
    sheet = workbook.create_sheet(sheet_name(name, workbook.sheetnames))
    append_row(sheet, [title for title, _ in columns])
    for values in rows:
        append_row(sheet, [v.value if isinstance(v, Cell) else v for v in values])
        for cell, value in zip(sheet[sheet.max_row], values, strict=True):
            cell.alignment = WRAPPED
            if isinstance(value, Cell):
                cell.number_format = value.number_format
                if value.bold:
                    cell.font = BOLD
    for cell in sheet[1]:
        cell.font, cell.alignment = BOLD, WRAPPED
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return sheet


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A legal, unique sheet name: no []:*?/\\, no leading or trailing quote, 31 at most."""
    clean = " ".join(ILLEGAL_IN_SHEET_NAME.sub(" ", name).split()).strip("'") or "Sheet"
    taken = {t.lower() for t in taken}
    candidate, n = clean[:SHEET_NAME_LIMIT].rstrip(), 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = clean[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
    return candidate


def unit(indicator: Indicator) -> str:
    """The unit a value is in: "%", "per 10,000", "weeks"."""
    if indicator.is_percentage:
        return "%"
    return indicator.unit_words or indicator.get_unit_display().lower()


def number_format(decimals: int) -> str:
    return "#,##0" + (f".{'0' * decimals}" if decimals else "")


def _number(indicator: Indicator, value: float | None) -> Cell | None:
    # An empty cell where there is no value: missing is not zero.
    return None if value is None else Cell(value, number_format(indicator.decimals))


def _bold(values: list) -> list[Cell]:
    return [Cell(v, bold=True) for v in values]


def _period(e: Evaluation) -> str:
    return str(e.period) if e.period else ""


def _reasons(reasons: list[str]) -> str:
    return "; ".join(reasons).capitalize()


def _local(moment: dt.datetime) -> dt.datetime:
    # Excel has no time zones: the time as it was in the partnership's zone.
    return timezone.localtime(moment).replace(tzinfo=None)
