"""Change over time: improving or worsening only where the change is significant."""

from goldenthread.indicators.evaluation import Evaluation, change_is_significant
from goldenthread.indicators.models import Indicator
from goldenthread.lib.periods import Period


def points(*values: float, half_width: float) -> list:
    return [
        [f"{2010 + i}/{11 + i}", v, v - half_width, v + half_width] for i, v in enumerate(values)
    ]


def test_a_change_is_significant_where_the_two_intervals_do_not_overlap():
    assert change_is_significant(points(72, 77, half_width=2), 5) == (
        True,
        "their 95% confidence intervals do not overlap",
    )
    assert change_is_significant(points(72, 74, half_width=2), 2) == (
        False,
        "their 95% confidence intervals overlap",
    )


def test_five_values_with_limits_are_tested_for_a_recent_trend_the_same_way():
    # Each step's intervals overlap, but the five rise steadily: chi-squared 17.1.
    rising = points(10, 11, 12, 13, 14, half_width=1.5)
    assert change_is_significant(rising, 1) == (
        True,
        "the last five values show a significant trend (Fingertips' test)",
    )
    # A trend the other way from the latest change does not make it significant.
    assert change_is_significant(rising[:4] + [[*rising[4][:1], 12.5, 11, 14]], -0.5)[0] is False


def test_a_change_without_both_limits_is_not_tested():
    unknown = [["2012/13", 72, None, None], ["2013/14", 77, 75, 79]]
    assert change_is_significant(unknown, 5) == (
        None,
        "the 95% limits of both values are needed to test it",
    )
    # A standing stored before limits were kept: a period and a value only.
    assert change_is_significant([["2012/13", 72], ["2013/14", 77]], 5)[0] is None


def test_the_direction_says_improving_or_worsening_only_when_significant():
    indicator = Indicator(code="ks2", unit="percentage", polarity="low_is_good", decimals=0)
    year = Period.parse("2013/14", "academic_year")

    def judged(trend) -> tuple[str, str]:
        e = Evaluation(indicator, period=year, value=77, previous_value=72, trend=trend)
        return e.direction, e.direction_why

    assert judged(points(72, 77, half_width=2))[0] == "worsening"
    assert judged(points(72, 77, half_width=3))[0] == "no significant change"
    assert judged([])[0] == "change not tested"


def test_a_change_beyond_the_indicators_tolerance_counts_without_a_test():
    """The second ground: a tolerance in the indicator's unit, percentage points here."""
    indicator = Indicator(
        code="neet", unit="percentage", polarity="low_is_good", decimals=1, change_tolerance=2
    )
    year = Period.parse("2014/15", "financial_year")

    def judged(previous, trend=()) -> tuple[str, str, str]:
        e = Evaluation(indicator, period=year, value=10, previous_value=previous, trend=list(trend))
        return e.direction, e.direction_why, e.direction_ground

    # Without limits a change is not tested; beyond the tolerance it still counts.
    assert judged(7.5) == ("worsening", "beyond the 2 percentage point tolerance", "tolerance")
    assert judged(12.1)[0] == "improving"
    # Within it, and untested: no significant change, saying both why.
    assert judged(8.5) == (
        "no significant change",
        (
            "within the 2 percentage point tolerance; "
            "the 95% limits of both values are needed to test it"
        ),
        "",
    )
    # Exactly the tolerance is not beyond it.
    assert judged(8)[0] == "no significant change"
    # Significant by the test: the test is the ground given, whatever the tolerance.
    tested = [["2013/14", 9, 8.8, 9.2], ["2014/15", 10, 9.8, 10.2]]
    assert judged(9, tested) == (
        "worsening",
        "their 95% confidence intervals do not overlap",
        "significance",
    )
    # Overlapping intervals, but beyond the tolerance: the tolerance decides.
    wide = [["2013/14", 7.5, 4, 11], ["2014/15", 10, 7, 13]]
    assert judged(7.5, wide) == (
        "worsening",
        "beyond the 2 percentage point tolerance",
        "tolerance",
    )


def test_a_tolerance_in_another_unit_is_said_in_it():
    indicator = Indicator(
        code="weeks",
        unit="duration",
        unit_label="weeks",
        polarity="low_is_good",
        decimals=0,
        change_tolerance=1,
    )
    e = Evaluation(
        indicator, period=Period.parse("2014/15", "financial_year"), value=30, previous_value=27
    )
    assert e.direction_why == "beyond the 1 week tolerance"
