"""Every report as an Excel workbook, opened with openpyxl and read back."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from goldenthread.indicators.scorecard import scorecard
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import Action, DeliveryPlan
from goldenthread.plans.summary import delivery_summary
from goldenthread.reports.excel import sheet_name
from goldenthread.reports.exception import exception_report
from goldenthread.reports.plan_on_a_page import plan_on_a_page
from goldenthread.reports.render import FORMATS, render
from goldenthread.reports.scorecard import scorecard_report
from goldenthread.reports.tests.test_scorecard_report import rag_words

ILLEGAL = re.compile(r"[\[\]:*?/\\]")


def workbook(report):
    return load_workbook(io.BytesIO(render(report, "xlsx").content))


@pytest.fixture(scope="module")
def book(report):
    """The annual report's workbook, rendered once for the module's tests to read."""
    return workbook(report)


def headers(sheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def records(sheet) -> list[dict]:
    names = headers(sheet)
    return [
        dict(zip(names, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


def assert_a_table(sheet):
    """What every sheet gives an analyst: a bold frozen header, a filter, set widths."""
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    assert all(sheet.column_dimensions[c.column_letter].width > 5 for c in sheet[1])
    assert len(sheet.title) <= 31 and not ILLEGAL.search(sheet.title)


def places(number_format: str) -> int:
    """How many decimal places a number format shows: "#,##0.0" shows one."""
    return len(number_format.partition(".")[2])


def test_the_annual_workbook_has_an_aim_sheet_each_with_exactly_its_actions(book, report, thurrock):
    assert book.properties.title == report.title
    plan = DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))
    for aim in report.aims:
        [sheet] = [s for s in book.worksheets if s.title.startswith(f"Aim {aim.number} ")]
        assert_a_table(sheet)
        assert headers(sheet) == [
            "Objective",
            "Action code",
            "Action",
            "Measure",
            "Comments",
            "Status",
            "Confidence",
            "Lead",
        ]
        codes = Action.objects.for_delivery_plan(plan).in_aim(aim.number).in_plan_order()
        assert [r["Action code"] for r in records(sheet)] == list(
            codes.values_list("code", flat=True)
        )
        assert sheet["C2"].alignment.wrap_text


def test_the_annual_indicators_are_numbers_shown_to_the_indicators_decimals(book, report):
    sheet = book["Indicators"]

    assert_a_table(sheet)
    rows = records(sheet)
    assert [r["Code"] for r in rows] == [s.code for s in report.indicators]
    for row, section in zip(sheet.iter_rows(min_row=2), report.indicators, strict=True):
        e = section.evaluation
        value, england = row[3], row[5]
        assert value.data_type == "n" and value.value == e.value
        assert places(value.number_format) == e.indicator.decimals
        # Missing is missing: an empty cell, never a zero.
        assert england.value == e.england
        assert e.england is None or england.data_type == "n"
    ks2 = next(r for r in rows if r["Code"] == "ks2-rwm-l4")
    # The demo's values have no 95% limits, so the rise is not tested.
    assert (ks2["Period"], ks2["Unit"], ks2["Direction"]) == ("2013/14", "%", "change not tested")


def test_the_annual_summary_gives_the_introduction_and_provenance(book, report):
    sheet = book["Summary"]

    assert_a_table(sheet)
    details = {}
    for item, detail in sheet.iter_rows(min_row=2, values_only=True):
        details.setdefault(item, []).append(detail)
    assert details["Introduction"] == report.introduction
    assert isinstance(details["Generated at"][0], dt.datetime)
    assert details["Data as of"][0].date() == report.data_as_of


def test_the_annual_workbook_lists_the_unfinished_actions_with_their_leads(book, report):
    sheet = book["Unfinished at year end"]

    assert_a_table(sheet)
    assert [(r["Code"], r["Status"], r["Lead"]) for r in records(sheet)] == [
        (a.code, a.status, a.lead) for a in report.unfinished
    ]
    aim_1 = records(next(s for s in book.worksheets if s.title.startswith("Aim 1 ")))
    assert {r["Lead"] for r in aim_1} == {"Nina Patel, CCG"}


def test_the_exception_workbook_says_why_each_is_listed(thurrock):
    report = exception_report(
        DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014)), today=dt.date(2015, 6, 1)
    )
    book = workbook(report)

    assert book.sheetnames == ["Actions", "Indicators"]
    actions = records(book["Actions"])
    assert [a["Code"] for a in actions] == [a.code for a in report.actions]
    for row, action in zip(actions, report.actions, strict=True):
        assert all(reason in row["Why it is listed"].lower() for reason in action.reasons)
        assert row["Lead"] == action.lead
    indicators = records(book["Indicators"])
    assert [i["Code"] for i in indicators] == [i.code for i in report.indicators]
    for sheet in book.worksheets:
        assert_a_table(sheet)


def test_the_scorecard_workbook_is_one_table_with_the_scorecards_values_and_rag(thurrock):
    report = scorecard_report(DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014)))
    book = workbook(report)

    [sheet] = book.worksheets
    assert_a_table(sheet)
    # A report for 2014/15 judges its targets as at the end of that year.
    as_of = dt.date(2015, 3, 31)
    page = {row.indicator.code: row.evaluation for row in scorecard(thurrock, as_of=as_of)}
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(page)
    names = headers(sheet)
    column = {name: names.index(name) for name in ("Code", "Value", "RAG", "England", "Rank")}
    for row in rows:
        e = page[row[column["Code"]].value]
        value = row[column["Value"]]
        if e.has_data:
            assert value.data_type == "n" and value.value == e.value
            assert places(value.number_format) == e.indicator.decimals
        else:
            assert value.value is None
        assert row[column["England"]].value == e.england
        assert row[column["Rank"]].value == e.rank
        assert row[column["RAG"]].value == rag_words(e)


def test_the_plan_workbook_counts_are_numbers_that_add_up(thurrock):
    plan = DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))
    report = plan_on_a_page(plan)
    sheet = workbook(report)["Plan on a page"]

    assert_a_table(sheet)
    rows = records(sheet)
    objectives = [r for r in rows if not str(r["Objective"]).startswith(("All of", "Whole"))]
    assert len(objectives) == sum(len(aim.objectives) for aim in report.aims)
    assert sum(r["All actions"] for r in objectives) == delivery_summary(plan)["actions"]
    whole = rows[-1]
    assert whole["Objective"] == "Whole plan"
    assert whole["Completed"] == delivery_summary(plan)["by_status"]["completed"]
    assert all(isinstance(whole[name], int) for name in report.action_labels)


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        (
            "Aim 1 Outstanding universal services and outcomes",
            [],
            "Aim 1 Outstanding universal ser",
        ),
        ("Aim 2: Parental/Family [and] Community?", [], "Aim 2 Parental Family and Commu"),
        ("Indicators", ["indicators"], "Indicators (2)"),
        ("'Quoted'", [], "Quoted"),
    ],
)
def test_a_sheet_name_is_legal_unique_and_at_most_31_characters(name, taken, expected):
    made = sheet_name(name, taken)

    assert made == expected
    assert len(made) <= 31 and not ILLEGAL.search(made)


def test_excel_is_offered_between_word_and_json():
    formats = list(FORMATS)

    assert formats.index("docx") < formats.index("xlsx") < formats.index("json")
    assert FORMATS["xlsx"].label == "Excel (.xlsx)"


def test_the_annual_page_offers_the_workbook(client, thurrock):
    url = reverse("reports:file", args=["thurrock", "2014-15", "annual", "xlsx"])
    response = client.get(url)

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Summary"
