"""The forecast baseline on series whose answer is known by hand."""

from itertools import pairwise

import pytest

from goldenthread.indicators.forecast import (
    LINEAR,
    SMOOTHED,
    SMOOTHED_FROM,
    forecast,
    no_forecast_reason,
)

NOISY = [10.0, 12.5, 12.0, 15.5, 15.0, 18.5, 17.5, 21.0, 22.5, 22.0, 25.5, 24.5]


def widths(result):
    return [p.upper - p.lower for p in result.points]


def test_a_straight_line_forecasts_the_line_it_is_on():
    result = forecast([5.0, 7.0, 9.0, 11.0], horizon=3)
    assert result.method == LINEAR
    assert [round(p.value, 6) for p in result.points] == [13.0, 15.0, 17.0]
    # A perfect line leaves nothing to stray: the interval is the line itself.
    assert all(w == pytest.approx(0, abs=1e-6) for w in widths(result))


def test_a_long_straight_line_is_smoothed_along_the_same_line():
    line = [3.0 + 2 * i for i in range(SMOOTHED_FROM + 2)]
    result = forecast(line, horizon=2)
    assert result.method == SMOOTHED
    assert [round(p.value, 3) for p in result.points] == [23.0, 25.0]


def test_the_interval_widens_with_the_horizon_of_a_straight_line_fit():
    result = forecast([10.0, 12.5, 12.0, 15.5, 15.0], horizon=4)
    assert result.method == LINEAR
    w = widths(result)
    assert all(later > earlier for earlier, later in pairwise(w))
    assert all(p.lower < p.value < p.upper for p in result.points)


def test_the_smoothed_interval_never_narrows_and_holds_the_forecast():
    result = forecast(NOISY, horizon=4)
    assert result.method == SMOOTHED
    w = widths(result)
    assert all(later >= earlier for earlier, later in pairwise(w))
    assert w[0] > 0
    # The trend goes on up, about 1.3 a period.
    assert 24 < result.points[0].value < 29
    assert result.points[-1].value > result.points[0].value


def test_few_values_take_the_straight_line_and_say_why():
    assert forecast([1.0, 2.0, 2.5]).method == LINEAR
    few = forecast(NOISY[: SMOOTHED_FROM - 1])
    assert few.method == LINEAR
    assert few.method_words.endswith("used where there are fewer than 8 values")
    assert "Holt" in forecast(NOISY).method_words


def test_a_gap_in_the_periods_takes_the_straight_line_at_the_right_places():
    # Positions 0, 1, 3, 4 ... : one period missing; the line still runs 2 a period.
    values = [1.0, 3.0, 7.0, 9.0, 11.0, 13.0, 15.0, 17.0, 19.0]
    result = forecast(values, [0, 1, 3, 4, 5, 6, 7, 8, 9], horizon=1)
    assert result.method == LINEAR
    assert result.method_words.endswith("used where a period is missing between the values")
    assert result.points[0].value == pytest.approx(21.0)


def test_one_or_two_values_have_no_forecast_and_say_why():
    assert forecast([4.0]) is None
    assert forecast([4.0, 5.0]) is None
    assert "1 value" in no_forecast_reason(1)
    assert "at least 3" in no_forecast_reason(2)
    assert no_forecast_reason(3) == ""


def test_bounds_keep_a_percentage_within_what_it_can_take():
    result = forecast([90.0, 95.0, 99.0], horizon=3, bounds=(0, 100))
    assert all(0 <= p.lower <= p.value <= p.upper <= 100 for p in result.points)
    assert result.points[-1].value == 100
