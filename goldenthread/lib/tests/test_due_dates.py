import datetime as dt

import pytest

from goldenthread.lib.due_dates import due_date_of
from goldenthread.lib.periods import FinancialYear

YEAR = FinancialYear(2015)


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("31/03/2016", dt.date(2016, 3, 31)),
        ("31.3.16", dt.date(2016, 3, 31)),
        ("2016-03-31", dt.date(2016, 3, 31)),
        ("30th September 2015", dt.date(2015, 9, 30)),
        ("March 2016", dt.date(2016, 3, 31)),
        ("Mar-16", dt.date(2016, 3, 31)),
        ("Sept 15", dt.date(2015, 9, 30)),
        ("Feb 2016", dt.date(2016, 2, 29)),
        ("Q3", dt.date(2015, 12, 31)),
        ("Q4", dt.date(2016, 3, 31)),
        ("Q1 2016/17", dt.date(2016, 6, 30)),
        ("2015/16", dt.date(2016, 3, 31)),
        ("End of year", dt.date(2016, 3, 31)),
        ("June", dt.date(2015, 6, 30)),
        ("by January", dt.date(2016, 1, 31)),
        ("Spring 2016", dt.date(2016, 5, 31)),
        ("Winter 2015", dt.date(2016, 2, 29)),
        ("June 2015 and March 2016", dt.date(2016, 3, 31)),
        ("Interim report July 2015, final 31/12/2015", dt.date(2015, 12, 31)),
        (dt.datetime(2016, 1, 15, 0, 0), dt.date(2016, 1, 15)),
        (dt.date(2016, 1, 15), dt.date(2016, 1, 15)),
    ],
)
def test_a_deadline_as_councils_write_it_is_due_at_the_end_of_what_it_names(written, due):
    assert due_date_of(written, YEAR) == due


@pytest.mark.parametrize(
    "written", ["", "Ongoing", "TBC", "n/a", "31/02/2016", "Staff may be delayed by the review"]
)
def test_words_that_name_no_date_are_due_on_no_day(written):
    assert due_date_of(written, YEAR) is None


def test_a_quarter_or_month_alone_needs_the_year_it_belongs_to():
    assert due_date_of("Q3") is None
    assert due_date_of("June") is None
    assert due_date_of("Q3 2015/16") == dt.date(2015, 12, 31)
