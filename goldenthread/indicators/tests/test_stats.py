"""The statistics module against the values PHEindicatormethods publishes in its own
test data (transcribed into data/phe_reference.json, which names its source files),
and against the formulas' edge cases."""

import json
import math
from pathlib import Path

import pytest

from goldenthread.indicators import stats

REFERENCE = json.loads((Path(__file__).parent / "data" / "phe_reference.json").read_text())
LEVELS = [(0.95, "lower95_0cl", "upper95_0cl"), (0.998, "lower99_8cl", "upper99_8cl")]
Z95, Z998 = 1.959963984540054, 3.090232306167813


def limits(case: dict, lower: str, upper: str) -> tuple:
    return (case["value"], case[lower], case[upper])


@pytest.mark.parametrize("case", REFERENCE["proportion"])
@pytest.mark.parametrize(("confidence", "lower", "upper"), LEVELS)
def test_proportion_matches_phe(case, confidence, lower, upper):
    got = stats.proportion(
        case["Numerator"], case["Denominator"], confidence=confidence, multiplier=case["multiplier"]
    )
    assert (got.value, got.lower, got.upper) == pytest.approx(limits(case, lower, upper), rel=1e-9)


@pytest.mark.parametrize("case", REFERENCE["rate"])
@pytest.mark.parametrize(("confidence", "lower", "upper"), LEVELS)
def test_rate_matches_phe(case, confidence, lower, upper):
    got = stats.rate(
        case["Numerator"], case["Denominator"], confidence=confidence, multiplier=case["multiplier"]
    )
    assert (got.value, got.lower, got.upper) == pytest.approx(limits(case, lower, upper), rel=1e-7)


@pytest.mark.parametrize("case", REFERENCE["dsr"])
@pytest.mark.parametrize(("confidence", "lower", "upper"), LEVELS)
def test_dsr_matches_phe_and_is_suppressed_below_ten_events(case, confidence, lower, upper):
    got = stats.dsr(case["x"], case["n"], confidence=confidence, multiplier=case["multiplier"])
    if case["value"] is None:
        assert sum(x or 0 for x in case["x"]) < 10  # a missing count is 0
        assert (got.value, got.lower, got.upper) == (None, None, None)
    else:
        assert (got.value, got.lower, got.upper) == pytest.approx(
            limits(case, lower, upper), rel=1e-9
        )


@pytest.mark.parametrize("case", REFERENCE["mean"])
@pytest.mark.parametrize(("confidence", "lower", "upper"), LEVELS)
def test_mean_matches_phe(case, confidence, lower, upper):
    got = stats.mean(case["values"], confidence=confidence)
    assert (got.value, got.lower, got.upper) == pytest.approx(limits(case, lower, upper), rel=1e-9)


def test_zero_events_and_all_events():
    none = stats.proportion(0, 50)
    assert (none.value, none.lower) == (0, 0)
    assert none.upper == pytest.approx(Z95**2 / (50 + Z95**2))
    every = stats.proportion(50, 50)
    assert every.lower == pytest.approx(50 / (50 + Z95**2))
    assert every.upper == pytest.approx(1)
    no_events = stats.rate(0, 1000, multiplier=1000)
    assert no_events.lower == 0
    assert no_events.upper == pytest.approx(-math.log(0.025) / 1000 * 1000)


def test_the_rate_method_switches_from_exact_to_byar_at_ten_events():
    assert stats.rate(9, 10_000).method == "exact"
    assert stats.rate(10, 10_000).method == "Byar"
    byar = stats.rate(10, 10_000, multiplier=1)
    assert byar.lower * 10_000 == pytest.approx(10 * (1 - 1 / 90 - Z95 / (3 * math.sqrt(10))) ** 3)


