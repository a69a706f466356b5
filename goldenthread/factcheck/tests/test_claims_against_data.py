"""Indicator values, comparisons with England and neighbours, and the size of changes,
checked against the demo's data for Thurrock (values as the seed report gives them)."""

import pytest

from goldenthread.factcheck.check import check_text
from goldenthread.lib.periods import FinancialYear

pytestmark = pytest.mark.django_db
KS4 = "KS4 pupils achieving 5+ GCSEs A*-C including English and maths"


def check(thurrock, text: str):
    return check_text(text, partnership=thurrock, year=FinancialYear(2014))


def test_a_value_within_rounding_agrees(thurrock):
    assert check(thurrock, f"{KS4} was 57% in 2013/14.") == []
    assert check(thurrock, f"{KS4} was 57.4% in 2013/14.") == []


def test_a_wrong_value_is_found_with_the_datas(thurrock):
    [finding] = check(thurrock, f"{KS4} was 59.4% in 2013/14.")
    assert finding.data == "the data has 57.4% for 2013/14"
    assert finding.suggestion == "57.4%"


def test_a_period_the_data_does_not_have_is_not_checked(thurrock):
    assert check(thurrock, f"{KS4} was 40% in 2009/10.") == []


def test_a_value_for_a_group_within_the_area_is_not_checked(thurrock):
    assert check(thurrock, f"{KS4}: boys achieved 51.7%.") == []


def test_a_rate_per_10000_is_checked_in_its_unit(thurrock):
    text = "Children subject to a child protection plan: {} per 10,000 in 2014/15."
    assert check(thurrock, text.format(75)) == []
    [finding] = check(thurrock, text.format(80))
    assert finding.suggestion == "75 per 10,000"


def test_a_wrong_national_value_is_found(thurrock):
    findings = check(thurrock, f"{KS4} was 57.4% compared to 58.2% nationally in 2013/14.")
    [finding] = findings
    assert finding.data == "the data has 56.1% for England in 2013/14"


def test_the_side_of_a_comparison_is_checked(thurrock):
    assert check(thurrock, f"In 2013/14 {KS4} was above the national average.") == []
    [finding] = check(thurrock, f"In 2013/14 {KS4} was below the national average.")
    assert finding.data == "57.4% against 56.1% for England in 2013/14"
    assert finding.suggestion == "above the national average"
    [finding] = check(thurrock, f"In 2013/14 {KS4} was below statistical neighbours.")
    assert "54.6% for statistical neighbours" in finding.data


def test_similar_allows_a_percentage_point(thurrock):
    assert check(thurrock, f"{KS4} is similar to the national average.") == []
    eyfs = "Children achieving a Good Level of Development at the end of reception"
    [finding] = check(thurrock, f"{eyfs} was in line with the national average.")
    assert finding.suggestion == "above the national average"


def test_the_size_of_a_gap_is_checked(thurrock):
    findings = check(thurrock, f"{KS4} was 3.3 percentage points above national in 2013/14.")
    [finding] = findings
    assert finding.suggestion == "1.3 percentage points above"


def test_the_size_of_a_change_from_the_previous_period_is_checked(thurrock):
    l2 = "Young people qualified to level 2 by age 19"
    assert check(thurrock, f"{l2} rose by 0.7 percentage points to 88%.") == []
    [finding] = check(thurrock, f"{l2} rose by 2 percentage points to 88%.")
    assert finding.data == "from 87.3% to 88.0% (2013/14) is a rise of 0.7 percentage points"
