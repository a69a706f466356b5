"""Milestones judged as at a day: met or not met only once due, else on or off course."""

import datetime as dt

import pytest

from goldenthread.indicators.evaluation import as_dict
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import Period, Target
from goldenthread.indicators.scorecard import scorecard
from goldenthread.lib.periods import Period as PeriodValue

from .world import make_indicator, row, write_values

MARCH_2015, MARCH_2016 = dt.date(2015, 3, 31), dt.date(2016, 3, 31)


@pytest.fixture
def neet(areas, partnership, tmp_path):
    """NEET, low is good: 6.5% in 2012/13, 6.1% in 2013/14 and 5.4% in 2014/15."""
    indicator = make_indicator(
        "neet", polarity="low_is_good", period_type="financial_year", decimals=1
    )
    values = {"2012/13": "6.5", "2013/14": "6.1", "2014/15": "5.4"}
    rows = [row("neet", period=p, value=v) for p, v in values.items()]
    import_values(write_values(tmp_path / "neet.csv", rows))
    return indicator


def milestone(partnership, indicator, **fields) -> Target:
    fields = {"value": 5.0, "due": MARCH_2016, "due_label": "March 2016"} | fields
    return Target.objects.create(partnership=partnership, indicator=indicator, **fields)


def judged(partnership, as_of=None):
    [row_] = scorecard(partnership, as_of=as_of)
    return row_.evaluation


def test_before_its_date_a_milestone_is_on_course_against_the_line_from_its_baseline(
    neet, partnership
):
    baseline = Period.stored(PeriodValue.financial_year(2012))
    milestone(partnership, neet, baseline=baseline)

    e = judged(partnership, as_of=MARCH_2015)

    # From 6.5% in March 2013 to 5.0% in March 2016: 5.5% expected by March 2015.
    assert e.expected == pytest.approx(5.5, abs=0.01)
    assert (e.rag, e.course, e.on_course) == ("", "on course", True)
    assert e.not_judged == "Not yet due (March 2016): on course, 5.5% expected in 2014/15"
    assert as_dict(e)["timing"] == "not yet due"


def test_before_its_date_a_milestone_without_a_baseline_is_not_yet_due(neet, partnership):
    milestone(partnership, neet)

    e = judged(partnership, as_of=MARCH_2015)

    assert (e.rag, e.course, e.expected, e.on_course) == ("", "", None, None)
    assert e.not_judged == "Not yet due (March 2016)"


def test_once_due_a_value_older_than_the_milestone_is_no_data_never_not_met(neet, partnership):
    milestone(partnership, neet)

    e = judged(partnership, as_of=MARCH_2016)

    assert (e.rag, e.expected) == ("", None)
    assert e.not_judged == "No data since the milestone was due (March 2016)"


def test_once_due_with_a_value_for_its_period_a_milestone_is_met_or_not(
    neet, partnership, tmp_path
):
    milestone(partnership, neet)
    import_values(
        write_values(tmp_path / "later.csv", [row("neet", period="2015/16", value="5.8")])
    )

    e = judged(partnership, as_of=MARCH_2016)

    assert (e.rag, e.expected, e.on_course) == ("red", 5.0, False)


def test_a_page_judges_as_at_the_areas_data_date_never_the_wall_clock(neet, partnership, tmp_path):
    milestone(partnership, neet)

    e = judged(partnership)

    assert (e.as_of, e.timing) == (MARCH_2015, "not yet due")
    # Another indicator's value for 2015/16 moves the data date on: NEET has none since.
    make_indicator("other", period_type="financial_year")
    import_values(write_values(tmp_path / "other.csv", [row("other", period="2015/16")]))
    rows = {r.indicator.code: r.evaluation for r in scorecard(partnership)}
    assert (rows["neet"].as_of, rows["neet"].timing) == (MARCH_2016, "no data since it was due")