def test_wider_limits_at_99_8_than_at_95_and_both_forms_of_confidence_accepted():
    at95, at998 = stats.proportion(30, 100), stats.proportion(30, 100, confidence=99.8)
    assert at998.lower < at95.lower < at95.value < at95.upper < at998.upper
    assert stats.proportion(30, 100, confidence=95) == at95


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stats.proportion(11, 10), r"x must not be more than n for a proportion \(x = 11, n = 10\)"),
        (lambda: stats.proportion(-1, 10), r"x must not be negative \(x = -1\)"),
        (lambda: stats.proportion(1, 0), r"n must be more than 0 \(n = 0\)"),
        (lambda: stats.rate(1, -5), r"n must be more than 0 \(n = -5\)"),
        (lambda: stats.proportion(1, 10, confidence=0.9), r"confidence must be 0.95 or 0.998 \(got 0.9\)"),
        (lambda: stats.dsr([10, 20], [100, 200]), r"one value per age band \(got 2, 2 and 19\)"),
        (lambda: stats.dsr([10, 20], [100, 0], [1, 1]), r"a population of more than 0"),
        (lambda: stats.mean([3]), r"at least 2 values \(got 1\)"),
        (lambda: stats.compare(1, 0, 2, 1, "upwards"), r"polarity must be one of high_is_good"),
    ],
)  # fmt: skip
def test_bad_arguments_say_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_rate_allows_more_events_than_population():
    assert stats.rate(30, 20, multiplier=1).value == 1.5


@pytest.mark.parametrize(
    ("value", "lower", "upper", "benchmark", "polarity", "expected"),
    [
        (77, 75, 79, 79, "high_is_good", "Similar"),  # on the limit: inclusive
        (77, 75, 79, 75, "high_is_good", "Similar"),
        (77, 75, 79, 80, "high_is_good", "Worse"),
        (77, 75, 79, 74, "high_is_good", "Better"),
        (5.4, 4.8, 6.1, 4.7, "low_is_good", "Worse"),
        (5.4, 4.8, 6.1, 6.5, "low_is_good", "Better"),
        (75, 70, 80, 60, "no_judgement", "Higher"),
        (75, 70, 80, 90, "no_judgement", "Lower"),
        (75, 70, 80, 90, "not_applicable", "Not compared"),
        (75, None, None, 90, "high_is_good", "Not compared"),
        (75, 70, 80, None, "high_is_good", "Not compared"),
    ],
)
def test_compare_with_a_benchmark_by_polarity(value, lower, upper, benchmark, polarity, expected):
    assert stats.compare(value, lower, upper, benchmark, polarity) == expected


@pytest.mark.parametrize(
    ("benchmark", "polarity", "expected"),
    [
        (50, "high_is_good", "Similar"),
        (44, "high_is_good", "Better 95%"),  # between the 99.8% and 95% lower limits
        (40, "high_is_good", "Better 99.8%"),
        (57, "high_is_good", "Worse 95%"),
        (61, "high_is_good", "Worse 99.8%"),
        (44, "low_is_good", "Worse 95%"),
        (61, "low_is_good", "Better 99.8%"),
        (44, "no_judgement", "Higher"),
        (40, "no_judgement", "Highest"),
        (57, "no_judgement", "Lower"),
        (61, "no_judgement", "Lowest"),
        (42, "high_is_good", "Better 95%"),  # exactly on the 99.8% limit
        (None, "high_is_good", "Not compared"),
    ],
)
def test_compare_at_two_levels(benchmark, polarity, expected):
    # value 50; 95% limits 45 to 55; 99.8% limits 42 to 58
    assert stats.compare_two_levels(50, 45, 55, 42, 58, benchmark, polarity) == expected


def test_quintiles_by_fingertips_rule():
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    # bounds: 2.8, 4.6, 6.4, 8.2, 10
    assert [stats.quintile(v, values, "low_is_good") for v in values] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
    ]
    assert [stats.quintile(v, values, "high_is_good") for v in values] == [
        5,
        5,
        4,
        4,
        3,
        3,
        2,
        2,
        1,
        1,
    ]
    assert stats.quintile(3, [1, 2, 3, 4], "low_is_good") == 0
    assert stats.quintile(3, [1, 2, None, 3, 4], "low_is_good") == 0


def test_rank_with_ties_sharing_the_lowest_rank():
    values = [77, 81, 75, 79, 79, None]
    assert [stats.rank(v, values, "high_is_good") for v in [81, 79, 77, 75]] == [1, 2, 4, 5]
    assert [stats.rank(v, values, "low_is_good") for v in [75, 77, 79, 81]] == [1, 2, 3, 5]
    assert stats.rank(None, values, "high_is_good") is None


def test_quartile_bands_a_best_to_d_worst():
    values = list(range(1, 9))  # 8 authorities, higher is better
    bands = [stats.quartile_band(v, values, "high_is_good") for v in reversed(values)]
    assert bands == ["A", "A", "B", "B", "C", "C", "D", "D"]
    assert stats.quartile_band(2, [1, 2, 3], "high_is_good") is None
