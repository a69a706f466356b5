"""The age of the data: a value more than a cycle overdue is out of date, said with its
date, and never judged; a report of a past year reads the data as it stood then."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goldenthread.indicators.evaluation import as_dict, due_again_by
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import Indicator, Target
from goldenthread.indicators.scorecard import ALL, JUDGED, WITH_DATA, rows_to_show, scorecard
from goldenthread.lib.periods import Period
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.tests.factories import PlanFactory

from .world import make_indicator, row, write_values


@pytest.mark.parametrize(
    ("period_type", "period", "due"),
    [
        ("financial_year", "2015/16", dt.date(2018, 3, 31)),
        ("academic_year", "2013/14", dt.date(2016, 8, 31)),
        ("quarter", "Q1 2015/16", dt.date(2015, 12, 31)),
        ("month", "February 2015", dt.date(2015, 4, 30)),
        # Pooled years roll on a year at a time, so they are published yearly.
        ("pooled_years", "2013 - 15", dt.date(2017, 12, 31)),
        ("snapshot", "31 March 2015", dt.date(2017, 3, 31)),
    ],
)
def test_a_newer_value_is_due_a_cycle_after_the_next_period_ends(period_type, period, due):
    indicator = Indicator(period_type=period_type)
    assert due_again_by(indicator, indicator.parse_period(period)) == due


def test_an_update_cycle_set_on_the_indicator_overrides_its_period_type():
    indicator = Indicator(period_type="financial_year", update_cycle=24)
    # Every two years: the next value ends March 2018, published by March 2020.
    assert due_again_by(indicator, Period.financial_year(2015)) == dt.date(2020, 3, 31)


@pytest.fixture
def neet(areas, partnership, tmp_path):
    """NEET, low is good: 6.1% in 2012/13, 5.4% in 2013/14 and 4.0% in 2016/17, with
    a milestone of 5.5% by March 2014 that each value since is judged against."""
    indicator = make_indicator(
        "neet", polarity="low_is_good", period_type="financial_year", decimals=1
    )
    values = {"2012/13": "6.1", "2013/14": "5.4", "2016/17": "4.0"}
    rows = [row("neet", period=p, value=v) for p, v in values.items()]
    import_values(write_values(tmp_path / "neet.csv", rows))
    Target.objects.create(
        partnership=partnership, indicator=indicator, value=5.5, due=dt.date(2014, 3, 31)
    )
    return indicator


def judged(partnership, as_of=None):
    [row_] = scorecard(partnership, as_of=as_of)
    return row_.evaluation


def test_a_report_of_a_past_year_reads_the_latest_value_ending_by_its_end(neet, partnership):
    e = judged(partnership, as_of=dt.date(2015, 3, 31))

    # 2016/17 came later: the report of 2014/15 reads 2013/14, as it stood then.
    assert (str(e.period), e.value, e.previous_value) == ("2013/14", 5.4, 6.1)
    assert (e.rag, e.out_of_date) == ("green", False)
    assert [point[0] for point in e.trend] == ["2012/13", "2013/14"]
    assert judged(partnership).period.end == dt.date(2017, 3, 31)


def test_a_report_of_a_year_before_any_value_shows_none(neet, partnership):
    e = judged(partnership, as_of=dt.date(2012, 3, 31))

    assert (e.has_data, e.rag, e.not_judged) == (False, "", "Not judged: no value yet")


def test_an_out_of_date_value_is_shown_with_its_date_and_not_judged(neet, partnership):
    # As at March 2017, 2013/14's successor was due by March 2016.
    e = judged(partnership, as_of=dt.date(2016, 4, 30))

    assert (str(e.period), e.out_of_date) == ("2013/14", True)
    assert e.rag == ""
    assert e.age_words == "Out of date: latest 2013/14, due again by 31 March 2016"
    assert e.not_judged == e.age_words
    data = as_dict(e)
    assert (data["out_of_date"], data["due_again_by"], data["rag"]) == (True, "2016-03-31", None)


def test_a_value_is_not_out_of_date_until_its_successor_is_a_cycle_overdue(neet, partnership):
    e = judged(partnership, as_of=dt.date(2016, 3, 31))

    assert (e.out_of_date, e.age_words, e.rag) == (False, "", "green")


def test_the_scorecard_page_judges_as_at_the_areas_data_date(neet, partnership, areas, tmp_path):
    make_indicator("old", period_type="financial_year")
    import_values(write_values(tmp_path / "old.csv", [row("old", period="2012/13", value="70")]))

    rows = {r.indicator.code: r.evaluation for r in scorecard(partnership)}

    # The area's latest value is for 2016/17; a 2012/13 value was due again by March 2015.
    assert rows["old"].out_of_date and not rows["neet"].out_of_date
    assert rows["neet"].rag == "green"


def test_the_page_shows_rows_with_a_value_and_counts_the_rest(neet, partnership):
    make_indicator("missing", period_type="financial_year")
    Target.objects.create(
        partnership=partnership, indicator=Indicator.objects.get(code="missing"), value=1
    )
    rows = scorecard(partnership)

    assert [r.indicator.code for r in rows_to_show(rows, WITH_DATA)] == ["neet"]
    assert [r.indicator.code for r in rows_to_show(rows, JUDGED)] == ["neet"]
    assert len(rows_to_show(rows, ALL)) == 2


def test_the_scorecard_page_hides_rows_with_no_value_and_says_how_many(
    client, neet, partnership, tmp_path
):
    missing = make_indicator("missing", title="Missing", period_type="financial_year")
    Target.objects.create(partnership=partnership, indicator=missing, value=1)
    make_indicator("old", title="An old one", period_type="financial_year")
    import_values(write_values(tmp_path / "old.csv", [row("old", period="2012/13", value="70")]))
    url = f"/{partnership.slug}/scorecard/"

    page = client.get(url).content.decode()

    assert "Missing" not in page
    assert "1 more indicator is hidden by these filters because it has no value yet" in page
    assert "show=all" in page
    # Why a row is not judged, in words, beside a value that says its age.
    assert "Out of date: latest 2012/13, due again by 31 March 2015" in page
    every = client.get(url, {"show": "all"}).content.decode()
    assert "Missing" in every and "Not judged: no value yet" in every
    judged_only = client.get(url, {"show": "judged"}).content.decode()
    assert "An old one" not in judged_only


def test_the_indicator_page_warns_of_an_out_of_date_value_as_the_scorecard_does(
    client, neet, partnership, tmp_path
):
    make_indicator("old", title="An old one", period_type="financial_year")
    import_values(write_values(tmp_path / "old.csv", [row("old", period="2012/13", value="70")]))

    old = client.get(f"/{partnership.slug}/indicators/old/").content.decode()
    current = client.get(f"/{partnership.slug}/indicators/neet/").content.decode()

    assert "Out of date: latest 2012/13, due again by 31 March 2015." in old
    assert "Published</dt>" in old and "Every year (by its period type)" in old
    assert "Out of date" not in current
    assert "Green: met" in current


def test_a_year_on_the_scorecard_page_reads_the_data_as_it_stood(client, neet, partnership):
    DeliveryPlan.objects.create(plan=PlanFactory(partnership=partnership), year_start=2014)

    page = client.get(f"/{partnership.slug}/scorecard/", {"year": "2014-15"}).content.decode()

    assert "for a period ending by 31 March 2015, as the data stood then" in page
    assert "2013/14" in page and "2016/17" not in page


def test_a_year_costs_one_query_for_each_indicator_newer_than_it(
    client, neet, partnership, tmp_path
):
    """A standing newer than the year is worked out again from its indicator's data;
    one already as old as the year is read as stored."""
    DeliveryPlan.objects.create(plan=PlanFactory(partnership=partnership), year_start=2014)
    url, query = f"/{partnership.slug}/scorecard/", {"year": "2014-15"}
    client.get(url, query)
    cache.clear()  # the page evaluated afresh each time, not the whole page from the cache
    with CaptureQueriesContext(connection) as before:
        client.get(url, query)
    newer = [row(f"more-{n}", period="2016/17") for n in range(3)]
    older = [row(f"old-{n}", period="2013/14") for n in range(3)]
    for values in (newer, older):
        for value in values:
            make_indicator(value["indicator"], period_type="financial_year")
    import_values(write_values(tmp_path / "more.csv", newer + older))
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        client.get(url, query)

    assert len(after) == len(before) + len(newer)
