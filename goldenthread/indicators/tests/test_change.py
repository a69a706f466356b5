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
