"""Findings in words, sentence by sentence."""

import datetime as dt

import pytest

from goldenthread.indicators.breakdowns import BreakdownGap, GapPoint
from goldenthread.indicators.evaluation import Evaluation
from goldenthread.indicators.models import Indicator, Target
from goldenthread.lib.periods import Period
from goldenthread.reports import findings as f


def ks2(**fields) -> Indicator:
    return Indicator(
        code="ks2",
        title="KS2 level 4+",
        unit="percentage",
        polarity="high_is_good",
        period_type="academic_year",
        decimals=0,
        **fields,
    )


def neet() -> Indicator:
    return Indicator(
        code="neet",
        title="NEET",
        unit="percentage",
        polarity="low_is_good",
        period_type="financial_year",
        decimals=1,
    )


def cp() -> Indicator:
    return Indicator(
        code="cp",
        title="Child protection plans",
        unit="rate",
        per=10_000,
        polarity="no_judgement",
        period_type="financial_year",
        decimals=0,
    )


def ay(text: str) -> Period:
    return Period.parse(text, "academic_year")


def fy(text: str) -> Period:
    return Period.parse(text, "financial_year")


def evaluation(indicator=None, **fields) -> Evaluation:
    defaults = {"period": ay("2013/14"), "value": 77.0}
    return Evaluation(indicator=indicator or ks2(), **(defaults | fields))


def test_the_value_with_its_period_as_users_write_it():
    assert f.value_sentence(evaluation(), "Thurrock") == "Thurrock: 77% in 2013/14."
    provisional = evaluation(provisional=True)
    assert f.value_sentence(provisional, "Thurrock") == "Thurrock: 77% in 2013/14 (provisional)."
    snapshot = Evaluation(indicator=cp(), period=Period.parse("31 March 2015"), value=70)
    assert f.value_sentence(snapshot, "Thurrock") == "Thurrock: 70 per 10,000 as at 31 March 2015."


# 95% limits that do not overlap: a significant rise from 72% to 77%.
APART = [["2012/13", 72.0, 70.0, 74.0], ["2013/14", 77.0, 75.0, 79.0]]


def test_a_change_between_percentages_is_in_percentage_points_and_judged_by_polarity():
    rise = evaluation(previous_value=72.0, previous_period=ay("2012/13"), trend=APART)
    assert f.change_sentence(rise, "Thurrock") == (
        "It rose from 72% in 2012/13 to 77%, 5 percentage points higher: an improvement "
        "(their 95% confidence intervals do not overlap)."
    )
    fall = Evaluation(
        indicator=neet(),
        period=fy("2014/15"),
        value=5.4,
        previous_value=5.7,
        previous_period=fy("2013/14"),
        trend=[["2013/14", 5.7, 5.1, 6.3], ["2014/15", 5.4, 4.8, 6.0]],
    )
    assert f.change_sentence(fall, "Thurrock") == (
        "It fell from 5.7% in 2013/14 to 5.4%, 0.3 percentage points lower: not a significant "
        "change (their 95% confidence intervals overlap)."
    )


def test_a_change_whose_limits_are_not_known_is_not_tested_and_says_so():
    untested = evaluation(previous_value=72.0, previous_period=ay("2012/13"))
    assert f.change_sentence(untested, "Thurrock") == (
        "It rose from 72% in 2012/13 to 77%, 5 percentage points higher: not tested for "
        "significance (the 95% limits of both values are needed to test it)."
    )


def test_a_change_without_polarity_is_not_called_better_or_worse():
    higher = Evaluation(
        indicator=cp(),
        period=fy("2014/15"),
        value=75,
        previous_value=70,
        previous_period=fy("2013/14"),
        trend=[["2013/14", 70, 68, 72], ["2014/15", 75, 73, 77]],
    )
    assert f.change_sentence(higher, "Thurrock") == (
        "It rose from 70 per 10,000 in 2013/14 to 75 per 10,000, 5 per 10,000 higher."
    )


def test_no_change_at_the_indicators_decimals_and_no_earlier_value():
    same = Evaluation(
        indicator=cp(),
        period=fy("2014/15"),
        value=75.2,
        previous_value=74.9,
        previous_period=fy("2013/14"),
    )
    assert f.change_sentence(same, "Thurrock") == "This is unchanged from 75 per 10,000 in 2013/14."
    assert f.change_sentence(evaluation(), "Thurrock") == (
        "There is no earlier value for Thurrock to compare with."
    )


def test_one_percentage_point_is_singular():
    e = evaluation(previous_value=76.0, previous_period=ay("2012/13"))
    assert "1 percentage point higher" in f.change_sentence(e, "Thurrock")


def test_comparators_with_significance():
    e = evaluation(england=79.0, region=78.0, neighbours=77.0, significance="Worse 95%")
    assert f.comparison_sentence(e) == (
        "This is 2 percentage points below England (79%), 1 percentage point below the region "
        "(78%) and the same as statistical neighbours (77%); compared with England it is "
        "significantly worse (at 95%)."
    )
    similar = evaluation(england=79.0, significance="Similar")
    assert f.comparison_sentence(similar).endswith(
        "compared with England it is not significantly different."
    )
    assert f.comparison_sentence(evaluation(england=79.0)) == (
        "This is 2 percentage points below England (79%)."
    )
    assert f.comparison_sentence(evaluation()).startswith("There is no value for England")


