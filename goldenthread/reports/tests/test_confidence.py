"""The annual and exception reports give each action's latest confidence beside its status,
in words, in every format."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import Action, Confidence, DeliveryPlan, Status
from goldenthread.reports.annual import annual_report
from goldenthread.reports.exception import exception_report
from goldenthread.reports.render import render

# Slow, so make test-fast leaves it out: the annual and exception reports written in every format.
pytestmark = pytest.mark.slow

AFTER_THE_YEAR = dt.date(2015, 6, 1)


def given_confidences(thurrock) -> DeliveryPlan:
    """8.13 in progress and off track, 8.11 completed and on track; the rest not given."""
    actions = Action.objects.filter(delivery_plan__plan__partnership=thurrock)
    actions.filter(code="8.13").update(status=Status.IN_PROGRESS, confidence=Confidence.OFF_TRACK)
    actions.filter(code="8.11").update(status=Status.COMPLETED, confidence=Confidence.ON_TRACK)
    return DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))


def table_rows(table) -> list[dict[str, str]]:
    header = [cell.text for cell in table.rows[0].cells]
    return [dict(zip(header, (c.text for c in row.cells), strict=True)) for row in table.rows[1:]]


def test_the_annual_report_lists_the_confidence_beside_the_status(thurrock):
    report = annual_report(given_confidences(thurrock), today=AFTER_THE_YEAR)

    unfinished = {a.code: a for a in report.unfinished}
    assert (unfinished["8.13"].status, unfinished["8.13"].confidence) == (
        "In progress",
        "Off track",
    )
    rows = {r.code: r for aim in report.aims for r in aim.rows}
    assert (rows["8.11"].status, rows["8.11"].confidence) == ("Completed", "On track")
    assert rows["8.12"].confidence == "Not given"

    document = Document(io.BytesIO(render(report, "docx").content))
    word_rows = [row for table in document.tables[:5] for row in table_rows(table)]
    assert {"Status": "In progress", "Confidence": "Off track"}.items() <= next(
        r for r in word_rows if r["Action"].startswith("8.13 ")
    ).items()

    html = render(report, "html").content.decode()
    assert '<th scope="col" class="govuk-table__header">Confidence</th>' in html
    assert '<td class="govuk-table__cell">Off track</td>' in html

    book = load_workbook(io.BytesIO(render(report, "xlsx").content))
    sheet = book["Unfinished at year end"]
    header = [cell.value for cell in sheet[1]]
    records = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
    assert header[2:4] == ["Status", "Confidence"]
    assert next(r for r in records if r["Code"] == "8.13")["Confidence"] == "Off track"


def test_the_exception_report_lists_the_confidence_beside_the_status(thurrock):
    report = exception_report(given_confidences(thurrock), today=AFTER_THE_YEAR)

    listed = {a.code: a for a in report.actions}
    assert (listed["8.13"].status, listed["8.13"].confidence) == ("In progress", "Off track")

    html = render(report, "html").content.decode()
    assert '<th scope="col" class="govuk-table__header">Confidence</th>' in html
    assert '<td class="govuk-table__cell">Off track</td>' in html

    sheet = load_workbook(io.BytesIO(render(report, "xlsx").content))["Actions"]
    header = [cell.value for cell in sheet[1]]
    assert header[3:5] == ["Status", "Confidence"]
    records = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
    assert next(r for r in records if r["Code"] == "8.13")["Confidence"] == "Off track"

    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render(report, "pdf").content)).pages
    )
    assert "Confidence" in text and "Off track" in text
