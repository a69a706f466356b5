"""Turn the Curve for one indicator, in three formats read back: the page, Word and PDF
each give the curve, the forecast baseline by its method, the story behind the curve
and the action plan."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from goldenthread.commentary.models import IndicatorCommentary
from goldenthread.conftest import built_once, read_once
from goldenthread.indicators.models import Indicator, Period
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership, Visibility
from goldenthread.plans.models import Action, DeliveryPlan
from goldenthread.reports.render import render
from goldenthread.reports.turn_the_curve import NO_COMMENTARY, turn_the_curve
from goldenthread.reports.turn_the_curve_layout import FORECAST_COLUMNS

# Slow, so make test-fast leaves it out: Turn the Curve written in Word and PDF.
pytestmark = pytest.mark.slow

CODE = "neet-16-18"  # 6.8% in 2011/12, none in 2012/13, 5.7% in 2013/14, 5.4% in 2014/15


@pytest.fixture(scope="module")
def curve_world(thurrock_world, django_db_blocker):
    """The seed's plan and data, with commentary on the NEET indicator for two years."""

    def build() -> int:
        partnership = Partnership.objects.get(pk=thurrock_world)
        author = get_user_model().objects.create_user("owner", first_name="Priya", last_name="Shah")
        neet = Indicator.objects.get(code=CODE)
        for label, story in (("2013/14", "Older story."), ("2014/15", "Tracking improved.")):
            IndicatorCommentary.objects.create(
                partnership=partnership,
                indicator=neet,
                period=Period.objects.get(label=label, kind=neet.period_type),
                story=story,
                partners="Schools, colleges and the careers service.",
                what_works="Early tracking of year 11 leavers.",
                written_by=author,
                written_at=timezone.make_aware(dt.datetime(2015, 6, 3, 10)),
            )
        return partnership.pk

    yield from built_once(django_db_blocker, build)


def year_2014(partnership):
    return DeliveryPlan.objects.for_year(partnership, FinancialYear(2014))


@pytest.fixture(scope="module")
def report(curve_world, django_db_blocker):
    with read_once(django_db_blocker):
        partnership = Partnership.objects.get(pk=curve_world)
        return turn_the_curve(year_2014(partnership), Indicator.objects.get(code=CODE))


@pytest.fixture(scope="module")
def word(report):
    return Document(io.BytesIO(render(report, "docx").content))


@pytest.fixture(scope="module")
def pdf_text(report) -> str:
    pdf = PdfReader(io.BytesIO(render(report, "pdf").content))
    return " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)


@pytest.fixture
def thurrock_curve(curve_world, db):
    return Partnership.objects.get(pk=curve_world)


def expected_line() -> list[tuple[float, float]]:
    """The straight line through 2011/12, (gap), 2013/14 and 2014/15, worked out apart
    from the report: its value 1, 2 and 3 years on, and the residual spread."""
    x, y = np.array([0.0, 2.0, 3.0]), np.array([6.8, 5.7, 5.4])
    slope, intercept = np.polyfit(x, y, 1)
    return [(intercept + slope * at, slope) for at in (4.0, 5.0, 6.0)]


def test_the_forecast_runs_on_the_straight_line_into_the_next_academic_years(report):
    assert [row.period for row in report.history] == ["2011/12", "2013/14", "2014/15"]
    assert [row.period for row in report.forecast_rows] == ["2015/16", "2016/17", "2017/18"]
    assert [row.value for row in report.forecast_rows] == [
        f"{value:.1f}%" for value, _ in expected_line()
    ]
    assert report.forecast.method == "linear"
    widths = [p.upper - p.lower for p in report.forecast.points]
    # The interval widens with the horizon (the last one is cut at 0%).
    assert widths[0] < widths[1]
    assert "ordinary least squares" in report.forecast_sentence
    assert "fewer than 8 values" in report.forecast_sentence


def test_the_chart_has_the_history_the_gap_and_the_forecast_with_its_interval(report):
    rows = dict(report.chart.rows())
    assert list(rows) == [
        "2011/12",
        "2012/13",
        "2013/14",
        "2014/15",
        "2015/16",
        "2016/17",
        "2017/18",
    ]
    assert list(report.chart.series)[:2] == ["Thurrock", "Forecast if we do nothing more"]
    assert rows["2012/13"] == [None, None, None, None]  # the missing year, shown as a gap
    assert rows["2014/15"][0] == 5.4 and rows["2015/16"][0] is None
    low, high = rows["2015/16"][2:4]
    assert low < rows["2015/16"][1] < high
    assert report.chart.summary == (
        "Thurrock: 5.4% in 2014/15. If we do nothing more, "
        f"{report.forecast_rows[0].value} in 2015/16 (95% interval "
        f"{report.forecast_rows[0].lower} to {report.forecast_rows[0].upper}) to "
        f"{report.forecast_rows[-1].value} in 2017/18 ({report.forecast_rows[-1].lower} to "
        f"{report.forecast_rows[-1].upper}), by a straight-line trend (ordinary least squares)."
    )


def test_the_story_is_the_latest_commentary_and_says_where_a_part_is_not_written(report):
    assert report.commentary.period == "2014/15"
    assert report.commentary.written == "Written by Priya Shah on 3 June 2015"
    assert report.story == [
        ("The story behind the curve", "Tracking improved."),
        ("Partners with a role to play", "Schools, colleges and the careers service."),
        ("What works", "Early tracking of year 11 leavers."),
        ("What we will do", NO_COMMENTARY),
    ]


