"""Charts that do not mislead, as a reader sees them: the indicator page in a real
browser, and the plan on a page as the board gets it. Screenshots of each are kept in
var/screenshots/ (and the ones checked by eye in docs/screenshots/)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from unicodedata import normalize

import pytest
from pypdf import PdfReader

from goldenthread.indicators.models import DataPoint
from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import DeliveryPlan
from goldenthread.reports.plan_on_a_page import plan_on_a_page
from goldenthread.reports.render import render

pytestmark = pytest.mark.browser

SVG = "{http://www.w3.org/2000/svg}"
A4_LANDSCAPE_POINTS = (841.89, 595.28)


def drawn(svg: ET.Element, gid: str) -> ET.Element:
    found = [e for e in svg.iter() if e.get("id", "").endswith(f"-{gid}")]
    assert found, gid
    return found[0]


def test_an_indicators_chart_has_time_in_proportion_its_gap_and_its_limits(page, screenshot):
    # The demo's KS2 maths has 2010/11, then 2012/13 and 2013/14; give Thurrock's
    # values limits, as Fingertips' files do, to see them drawn.
    for point in DataPoint.objects.filter(indicator__code="ks2-maths-2lp", area__code="E06000034"):
        point.lower, point.upper = point.value - 3, point.value + 3
        point.save()

    page.goto("/thurrock/indicators/ks2-maths-2lp/")
    figure = page.locator("main figure.gt-chart").first
    svg = ET.fromstring(figure.locator("svg").evaluate("svg => svg.outerHTML"))

    first, second, third = [float(u.get("x")) for u in drawn(svg, "line-0").iter(f"{SVG}use")]
    # Two years from 2010/11 to 2012/13 take twice the room of the one after.
    assert second - first == pytest.approx(2 * (third - second), rel=0.01)
    line = next(drawn(svg, "line-0").iter(f"{SVG}path")).get("d")
    assert line.count("M") == 2  # broken at the missing year, not joined across it
    drawn(svg, "no-data")
    assert len(list(drawn(svg, "limits").iter(f"{SVG}path"))) == 3
    # The text alternative and the caption say what the chart shows, the gap too.
    label = figure.locator("[role=img]").get_attribute("aria-label")
    assert "No data for 2011/12." in label
    assert "No data for 2011/12." in figure.locator("figcaption").inner_text()
    # And the table of values has the missing year's row.
    gap = page.locator("main table").first.locator("tr", has_text="2011/12")
    assert " ".join(gap.inner_text().split()) == "2011/12 No data"
    figure.screenshot(path=screenshot.folder / "indicator-trend-chart.png")


def test_a_target_and_a_gap_are_drawn_and_named_in_the_legend(page, screenshot):
    page.goto("/thurrock/indicators/neet-16-18/")
    figure = page.locator("main figure.gt-chart").first
    svg = ET.fromstring(figure.locator("svg").evaluate("svg => svg.outerHTML"))
    words = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "Target" in words and "No data" in words
    drawn(svg, "line-target")
    figure.screenshot(path=screenshot.folder / "indicator-target-chart.png")


def test_the_plan_on_a_page_fits_one_landscape_sheet_with_rag_colours(page, screenshot):
    page.goto("/thurrock/2014-15/report/plan/")
    green = page.locator("main th.gt-rag-green").first
    assert green.inner_text() == "Green"
    assert green.evaluate("th => getComputedStyle(th).backgroundColor") == "rgb(204, 226, 216)"
    screenshot("plan-on-a-page")

    # The demo's plan as the board gets it: one landscape A4 sheet.
    plan = DeliveryPlan.objects.get(plan__partnership__slug="thurrock", year_start=2014)
    assert plan.year == FinancialYear(2014)
    report = plan_on_a_page(plan)
    pdf = PdfReader(io.BytesIO(render(report, "pdf").content))
    [sheet] = pdf.pages
    size = (float(sheet.mediabox.width), float(sheet.mediabox.height))
    assert size == pytest.approx(A4_LANDSCAPE_POINTS, abs=0.1)
    # The web page document (.html), printed from the browser, too.
    page.set_content(render(report, "html").content.decode())
    printed = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(printed.pages) == 1


def test_the_scorecard_document_prints_on_landscape_sheets_with_every_column(page):
    from goldenthread.reports.scorecard import COLUMNS, scorecard_report

    plan = DeliveryPlan.objects.get(plan__partnership__slug="thurrock", year_start=2014)
    page.set_content(render(scorecard_report(plan), "html").content.decode())
    printed = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))

    first = printed.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)
    # Chromium sets "fi" as one ligature: read it back as two letters.
    tables = [normalize("NFKC", " ".join(p.extract_text().split())) for p in printed.pages]
    with_table = [text for text in tables if "Indicator Period" in text]
    assert with_table
    for text in with_table:
        # A heading may wrap over two lines; its words are all there, the last column's too.
        missing = [w for column in COLUMNS for w in column.split() if w not in text]
        assert not missing, missing


def test_turn_the_curve_draws_the_forecast_in_its_band_beside_its_table(page, screenshot):
    # The demo's NEET: 2011/12, (none in 2012/13), 2013/14 and 2014/15, then forecast.
    page.goto("/thurrock/2014-15/turn-the-curve/neet-16-18/")
    figure = page.locator("main figure.gt-chart").first
    svg = ET.fromstring(figure.locator("svg").evaluate("svg => svg.outerHTML"))
    drawn(svg, "forecast-interval")  # the shaded 95% prediction interval
    drawn(svg, "no-data")
    # The dashed forecast starts at the last value and runs three years on, marked
    # only in the years it forecasts.
    assert len(list(drawn(svg, "line-1").iter(f"{SVG}use"))) == 3
    label = figure.locator("[role=img]").get_attribute("aria-label")
    assert "If we do nothing more" in label and "ordinary least squares" in label
    forecast = page.locator("main table", has_text="Forecast baseline")
    rows = [" ".join(r.split()) for r in forecast.locator("tbody tr").all_inner_texts()]
    assert [row.split()[0] for row in rows] == ["2015/16", "2016/17", "2017/18"]
    figure.screenshot(path=screenshot.folder / "turn-the-curve-chart.png")
    screenshot("page")
