import datetime as dt

"""The scorecard report in every format, opened and read back."""

import io
import json
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from docx import Document

from goldenthread.indicators.models import Standing
from goldenthread.indicators.scorecard import scorecard
from goldenthread.indicators.targets import RAG_LABELS
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import Aim, DeliveryPlan
from goldenthread.reports.render import render
from goldenthread.reports.scorecard import scorecard_report
from goldenthread.reports.tests.conftest import read_report

# Slow, so make test-fast leaves it out: the scorecard report written in every format.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(thurrock_world, django_db_blocker):
    """The scorecard report, built once for the module's tests to read."""
    return read_report(django_db_blocker, thurrock_world, scorecard_report)


@dataclass(frozen=True)
class Cell:
    tag: str
    attrs: dict
    text: str


class Tables(HTMLParser):
    """Every table in a page: its caption and its rows, each cell with its tag and text."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self.captions = [], []
        self._cell, self._caption = None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = (tag, dict(attrs), [])
        elif tag == "caption":
            self._caption = []
        elif tag == "br" and self._cell:
            self._cell[2].append(" ")

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell:
            name, attrs, text = self._cell
            self.tables[-1][-1].append(Cell(name, attrs, " ".join("".join(text).split())))
            self._cell = None
        elif tag == "caption":
            self.captions.append(" ".join("".join(self._caption).split()))
            self._caption = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2].append(data)
        if self._caption is not None:
            self._caption.append(data)


def rag_words(e) -> str:
    """What a reader should see for a RAG: always words, never only a colour."""
    if e.rag:
        return RAG_LABELS[e.rag]
    return e.not_judged


def test_it_has_one_row_per_indicator_with_the_scorecard_pages_rag(report, thurrock):
    page = {row.indicator.code: row.evaluation for row in scorecard(thurrock)}
    codes = [row.indicator.code for row in report.rows]
    assert len(codes) == len(set(codes)) == len(page)
    with_data = {r.indicator.code for r in report.rows if r.evaluation.has_data}
    assert with_data == set(
        Standing.objects.filter(area=thurrock.area).values_list("indicator__code", flat=True)
    )
    for row in report.rows:
        e = page[row.indicator.code]
        assert (row.evaluation.rag, row.evaluation.value) == (e.rag, e.value)


def test_each_indicator_is_under_the_first_aim_it_serves_and_every_aim_is_shown(report, thurrock):
    aims = list(Aim.objects.filter(plan__partnership=thurrock).values_list("number", "title"))
    linked = [g for g in report.groups if g.number is not None]
    assert [(g.number, g.title) for g in linked] == aims
    for group in linked:
        assert all(row.aims[0] == group.number for row in group.rows)
    unlinked = [g for g in report.groups if g.number is None]
    assert all(not row.aims for g in unlinked for row in g.rows)
    assert report.groups[-1].heading == "Not linked to an aim"


def test_the_summary_is_counted_from_the_rows(report, thurrock):
    # Judged as at the end of the report's year, 2014/15.
    evaluations = [row.evaluation for row in scorecard(thurrock, as_of=dt.date(2015, 3, 31))]
    rags = Counter(e.rag or "not judged" for e in evaluations)
    directions = Counter(e.direction for e in evaluations)
    with_data = sum(e.has_data for e in evaluations)
    dated, first, targets, travel = report.summary
    assert dated.startswith("Data as it stood at 31 March 2015: the latest value of each")
    assert first.startswith(f"{len(evaluations)} indicators: {with_data} with a value")
    assert targets.startswith(
        f"Against their targets: {rags['green']} green (met), {rags['amber']} amber (close), "
        f"{rags['red']} red (not met) and {rags['not judged']} not judged"
    )
    assert travel.startswith(
        f"Since their previous value: {directions['improving']} improving, "
        f"{directions['worsening']} worsening and {directions['no change']} unchanged"
    )
    assert sum(report.rag_counts.values()) == len(report.rows)


def test_the_word_document_has_a_table_per_aim_with_a_repeated_header_and_rag_in_words(report):
    document = Document(io.BytesIO(render(report, "docx").content))

    assert document.core_properties.title == report.title
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(sentence in text for sentence in report.summary)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    groups = [g for g in report.groups if g.rows]
    assert len(document.tables) == len(groups)
    for table, group in zip(document.tables, groups, strict=True):
        assert group.heading in headings
        header = table.rows[0]
        assert header._tr.trPr.xml.count("tblHeader") == 1
        assert [c.text for c in header.cells][:5] == [
            "Indicator",
            "Period",
            "Value",
            "Target",
            "RAG",
        ]
        assert len(table.rows) == 1 + len(group.rows)
        for row, drawn in zip(group.rows, table.rows[1:], strict=True):
            e, cells = row.evaluation, [c.text for c in drawn.cells]
            assert cells[0].startswith(e.indicator.title)
            assert cells[2].startswith(e.indicator.format(e.value))
            assert cells[4] == rag_words(e)
        assert "w:shd" not in table._tbl.xml  # no colour at all, let alone colour alone


def test_the_html_document_shows_every_row_with_its_rag_in_words(report):
    parsed = Tables(render(report, "html").content.decode())

    groups = [g for g in report.groups if g.rows]
    assert len(parsed.tables) == len(groups)
    for table, group in zip(parsed.tables, groups, strict=True):
        header, *body = table
        assert all(c.tag == "th" and c.attrs["scope"] == "col" for c in header)
        assert len(body) == len(group.rows)
        for cells, row in zip(body, group.rows, strict=True):
            e = row.evaluation
            assert cells[0].attrs["scope"] == "row"
            assert cells[0].text.startswith(e.indicator.title)
            # An out-of-date value says so, with its date, beside it.
            assert cells[2].text == " ".join(
                filter(None, [e.indicator.format(e.value), e.age_words])
            )
            assert cells[4].text == rag_words(e)
    assert all(caption for caption in parsed.captions)


def test_the_json_is_the_same_context(report):
    data = json.loads(render(report, "json").content)

    assert data["rag"] == report.rag_counts
    assert data["summary"] == report.summary
    listed = [i["indicator"] for aim in data["aims"] for i in aim["indicators"]]
    assert listed == [row.indicator.code for row in report.rows]


def test_the_page_and_its_excel_download(client, thurrock, report):
    page = client.get("/thurrock/2014-15/report/scorecard/")

    assert page.status_code == 200
    html = page.content.decode()
    assert report.summary[0] in html
    assert "scorecard.xlsx" in html
    excel = client.get(reverse("reports:file", args=["thurrock", "2014-15", "scorecard", "xlsx"]))
    assert excel["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="thurrock-scorecard-report-2014-15.xlsx"' in excel["Content-Disposition"]


def test_the_report_is_built_in_a_fixed_number_of_queries(thurrock, django_assert_max_num_queries):
    delivery_plan = DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))

    # Dozens of indicators in four aims: a query for each would far exceed this.
    with django_assert_max_num_queries(11):
        scorecard_report(delivery_plan)
