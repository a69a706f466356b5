import datetime as dt

import pytest

from goldenthread.indicators.models import Rule, Target
from goldenthread.indicators.targets import (
    DUE,
    NO_DATA_SINCE,
    NOT_YET_DUE,
    OFF_COURSE,
    ON_COURSE,
    Facts,
    applicable_target,
    course,
    expected_value,
    gap_rag,
    rag,
    timing,
    trajectory_value,
)
from goldenthread.lib.periods import Period

FY = "financial_year"


def period(text: str) -> Period:
    return Period.parse(text, FY)


def target(**fields) -> Target:
    return Target(**fields)


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        (5.4, "low_is_good", "green"),  # NEET 5.4% against 5.7%: met
        (5.9, "low_is_good", "amber"),  # 0.2 above: within 5% of 5.7
        (6.2, "low_is_good", "red"),
        (80, "high_is_good", "green"),
        (77, "high_is_good", "amber"),  # within 5% of 80
        (75, "high_is_good", "red"),
        (80, "no_judgement", ""),
        (None, "high_is_good", ""),
    ],
)
def test_rag_is_met_green_within_tolerance_amber_else_red_by_polarity(value, polarity, expected):
    target_value = 5.7 if polarity == "low_is_good" else 80
    assert rag(value, target_value, polarity, tolerance=5) == expected


def test_the_tolerance_is_the_indicators_own():
    assert rag(77, 80, "high_is_good", tolerance=2) == "red"


def test_a_dated_target_applies_until_it_falls_due_and_the_last_stands_after():
    march_2014 = target(value=5.7, due=dt.date(2014, 3, 31))
    march_2016 = target(value=5.0, due=dt.date(2016, 3, 31))
    targets = [march_2016, march_2014]

    assert applicable_target(targets, period("2013/14")) is march_2014
    assert applicable_target(targets, period("2014/15")) is march_2016
    assert applicable_target(targets, period("2016/17")) is march_2016
    assert applicable_target([], period("2016/17")) is None


def test_reduce_by_points_until_as_good_as_england():
    rule = target(rule=Rule.REDUCE_BY_POINTS_UNTIL_ENGLAND, amount=0.5)
    facts = Facts(period("2014/15"), baseline=6.8, baseline_period=period("2012/13"), england=4.7)

    assert expected_value(rule, "low_is_good", facts) == pytest.approx(5.8)
    # Once the trajectory passes England's value, England's value is the target.
    later = Facts(period("2018/19"), baseline=6.8, baseline_period=period("2012/13"), england=4.7)
    assert expected_value(rule, "low_is_good", later) == 4.7


def test_increase_by_percent_year_on_year_expects_on_the_previous_value():
    rule = target(rule=Rule.INCREASE_BY_PERCENT, amount=20)

    assert expected_value(rule, "high_is_good", Facts(period("2014/15"), previous=250)) == 300
    assert expected_value(rule, "high_is_good", Facts(period("2014/15"))) is None


def test_at_or_better_than_england_expects_englands_value():
    rule = target(rule=Rule.AT_OR_BETTER_THAN_ENGLAND)
    facts = Facts(period("2014/15"), england=79)

    assert expected_value(rule, "high_is_good", facts) == 79
    assert rag(77, 79, "high_is_good", 5) == "amber"


def test_next_quartile_expects_what_it_takes_to_enter_the_band_above():
    rule = target(rule=Rule.NEXT_QUARTILE)
    facts = Facts(period("2014/15"), baseline_band="C", quartile_bounds=(82.0, 79.0, 76.0))

    assert expected_value(rule, "high_is_good", facts) == 79.0
    top = Facts(period("2014/15"), baseline_band="A", quartile_bounds=(82.0, 79.0, 76.0))
    assert expected_value(rule, "high_is_good", top) == 82.0


def test_a_gap_is_met_when_narrower_than_before_whichever_group_is_ahead():
    assert gap_rag(-16, -18) == "green"
    assert gap_rag(-18, -16) == "red"
    assert gap_rag(16, -16) == "amber"
    assert gap_rag(None, -16) == ""


def test_a_rule_without_a_date_holds_once_dated_targets_are_past():
    milestone = target(value=5.7, due=dt.date(2014, 3, 31))
    rule = target(rule=Rule.REDUCE_BY_POINTS_UNTIL_ENGLAND, amount=0.5)

    assert applicable_target([rule, milestone], period("2013/14")) is milestone
    assert applicable_target([rule, milestone], period("2014/15")) is rule


