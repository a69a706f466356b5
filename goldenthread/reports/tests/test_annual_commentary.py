"""The annual report carries the words beside the numbers in every format: each
indicator's story behind the curve for the period it reports, and each aim's and
objective's summary of the year."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from goldenthread.commentary.tests.world import (
    PARTNERS,
    STORY,
    SUMMARY_OF_AIM,
    SUMMARY_OF_OBJECTIVE,
    give_values,
    write_the_year,
)
from goldenthread.conftest import THURROCK, built_once
from goldenthread.indicators.tests.world import build_areas, make_indicator
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.partnerships.tests.factories import PartnershipFactory
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.tests.factories import ActionFactory, PlanFactory
from goldenthread.reports.annual import annual_report
from goldenthread.reports.render import render


@pytest.fixture(scope="module")
def commentary_world(django_db_setup, django_db_blocker):
    """Thurrock's plan of one action, its objective measured by key stage 2 results,
    with commentary on 2013/14 and the 2014/15 summaries of the aim and the objective."""

    def build() -> int:
        areas = build_areas()
        partnership = PartnershipFactory(**THURROCK, area=areas["thurrock"])
        action = ActionFactory(
            objective__aim__plan=PlanFactory(partnership=partnership),
            objective__code="4.1",
            objective__title="Children read well",
            code="4.1.1",
        )
        ks2 = make_indicator()
        action.objective.indicators.add(ks2)
        periods = give_values(ks2, areas["thurrock"])
        write_the_year(action, ks2, periods[-1], by=None)
        return partnership.pk

    yield from built_once(django_db_blocker, build)


@pytest.fixture(scope="module")
def report(commentary_world, django_db_blocker):
    with django_db_blocker.unblock():
        partnership = Partnership.objects.get(pk=commentary_world)
        return annual_report(DeliveryPlan.objects.for_year(partnership, FinancialYear(2014)))


def test_the_context_holds_them_where_they_belong(report):
    (aim,) = report.aims
    assert aim.summary == SUMMARY_OF_AIM
    assert [(o.objective, o.text) for o in aim.objective_summaries] == [
        ("4.1 Children read well", SUMMARY_OF_OBJECTIVE)
    ]
    (section,) = report.indicators
    assert section.commentary.period == "2013/14"
    assert section.commentary.parts == [
        ("The story behind the curve", STORY),
        ("Partners with a role to play", PARTNERS),
    ]


def test_json(report):
    data = json.loads(render(report, "json").content)
    (aim,) = data["aims"]
    assert aim["summary"] == SUMMARY_OF_AIM
    assert aim["objective_summaries"] == [
        {"objective": "4.1 Children read well", "text": SUMMARY_OF_OBJECTIVE}
    ]
    (progress,) = data["progress"]
    assert progress["commentary"] == {
        "period": "2013/14",
        "parts": [
            {"heading": "The story behind the curve", "text": STORY},
            {"heading": "Partners with a role to play", "text": PARTNERS},
        ],
    }


def test_word(report):
    from docx import Document

    document = Document(io.BytesIO(render(report, "docx").content))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert "Summary of 2014/15" in headings
    assert "Objective 4.1 Children read well" in headings
    assert "Commentary for 2013/14" in headings
    texts = [text for _, text in paragraphs]
    assert SUMMARY_OF_AIM in texts
    assert SUMMARY_OF_OBJECTIVE in texts
    assert f"The story behind the curve: {STORY}" in texts
    assert f"Partners with a role to play: {PARTNERS}" in texts
    # The summary comes before the aim's table, the story after the indicator's findings.
    assert texts.index(SUMMARY_OF_AIM) < texts.index("Progress and what has been achieved")
    assert texts.index("Progress and what has been achieved") < texts.index(
        f"The story behind the curve: {STORY}"
    )


def test_pdf(report):
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(render(report, "pdf").content))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    for words in (SUMMARY_OF_AIM, SUMMARY_OF_OBJECTIVE, f"The story behind the curve: {STORY}"):
        assert words in text
    outline = [item.title for item in _flat(pdf.outline)]
    assert "Commentary for 2013/14" in outline


def _flat(outline):
    for item in outline:
        yield from _flat(item) if isinstance(item, list) else [item]


def test_excel(report):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render(report, "xlsx").content))
    rows = list(book["Commentary"].iter_rows(values_only=True))
    assert rows == [
        ("About", "Period", "Part", "Words"),
        (
            f"Aim {report.aims[0].number} {report.aims[0].title}",
            "2014/15",
            "Summary",
            SUMMARY_OF_AIM,
        ),
        ("Objective 4.1 Children read well", "2014/15", "Summary", SUMMARY_OF_OBJECTIVE),
        (report.indicators[0].title, "2013/14", "The story behind the curve", STORY),
        (report.indicators[0].title, "2013/14", "Partners with a role to play", PARTNERS),
    ]


def test_html_page(client, commentary_world):
    response = client.get(reverse("reports:report", args=["thurrock", "2014-15", "annual"]))
    assert response.status_code == 200
    page = response.content.decode()
    for words in (SUMMARY_OF_AIM, SUMMARY_OF_OBJECTIVE, STORY, PARTNERS):
        assert escape(words) in page
    assert "Commentary for 2013/14" in page