def test_the_action_plan_is_the_years_actions_linked_directly_or_through_objectives(
    report, thurrock_curve
):
    neet = Indicator.objects.get(code=CODE)
    year = Action.objects.for_delivery_plan(year_2014(thurrock_curve))
    linked = {a.code for a in year.filter(objective__in=neet.objectives.all())}
    linked |= {a.code for a in year.filter(pk__in=neet.actions.all())}
    assert sorted(a.code for a in report.actions) == sorted(linked)
    listed = {a.code: a for a in report.actions}
    direct = neet.actions.get(delivery_plan__year_start=2014)
    assert listed[direct.code].linked == "directly"
    assert listed[direct.code].lead == direct.lead_in_full
    assert listed[direct.code].status == direct.status_label
    assert {a.linked for a in report.actions} - {"directly"} == {"through objective 3.1"}


def test_it_says_what_kind_of_measure_it_is(report):
    assert report.kind_lead == "Population indicator."
    assert report.kind_meaning.startswith("A condition of the whole population")


def test_two_values_have_no_forecast_said_plainly(thurrock_curve):
    two = turn_the_curve(year_2014(thurrock_curve), Indicator.objects.get(code="ks2-rwm-l4"))
    assert two.forecast is None and two.forecast_rows == []
    assert two.forecast_sentence.startswith("No forecast: it needs at least 3 values")
    assert (
        two.story == [(heading, NO_COMMENTARY) for heading, _ in two.story]
        and two.commentary is None
    )
    assert [row.england for row in two.history] == ["No data", "79%"]


def test_word_has_the_headings_the_forecast_table_and_the_actions(word, report):
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == [
        "What kind of measure it is",
        "The curve",
        "If we do nothing more: the forecast baseline",
        "Behind the curve",
    ]
    assert "What we will do" in headings and headings[-1] == "Our action plan"
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in word.tables}
    forecast = tables[tuple(FORECAST_COLUMNS)]
    assert [[c.text for c in row.cells] for row in forecast.rows[1:]] == [
        [r.period, r.value, r.lower, r.upper] for r in report.forecast_rows
    ]
    curve = tables[("Period", "Thurrock")]
    assert [[c.text for c in row.cells] for row in curve.rows[1:]] == [
        ["2011/12", "6.8%"],
        ["2013/14", "5.7%"],
        ["2014/15", "5.4%"],
    ]
    actions = tables[("Action", "Lead", "Status", "Linked")]
    assert [row.cells[0].text.split()[0] for row in actions.rows[1:]] == [
        a.code for a in report.actions
    ]
    body = "\n".join(p.text for p in word.paragraphs)
    assert "ordinary least squares" in body and "Tracking improved." in body
    assert word.core_properties.title == "Turn the Curve: " + report.indicator_title


def test_the_pdf_names_the_method_and_gives_the_forecast(pdf_text, report):
    assert "Turn the Curve" in pdf_text
    assert "ordinary least squares" in pdf_text
    for row in report.forecast_rows:
        assert f"{row.period} {row.value} {row.lower} {row.upper}" in pdf_text
    assert "Our action plan" in pdf_text and report.actions[0].code in pdf_text
    assert "Schools, colleges and the careers service." in pdf_text


def test_the_page_in_a_fixed_number_of_queries(
    client, thurrock_curve, django_assert_max_num_queries
):
    url = reverse("reports:turn_the_curve", args=[thurrock_curve.slug, "2014-15", CODE])
    # 22 measured: the history, the commentary and the actions each read at once.
    with django_assert_max_num_queries(25):
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    for words in (
        "Population indicator",
        "Values by period",
        "Forecast baseline",
        "2015/16",
        "Tracking improved.",
        "No commentary yet.",
        "Our action plan",
        "ordinary least squares",
        'role="img"',
    ):
        assert words in html
    word_url = reverse(
        "reports:turn_the_curve_file", args=[thurrock_curve.slug, "2014-15", CODE, "docx"]
    )
    assert word_url in html
    indicator_page = client.get(
        reverse("indicators:indicator", args=[thurrock_curve.slug, CODE])
    ).content.decode()
    assert url in indicator_page


def test_the_files_download_with_their_names(client, thurrock_curve):
    url = reverse("reports:turn_the_curve_file", args=[thurrock_curve.slug, "2014-15", CODE, "pdf"])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert f"thurrock-turn-the-curve-{CODE}-2014-15.pdf" in response["Content-Disposition"]


def test_it_is_read_as_the_plan_is_read(client, thurrock_curve):
    url = reverse("reports:turn_the_curve", args=[thurrock_curve.slug, "2014-15", CODE])
    DeliveryPlan.objects.filter(pk=year_2014(thurrock_curve).pk).update(is_draft=True)
    assert client.get(url).status_code == 404  # a draft, for its managers only
    DeliveryPlan.objects.filter(plan__partnership=thurrock_curve).update(is_draft=False)
    Partnership.objects.filter(pk=thurrock_curve.pk).update(visibility=Visibility.PRIVATE)
    assert client.get(url).status_code == 302  # to sign in: a private partnership


def test_an_indicator_without_data_says_so_in_every_format(client, thurrock_curve):
    code = "apprenticeships-l2-l3"  # linked to the plan, with no value for Thurrock
    url = reverse("reports:turn_the_curve", args=[thurrock_curve.slug, "2014-15", code])
    page = client.get(url).content.decode()
    assert "There is no data for Thurrock yet." in page
    assert "No forecast: it needs at least 3 values" in page and "there are no values" in page
    report = turn_the_curve(year_2014(thurrock_curve), Indicator.objects.get(code=code))
    assert report.chart is None and report.history == []
    body = "\n".join(
        p.text for p in Document(io.BytesIO(render(report, "docx").content)).paragraphs
    )
    assert "There is no data for Thurrock yet." in body
