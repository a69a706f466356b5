import datetime as dt

import pytest

from goldenthread.lib.periods import FinancialYear


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
