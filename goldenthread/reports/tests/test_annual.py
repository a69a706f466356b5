"""The annual report in every format, opened and read back."""

import datetime as dt
import io
import json
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.urls import reverse
from docx import Document

from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import NO_LEAD_LABEL, Action, DeliveryPlan, Status
from goldenthread.plans.summary import delivery_summary
from goldenthread.reports.annual import aim_sections, unfinished_at_year_end
from goldenthread.reports.render import render

# Slow, so make test-fast leaves it out: the annual report written in every format.
pytestmark = pytest.mark.slow


def test_the_introduction_states_the_years_figures_as_the_summary_counts_them(report, thurrock):
    summary = delivery_summary(DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014)))
    counts = summary["by_status"]

    assert report.introduction[0] == (
        f"A total of {summary['actions']} actions formed the delivery programme for 2014/15."
    )
    assert report.introduction[1] == (
        f"Of these {counts[Status.COMPLETED]} were completed and {counts[Status.IN_PROGRESS]} "
        "were in progress at the end of the year."
    )
    assert report.introduction[2] == (
        f"{counts[Status.CARRIED_FORWARD]} actions were carried forward into the 2015/16 plan."
    )


def test_each_aim_has_its_actions_in_plan_order(report, thurrock):
    for aim in report.aims:
        codes = list(
            Action.objects.filter(
                objective__aim__number=aim.number, delivery_plan__plan__partnership=thurrock
            )
            .in_plan_order()
            .values_list("code", flat=True)
        )
        assert [row.code for row in aim.rows] == codes
    assert sum(len(aim.rows) for aim in report.aims) == 82


def test_progress_has_findings_for_each_indicator_with_data(report):
    ks2 = next(s for s in report.indicators if s.code == "ks2-rwm-l4")

    assert ks2.sentences[:3] == [
        "Thurrock: 77% in 2013/14.",
        # The demo's values have no limits: a rise of 5 points is not called an improvement.
        (
            "It rose from 72% in 2012/13 to 77%, 5 percentage points higher: not tested for "
            "significance (the 95% limits of both values are needed to test it)."
        ),
        "This is 2 percentage points below England (79%).",
    ]
    assert ks2.chart is not None and ks2.chart.categories == ["2012/13", "2013/14"]


def test_the_word_document_has_headings_tables_with_header_rows_and_charts_with_alt_text(report):
    document = Document(io.BytesIO(render(report, "docx").content))

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Introduction" in headings
    assert [h for h in headings if h.startswith("Strategic aim")] == [
        f"Strategic aim {aim.number}: {aim.title}" for aim in report.aims
    ]
    assert "Progress and what has been achieved" in headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert report.introduction[0] in text
    assert "It rose from 72% in 2012/13 to 77%, 5 percentage points higher: not tested" in text
    assert document.core_properties.title == report.title
    # The first table lists the actions unfinished when the year ended; then one an aim,
    # and after them the tables of the charts' data.
    for table, aim in zip(document.tables[1 : 1 + len(report.aims)], report.aims, strict=True):
        assert [c.text for c in table.rows[0].cells] == [
            "Objective",
            "Action",
            "Measure",
            "Comments",
            "Status",
            "Confidence",
            "Lead",
        ]
        assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
        assert len(table.rows) == len(aim.rows) + 1
        assert table.rows[1].cells[1].text.startswith(aim.rows[0].code)
        assert [row.cells[6].text for row in table.rows[1:]] == [r.lead for r in aim.rows]
    charts = [s.chart for s in report.indicators if s.chart]
    pictures = document.inline_shapes
    assert len(pictures) == len(charts)
    assert pictures[0]._inline.docPr.get("descr") == f"{charts[0].title}. {charts[0].summary}"


def test_the_json_is_the_same_context(report):
    data = json.loads(render(report, "json").content)

    assert data["introduction"] == report.introduction
    assert [a["number"] for a in data["aims"]] == [a.number for a in report.aims]
    ks2 = next(s for s in data["progress"] if s["indicator"] == "ks2-rwm-l4")
    assert (
        ks2["evaluation"]["value"] == 77 and ks2["evaluation"]["change_unit"] == "percentage points"
    )


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tables, self.headings, self._in_heading = [], 0, [], False

    def handle_starttag(self, tag, attrs):
        self.tables += tag == "table"
        self._in_heading = tag in ("h1", "h2", "h3")

    def handle_data(self, data):
        self.text.append(data)
        if self._in_heading and data.strip():
            self.headings.append(data.strip())
            self._in_heading = False


def test_the_html_document_stands_alone(report):
    parser = _Text()
    parser.feed(render(report, "html").content.decode())

    assert parser.headings[0] == report.title
    assert "Strategic aim 1: " + report.aims[0].title in parser.headings
    assert report.introduction[0] in " ".join(parser.text)


