"""One evaluation, many views: every indicator of the demo is given the same verdict by
the scorecard page, ``goldenthread scorecard --json``, the API, the exception report and
the annual report, whether read at the latest data or as it stood at a year's end."""

import io
import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db.models import Q
from rest_framework.test import APIClient

from goldenthread.conftest import built_once
from goldenthread.demo.demo import load_demo
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.scorecard import scorecard
from goldenthread.indicators.targets import RAG_LABELS
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.models import DeliveryPlan
from goldenthread.reports.annual import annual_report
from goldenthread.reports.exception import exception_report
from goldenthread.reports.layout import blocks
from goldenthread.reports.render import render
from goldenthread.reports.scorecard import as_it_stood

pytestmark = pytest.mark.django_db
YEAR = FinancialYear(2014)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module (goldenthread/conftest.py tells how)."""

    def build() -> int:
        load_demo()
        return Partnership.objects.get(slug="thurrock").pk

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def thurrock(demo):
    return Partnership.objects.get(pk=demo)


def verdict(e: dict) -> tuple:
    """What a reader acts on, from an evaluation as JSON."""
    keys = ("period", "value", "rag", "direction", "direction_why", "out_of_date", "not_judged")
    return tuple(e[key] for key in keys)


def expected(thurrock, year: FinancialYear | None) -> dict:
    from goldenthread.indicators.evaluation import as_dict

    rows = scorecard(thurrock, as_of=year.last_day if year else None)
    return {row.indicator.code: as_dict(row.evaluation) for row in rows}


def tracked(partnership) -> int:
    """Every indicator with a value for the area, linked to the plan, or with a target."""
    return (
        Indicator.objects.filter(
            Q(standings__area=partnership.area)
            | Q(objectives__aim__plan__partnership=partnership)
            | Q(actions__delivery_plan__plan__partnership=partnership)
            | Q(targets__partnership=partnership)
        )
        .distinct()
        .count()
    )


def from_command(year: FinancialYear | None) -> dict:
    out = io.StringIO()
    options = ["--year", str(year)] if year else []
    call_command("scorecard", "--partnership", "thurrock", "--json", *options, stdout=out)
    return {e["indicator"]: e for e in json.loads(out.getvalue())["indicators"]}


def from_api(year: FinancialYear | None) -> dict:
    query = {"page_size": 1000} | ({"year": str(year)} if year else {})
    response = APIClient().get("/api/v1/partnerships/thurrock/evaluations/", query)
    assert response.status_code == 200
    return {e["indicator"]: e for e in response.json()["results"]}


def page_rows(client, year: FinancialYear | None) -> dict[str, str]:
    """The scorecard page's table with every row shown: each row's words, by the code
    its link names."""
    query = {"show": "all"} | ({"year": year.slug} if year else {})
    html = client.get("/thurrock/scorecard/", query).content.decode()
    table = html.split('<table class="govuk-table gt-scorecard">')[1].split("</table>")[0]
    rows = {}
    for chunk in table.split('<tr class="govuk-table__row">')[2:]:
        code = re.search(r'href="/thurrock/indicators/([^/"]+)/"', chunk).group(1)
        rows[code] = " ".join(unescape(re.sub(r"<[^>]+>", " ", chunk)).split())
    return rows


def said_on_the_page(e: dict) -> list[str]:
    """The words the page must show for this verdict."""
    words = [RAG_LABELS[e["rag"]] if e["rag"] else e["not_judged"]]
    if e["period"]:
        words.append(e["period"])
    if e["direction"]:
        words.append(e["direction"].capitalize())
    if e["direction_why"]:
        words.append(e["direction_why"])
    if e["out_of_date"]:
        words.append(f"due again by {e['due_again_by']}")
    return words


@pytest.mark.parametrize("year", [None, YEAR], ids=["latest", "2014-15"])
def test_the_page_the_command_and_the_api_agree_on_every_indicator(client, thurrock, year):
    want = expected(thurrock, year)
    command, api, page = from_command(year), from_api(year), page_rows(client, year)

    assert len(want) == tracked(thurrock)
    assert set(command) == set(api) == set(page) == set(want)
    for code, e in want.items():
        assert verdict(command[code]) == verdict(e), code
        assert verdict(api[code]) == verdict(e), code
        for words in said_on_the_page(e | {"due_again_by": _day(e["due_again_by"])}):
            assert words.lower() in page[code].lower(), (code, words)
        assert ("Out of date" in page[code]) == e["out_of_date"], code


def test_the_reports_of_a_year_agree_with_the_scorecard_as_it_stood(thurrock):
    want = expected(thurrock, YEAR)
    delivery_plan = DeliveryPlan.objects.for_year(thurrock, YEAR)
    annual, exceptions = annual_report(delivery_plan), exception_report(delivery_plan)

    # The annual report: every indicator with a value, each with the same verdict.
    sections = {s.code: s for s in annual.indicators}
    assert set(sections) == {code for code, e in want.items() if e["value"] is not None}
    for code, section in sections.items():
        assert verdict(section.as_dict()["evaluation"]) == verdict(want[code]), code
        stale = any("Out of date" in sentence for sentence in section.sentences)
        assert stale == want[code]["out_of_date"], code
    # The exception report: exactly those red, significantly worsening or significantly
    # worse than England by the same verdicts, and never one out of date.
    listed = {i.code: i.reasons for i in exceptions.indicators}
    assert set(listed) == {code for code, e in want.items() if _off_track(e)}
    for code, reasons in listed.items():
        assert ("red against its target" in reasons) == (want[code]["rag"] == "red")
        worsening = any(r.startswith("worsening") for r in reasons)
        assert worsening == (want[code]["direction"] == "worsening")
    assert any(e["out_of_date"] for e in want.values())
    assert any(e["rag"] for e in want.values())
    # Both state the data date, in every format.
    for report in (annual, exceptions):
        said = as_it_stood(report.year)
        assert said.startswith("Indicators as their data stood at the end of 2014/15")
        assert said in render(report, "html").content.decode()
        assert said in [getattr(block, "text", "") for block in blocks(report)]


def _off_track(e: dict) -> bool:
    if e["out_of_date"]:
        return False
    worse = e["vs_england"].startswith("Worse")
    return e["rag"] == "red" or e["direction"] == "worsening" or worse


def _day(iso: str | None) -> str:
    import datetime as dt

    return f"{dt.date.fromisoformat(iso):%-d %B %Y}" if iso else ""
