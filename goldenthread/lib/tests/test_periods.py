import datetime as dt

import pytest

from goldenthread.lib.periods import FinancialYear, Period, PeriodKind


@pytest.mark.parametrize("text", ["2014/15", "2014/2015", "2014-15", "2014/5", "14/15", "2014–15"])
def test_it_reads_a_financial_year_as_people_write_it(text):
    assert FinancialYear.parse(text) == FinancialYear(2014)


def test_it_writes_the_year_as_users_expect():
    year = FinancialYear(2014)
    assert str(year) == "2014/15"
    assert year.slug == "2014-15"
    assert str(FinancialYear(1999)) == "1999/00"


@pytest.mark.parametrize("text", ["2014", "2014/16", "", "next year", "2014/13"])
def test_it_refuses_a_bare_or_impossible_year(text):
    with pytest.raises(ValueError, match="not a financial year"):
        FinancialYear.parse(text)


def test_it_knows_the_april_to_march_boundaries():
    year = FinancialYear(2014)
    assert (year.first_day, year.last_day) == (dt.date(2014, 4, 1), dt.date(2015, 3, 31))
    assert FinancialYear.containing(dt.date(2015, 3, 31)) == year
    assert FinancialYear.containing(dt.date(2015, 4, 1)) == year.next()
    assert year.previous() < year < year.next()


# Periods of every kind an indicator is measured by.

FY, AY, CY = PeriodKind.FINANCIAL_YEAR, PeriodKind.ACADEMIC_YEAR, PeriodKind.CALENDAR_YEAR


@pytest.mark.parametrize(
    ("text", "kind", "written", "start", "end"),
    [
        ("2014/15", FY, "2014/15", dt.date(2014, 4, 1), dt.date(2015, 3, 31)),
        ("2013-2014", AY, "2013/14", dt.date(2013, 9, 1), dt.date(2014, 8, 31)),
        ("2014", CY, "Jan to Dec 2014", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
        ("calendar year 2014", None, "Jan to Dec 2014", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
        ("Q3 2014/15", None, "Q3 2014/15", dt.date(2014, 10, 1), dt.date(2014, 12, 31)),
        ("q4 14/15", None, "Q4 2014/15", dt.date(2015, 1, 1), dt.date(2015, 3, 31)),
        ("March 2015", None, "March 2015", dt.date(2015, 3, 1), dt.date(2015, 3, 31)),
        ("Sept 2014", None, "September 2014", dt.date(2014, 9, 1), dt.date(2014, 9, 30)),
        ("2015-02", None, "February 2015", dt.date(2015, 2, 1), dt.date(2015, 2, 28)),
        ("as at 31 March 2015", None, "31 March 2015", dt.date(2015, 3, 31), dt.date(2015, 3, 31)),
        ("as of 31.3.15", None, "31 March 2015", dt.date(2015, 3, 31), dt.date(2015, 3, 31)),
        ("2015-03-31", None, "31 March 2015", dt.date(2015, 3, 31), dt.date(2015, 3, 31)),
    ],
)
def test_periods_are_read_as_people_type_them_and_written_one_way(text, kind, written, start, end):
    period = Period.parse(text, kind)

    assert (str(period), period.start, period.end) == (written, start, end)
    assert Period.parse(str(period), period.kind) == period


def test_a_bare_year_is_refused_unless_the_indicator_counts_calendar_years():
    with pytest.raises(ValueError, match="write a financial year as 2014/15"):
        Period.parse("2014", FY)
    with pytest.raises(ValueError, match="is not a period"):
        Period.parse("2014")


def test_a_period_of_another_kind_than_the_indicator_is_refused_with_the_expected_form():
    with pytest.raises(
        ValueError, match="is a quarter, but this indicator is measured by academic"
    ):
        Period.parse("Q3 2014/15", AY)


@pytest.mark.parametrize("text", ["", "soon", "Q5 2014/15", "Smarch 2015", "31 February 2015"])
def test_nonsense_is_not_a_period(text):
    with pytest.raises(ValueError, match="is not a period"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "kind", "previous"),
    [
        ("2014/15", FY, "2013/14"),
        ("2013/14", AY, "2012/13"),
        ("Q1 2014/15", None, "Q4 2013/14"),
        ("January 2015", None, "December 2014"),
        ("31 March 2015", None, "31 March 2014"),
        ("29 February 2016", None, "28 February 2015"),
    ],
)
def test_the_previous_period_is_known(text, kind, previous):
    period = Period.parse(text, kind)

    assert str(period.previous()) == previous
    assert period.previous().next() == period or period.end.day == 29


def test_periods_order_by_when_they_end():
    year = Period.parse("2014/15", FY)
    quarters = [Period.parse(f"Q{n} 2014/15") for n in (4, 1, 3, 2)]

    assert [str(p) for p in sorted([year, *quarters])] == [
        "Q1 2014/15",
        "Q2 2014/15",
        "Q3 2014/15",
        "Q4 2014/15",
        "2014/15",
    ]
    assert year.phrase == "in 2014/15"
    assert Period.parse("31 March 2015").phrase == "as at 31 March 2015"