def test_the_page_and_its_downloads(client, thurrock):
    page = client.get(reverse("reports:report", args=["thurrock", "2014-15", "annual"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "A total of 82 actions formed the delivery programme for 2014/15." in html
    assert "annual.docx" in html

    word = client.get(reverse("reports:file", args=["thurrock", "2014-15", "annual", "docx"]))
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="thurrock-annual-report-2014-15.docx"' in word["Content-Disposition"]
    assert Document(io.BytesIO(word.content)).tables


def test_a_private_partnerships_report_needs_a_sign_in(client, private_partnership):
    url = reverse("reports:report", args=["elsewhere", "2014-15", "annual"])
    assert client.get(url).status_code == 302


def test_the_command_writes_each_format(thurrock, tmp_path, capsys):
    for fmt in ("docx", "json", "html"):
        path = tmp_path / f"annual.{fmt}"
        call_command(
            "report",
            "annual",
            "--year",
            "2014/15",
            "--partnership",
            "thurrock",
            "--format",
            fmt,
            "--output",
            str(path),
        )
        assert path.stat().st_size > 1000
    assert "annual report 2014/15 to" in capsys.readouterr().out


def unfinished_by_status(thurrock) -> QuerySet:
    """The 2014/15 actions not completed, carried forward, deferred or withdrawn, in plan
    order: worked out here from the statuses, not by the report's own rule."""
    decided = [Status.COMPLETED, Status.CARRIED_FORWARD, Status.DEFERRED, Status.WITHDRAWN]
    return (
        Action.objects.filter(
            delivery_plan__plan__partnership=thurrock, delivery_plan__year_start=2014
        )
        .exclude(status__in=decided)
        .with_leads()
        .in_plan_order()
    )


def test_every_action_shows_its_lead_person_and_organisation(report, thurrock):
    leads = {
        a.code: a.lead_in_full
        for a in Action.objects.filter(delivery_plan__plan__partnership=thurrock).with_leads()
    }
    rows = [row for aim in report.aims for row in aim.rows]

    assert {row.code: row.lead for row in rows} == leads
    assert {row.lead for row in rows} == {"Nina Patel, CCG", "CCG", NO_LEAD_LABEL}


def test_after_the_year_every_unfinished_action_is_listed_with_its_lead(report, thurrock):
    expected = unfinished_by_status(thurrock)

    assert [(a.code, a.lead) for a in report.unfinished] == [
        (a.code, a.lead_in_full) for a in expected
    ]
    assert {a.status for a in report.unfinished} == {"Not started", "In progress", "Not known"}
    assert report.unfinished_sentence.startswith(f"{expected.count()} actions were not completed")


def test_before_the_year_ends_no_action_is_called_unfinished(thurrock):
    plan = DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))

    assert unfinished_at_year_end(plan, dt.date(2015, 3, 30)) is None
    assert len(unfinished_at_year_end(plan, dt.date(2015, 3, 31))) == (
        unfinished_by_status(thurrock).count()
    )


def test_the_unfinished_actions_and_leads_in_word_html_and_json(report):
    document = Document(io.BytesIO(render(report, "docx").content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[1] == "Actions unfinished at the end of 2014/15"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Action",
        "Status",
        "Confidence",
        "Lead",
        "Latest commentary",
    ]
    assert [(r.cells[0].text.split()[0], r.cells[3].text) for r in table.rows[1:]] == [
        (a.code, a.lead) for a in report.unfinished
    ]

    html = render(report, "html").content.decode()
    section = html.split("Actions unfinished at the end of 2014/15", 1)[1].split("Strategic aim")[0]
    assert section.count('<tr class="govuk-table__row">') == len(report.unfinished) + 1
    assert '<td class="govuk-table__cell">Nina Patel, CCG</td>' in section

    data = json.loads(render(report, "json").content)
    assert [(a["code"], a["lead"]) for a in data["unfinished"]] == [
        (a.code, a.lead) for a in report.unfinished
    ]
    assert data["aims"][0]["actions"][0]["lead"] == "Nina Patel, CCG"


def test_the_action_lists_and_their_leads_are_read_in_one_query_each(
    thurrock, django_assert_num_queries
):
    plan = DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))

    with django_assert_num_queries(1):
        unfinished = unfinished_at_year_end(plan, dt.date(2015, 6, 1))
    with django_assert_num_queries(1):
        rows = [row for aim in aim_sections(plan) for row in aim.rows]

    # 82 actions, most of them with a lead person and organisation (conftest.py).
    assert len(rows) == 82 and "Nina Patel, CCG" in {a.lead for a in unfinished}
