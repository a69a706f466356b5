"""One report context, several formats: each renderer takes the context and gives bytes."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.template.loader import render_to_string

from .annual import AnnualReportContext, annual_report
from .exception import ExceptionReportContext, exception_report
from .word import annual_report_docx, exception_report_docx

Report = AnnualReportContext | ExceptionReportContext
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ["html", "docx", "json"]
WORD = {"annual": annual_report_docx, "exception": exception_report_docx}
# Each kind of report, built from a delivery plan.
BUILDERS = {"annual": annual_report, "exception": exception_report}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    extension: str


def render(report: Report, fmt: str) -> Rendered:
    if fmt == "html":
        html = render_to_string(f"reports/{report.kind}_document.html", {"report": report})
        return Rendered(html.encode(), "text/html; charset=utf-8", "html")
    if fmt == "docx":
        return Rendered(WORD[report.kind](report), DOCX, "docx")
    if fmt == "json":
        data = json.dumps(report.as_dict(), indent=2, ensure_ascii=False, default=str)
        return Rendered(data.encode(), "application/json", "json")
    raise ValueError(f"{fmt!r} is not a report format: choose one of {', '.join(FORMATS)}")