def test_rank_and_quartile():
    e = evaluation(rank=59, ranked=151, quartile_band="B")
    assert f.rank_sentence(e, "Thurrock") == (
        "Thurrock ranks 59th of 151 local authorities (1st is best), in the second quartile."
    )
    assert [f.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "111th",
    ]
    assert f.rank_sentence(evaluation(), "Thurrock") == ""


def test_a_milestone_met_or_not_and_a_rule_with_what_it_expects():
    milestone = Target(kind="milestone", value=80, due=dt.date(2014, 8, 31), due_label="2013/14")
    assert f.target_sentence(evaluation(target=milestone, rag="amber"), "Thurrock") == (
        "The milestone of 80% by 2013/14: not met, but within the tolerance."
    )
    rule = Target(
        kind="trajectory",
        rule="reduce_by_points_until_england",
        amount=0.5,
        text="0.5% reduction until performance is above national levels",
    )
    e = Evaluation(
        indicator=neet(), period=fy("2014/15"), value=5.4, target=rule, expected=5.6, rag="green"
    )
    assert f.target_sentence(e, "Thurrock") == (
        "The target “0.5% reduction until performance is above national levels” "
        "(5.6% expected in 2014/15): met."
    )
    unjudged = Evaluation(indicator=neet(), period=fy("2014/15"), value=5.4, target=rule)
    assert f.target_sentence(unjudged, "Thurrock") == (
        "The target “0.5% reduction until performance is above national levels”: "
        "the rule needs a value for its baseline period, so it is not judged."
    )


def test_a_gap_that_narrowed_or_widened():
    points = [GapPoint(ay("2012/13"), 59, 75), GapPoint(ay("2013/14"), 62, 80)]
    gap = BreakdownGap("fsm", "fsm:eligible", "fsm:not-eligible", points, {})
    assert f.gap_sentence(evaluation(), gap) == (
        "The gap between eligible and not eligible widened from 16 in 2012/13 "
        "to 18 percentage points in 2013/14."
    )
    narrowed = BreakdownGap("fsm", "fsm:eligible", "fsm:not-eligible", points[::-1], {})
    assert "narrowed from 18 in 2013/14 to 16 percentage points in 2012/13" in f.gap_sentence(
        evaluation(), narrowed
    )


def test_missing_data_is_said_not_shown_as_zero():
    e = Evaluation(indicator=ks2())
    assert f.findings(e, "Thurrock") == ["There is no value for Thurrock yet."]


@pytest.mark.parametrize("value", [77.0, 77.4])
def test_no_sentence_contradicts_the_numbers_beside_it(value):
    e = evaluation(
        value=value,
        previous_value=72.0,
        previous_period=ay("2012/13"),
        trend=APART,
        england=79.0,
        significance="Worse",
        rank=5,
        ranked=8,
        quartile_band="C",
    )
    text = " ".join(f.findings(e, "Thurrock"))
    assert e.indicator.format(e.value) in text
    assert "77%" in text and "79%" in text and "72%" in text
    assert "improvement" in text and "below England" in text


def test_a_count_of_one_is_singular_and_other_counts_plural():
    schools = Indicator(
        code="floor",
        title="Schools below the floor",
        unit="count",
        unit_label="schools",
        decimals=0,
    )
    children = Indicator(
        code="cp", title="Children", unit="count", unit_label="children", decimals=0
    )

    assert schools.format(1) == "1 school"
    assert schools.format(2) == "2 schools"
    assert schools.format(0) == "0 schools"
    assert children.format(1) == "1 child"
    # As shown, at the indicator's decimals: 1.2 children is written "1 child".
    assert children.format(1.2) == "1 child"


def test_a_milestone_not_yet_due_or_with_no_data_since_is_never_called_not_met():
    milestone = Target(
        kind="milestone", value=5.0, due=dt.date(2016, 3, 31), due_label="March 2016"
    )
    as_at = {"period": fy("2014/15"), "value": 5.4, "target": milestone}
    on_course = Evaluation(
        indicator=neet(),
        **as_at,
        expected=5.5,
        as_of=dt.date(2015, 3, 31),
        timing="not yet due",
        course="on course",
    )
    assert f.target_sentence(on_course, "Thurrock") == (
        "The milestone of 5.0% by March 2016: not yet due as at 31 March 2015; "
        "on course, 5.5% expected in 2014/15."
    )
    too_old = Evaluation(
        indicator=neet(), **as_at, as_of=dt.date(2016, 3, 31), timing="no data since it was due"
    )
    assert f.target_sentence(too_old, "Thurrock") == (
        "The milestone of 5.0% by March 2016: no data since it was due "
        "(the latest value is in 2014/15), as at 31 March 2016."
    )
