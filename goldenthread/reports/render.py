"""One report context, several formats: each renderer takes the context and gives bytes.

A report kind builds a context from a delivery plan (`KINDS`); a format is a
renderer from any context to a file (`FORMATS`). Each renderer module dispatches on the
context's `kind` itself, so a new kind touches its own module and the renderers only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from goldenthread.plans.models import DeliveryPlan

from .annual import AnnualReportContext, annual_report
from .exception import ExceptionReportContext, exception_report
from .plan_on_a_page import PlanOnAPageContext, plan_on_a_page
from .scorecard import ScorecardReportContext, scorecard_report

Report = AnnualReportContext | ExceptionReportContext | ScorecardReportContext | PlanOnAPageContext


@dataclass(frozen=True)
class Kind:
    label: str
    build: Callable[[DeliveryPlan], Report]


KINDS = {
    "annual": Kind("Annual report", annual_report),
    "exception": Kind("Exception report: what is off track", exception_report),
    "scorecard": Kind("Scorecard", scorecard_report),
    "plan": Kind("Plan on a page", plan_on_a_page),
}


@dataclass(frozen=True)
class Format:
    label: str
    content_type: str
    write: Callable[[Report], bytes]


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    extension: str


def html_document(report: Report) -> bytes:
    """The report as one standalone page, to save, print or publish on a website."""
    return render_to_string(f"reports/{report.kind}_document.html", {"report": report}).encode()


def json_document(report: Report) -> bytes:
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False, default=str).encode()


# The Word, Excel and PDF renderers are imported when a file is written, not with this
# module: python-docx, openpyxl, fpdf2 and matplotlib take over a second to load, and
# the URL configuration, every report page and the worker import this module.


def word_document(report: Report) -> bytes:
    from .word import report_docx

    return report_docx(report)


def excel_document(report: Report) -> bytes:
    from .excel import report_xlsx

    return report_xlsx(report)


def pdf_document(report: Report) -> bytes:
    from .pdf import report_pdf

    return report_pdf(report)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "html": Format("Web page (.html)", "text/html; charset=utf-8", html_document),
    "docx": Format("Word (.docx)", DOCX, word_document),
    "xlsx": Format("Excel (.xlsx)", XLSX, excel_document),
    "pdf": Format("PDF, A4", "application/pdf", pdf_document),
    "json": Format("JSON (the data behind it)", "application/json", json_document),
}


def render(report: Report, fmt: str) -> Rendered:
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not a report format: choose one of {', '.join(FORMATS)}")
    chosen = FORMATS[fmt]
    return Rendered(chosen.write(report), chosen.content_type, fmt)
