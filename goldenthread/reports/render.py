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
from .excel import report_xlsx
from .exception import ExceptionReportContext, exception_report
from .pdf import report_pdf
from .plan_on_a_page import PlanOnAPageContext, plan_on_a_page
from .scorecard import ScorecardReportContext, scorecard_report
from .word import report_docx

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


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "html": Format("Web page (.html)", "text/html; charset=utf-8", html_document),
    "docx": Format("Word (.docx)", DOCX, report_docx),
    "xlsx": Format("Excel (.xlsx)", XLSX, report_xlsx),
    "pdf": Format("PDF, A4", "application/pdf", report_pdf),
    "json": Format("JSON (the data behind it)", "application/json", json_document),
}


def render(report: Report, fmt: str) -> Rendered:
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not a report format: choose one of {', '.join(FORMATS)}")
    chosen = FORMATS[fmt]
    return Rendered(chosen.write(report), chosen.content_type, fmt)
