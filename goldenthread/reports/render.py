"""One report context, several formats: each renderer takes the context and gives bytes."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.template.loader import render_to_string

from .annual import AnnualReportContext
from .word import annual_report_docx


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    extension: str


def render(report: AnnualReportContext, fmt: str) -> Rendered:
    if fmt == "html":
        html = render_to_string("reports/annual_document.html", {"report": report})
        return Rendered(html.encode(), "text/html; charset=utf-8", "html")
    if fmt == "docx":
        return Rendered(annual_report_docx(report), DOCX, "docx")
    if fmt == "json":
        data = json.dumps(report.as_dict(), indent=2, ensure_ascii=False, default=str)
        return Rendered(data.encode(), "application/json", "json")
    raise ValueError(f"{fmt!r} is not a report format: choose one of {', '.join(FORMATS)}")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ["html", "docx", "json"]