def test_at_the_same_date_the_whole_population_comes_before_a_gap():
    due = dt.date(2014, 8, 31)
    gap = target(rule=Rule.GAP_NARROWED, breakdown="fsm:eligible", due=due)
    england = target(rule=Rule.AT_OR_BETTER_THAN_ENGLAND, due=due)

    assert applicable_target([gap, england], Period.parse("2013/14", "academic_year")) is england


def test_a_target_that_cannot_be_judged_says_why():
    from goldenthread.indicators.targets import not_judged

    rule = target(rule=Rule.REDUCE_BY_POINTS_UNTIL_ENGLAND, amount=0.5)

    assert not_judged(rule, has_value=False) == "Not judged: no data"
    assert not_judged(rule, has_value=True) == (
        "Not judged: the rule needs a value for its baseline period"
    )


MARCH_2016 = dt.date(2016, 3, 31)


def test_a_milestone_is_due_once_its_date_has_passed_and_a_value_reaches_it():
    milestone = target(value=5.0, due=MARCH_2016)

    # As at the end of the value's own period, by default.
    assert timing(milestone, period("2015/16")) == DUE
    assert timing(milestone, period("2014/15")) == NOT_YET_DUE
    # A report as at 31 March 2015 does not judge a milestone of March 2016...
    assert timing(milestone, period("2015/16"), as_of=dt.date(2015, 3, 31)) == NOT_YET_DUE
    # ...and one as at 31 March 2016 cannot judge it from a value for 2014/15.
    assert timing(milestone, period("2014/15"), as_of=MARCH_2016) == NO_DATA_SINCE


def test_a_target_without_a_date_is_always_due():
    rule = target(rule=Rule.AT_OR_BETTER_THAN_ENGLAND)

    assert timing(rule, period("2012/13"), as_of=MARCH_2016) == DUE


def test_a_milestone_due_after_the_value_is_the_one_it_is_too_old_for():
    march_2014 = target(value=5.7, due=dt.date(2014, 3, 31))
    march_2015 = target(value=5.2, due=dt.date(2015, 3, 31))
    march_2016 = target(value=5.0, due=MARCH_2016)
    targets = [march_2014, march_2015, march_2016]

    # As at March 2016 the latest milestone due is March 2016's, and 2013/14 is too old.
    assert applicable_target(targets, period("2013/14"), as_of=MARCH_2016) is march_2016
    assert applicable_target(targets, period("2013/14"), as_of=dt.date(2015, 3, 31)) is (march_2015)
    # As at the end of its own period, a value is judged against the target it was due by.
    assert applicable_target(targets, period("2013/14")) is march_2014


def test_before_its_date_a_milestone_expects_the_straight_line_from_the_baseline():
    milestone = target(value=5.0, due=MARCH_2016)
    facts = Facts(period("2014/15"), baseline=6.5, baseline_period=period("2012/13"))

    # Two years (730 days) of three (1,096) from 6.5% in March 2013 to 5.0% in March 2016.
    assert trajectory_value(milestone, facts) == pytest.approx(6.5 - 1.5 * 730 / 1096)
    assert trajectory_value(milestone, Facts(period("2014/15"))) is None
    later = Facts(period("2017/18"), baseline=6.5, baseline_period=period("2012/13"))
    assert trajectory_value(milestone, later) == 5.0


def test_on_course_where_the_value_is_at_least_as_good_as_the_trajectory():
    assert course(5.4, 5.5, "low_is_good") == ON_COURSE
    assert course(5.6, 5.5, "low_is_good") == OFF_COURSE
    assert course(80, 79, "high_is_good") == ON_COURSE
    assert course(None, 79, "high_is_good") == ""
    assert course(80, None, "high_is_good") == ""


def test_a_milestone_not_yet_due_or_with_no_data_since_says_so_never_not_met():
    from goldenthread.indicators.targets import not_judged

    milestone = target(value=800, due=dt.date(2014, 9, 30), due_label="September 2014")

    assert not_judged(milestone, True, NOT_YET_DUE) == "Not yet due (September 2014)"
    assert not_judged(milestone, True, NO_DATA_SINCE) == (
        "No data since the milestone was due (September 2014)"
    )
