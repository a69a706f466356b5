"""The statistics module against values the R package PHEindicatormethods publishes in
its own test data, and against the formulas' edge cases.

Reference values come from github.com/ukhsa-collaboration/PHEindicatormethods,
``tests/testthat/`` (commit 093fd28):

* ``data/phe_reference.json`` transcribes, unrounded, testdata_Proportion.xlsx (sheet
  testdata_Prop), testdata_Rate.xlsx (testdata_Rate), testdata_Mean.xlsx
  (testdata_Mean, testdata_Mean_results: Area1 and Area2) and testdata_DSR_ISR.xlsx
  (testdata_multiarea, testresults_DSR: testdata_big, _small and _tiny), each at 95%
  and 99.8%.
* The tables below transcribe the 95% sheets testdata_Prop_g and testdata_Rate_g,
  testdata_Byars_Wilson.xlsx (testdata_B_W), the "No grouping" mean and the
  European Standard Population 1976 DSR (testdata_1976).
"""

import dataclasses
import doctest
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from goldenthread.indicators import stats

REFERENCE = json.loads((Path(__file__).parent / "data" / "phe_reference.json").read_text())
LEVELS = [(0.95, "lower95_0cl", "upper95_0cl"), (0.998, "lower99_8cl", "upper99_8cl")]
# Φ⁻¹(0.975) and Φ⁻¹(0.999), as the method note gives them.
Z = {0.95: 1.959963984540054, 0.998: 3.090232306167813}
REL = 1e-9  # the package's numbers are unrounded; ours agree to about 1e-12


@pytest.fixture(scope="module")
def gamma():
    """scipy's gamma distribution: imported by the tests that use it, not by collecting
    them (a second of every test process's start)."""
    from scipy.stats import gamma

    return gamma


# testdata_Proportion.xlsx, sheet testdata_Prop_g (95%): x, n, lower, upper.
PROPORTIONS_95 = [
    (2, 200, 0.002746658133544438, 0.035721761716176796),
    (10, 200, 0.027382645600763925, 0.08957814813877597),
    (40, 200, 0.15045200926098115, 0.2608551865653788),
    (130, 200, 0.5816346433604008, 0.7127117587264192),
    (19712, 24690, 0.7933291845541375, 0.8033378032278297),
    (15552912, 15128673354, 0.0010275314947741198, 0.0010285528098907119),
    (444, 6430, 0.06310799576298091, 0.0755092618317013),
    (1998, 6912, 0.2784949436323704, 0.2998643901720741),
]
# testdata_Rate.xlsx, sheet testdata_Rate_g (95%, per 100,000): x, n, lower, upper.
RATES_95 = [
    (2, 200, 121.10463927198258, 3612.3438338619794),  # exact
    (10, 200, 2393.7249569837822, 9195.729302878237),  # Byar's, at the switch
    (40, 200, 14286.649933218456, 27235.04966001213),
    (130, 200, 54306.52101925725, 77182.74430661963),
    (19712, 24690, 78727.30027133638, 80960.43271813256),
    (15552912, 15128673354, 102.7531168009107, 102.85530745877516),
    (444, 6430, 6277.68811414578, 7578.304458634362),
    (1998, 6912, 27652.52008830221, 30202.169187218453),
    (250, 220, 99984.94738532876, 128631.14487455782),  # more events than people
]
# testdata_Byars_Wilson.xlsx, sheet testdata_B_W: Wilson limits (x, n) and Byar's
# limits for a count (n None). The sheet's Byar rows for 1 event are not here: a rate
# of fewer than 10 events takes exact limits.
WILSON = [
    (65, 100, 0.95, 0.5525444329688797, 0.7363575175690247),
    (1045, 5000, 0.95, 0.19795549880013297, 0.22049130373189027),
    (0.445, 1, 0.95, 0.04381744772058822, 0.9334621276979156),
    (65, 100, 0.998, 0.4954946574070431, 0.7783540614089697),
    (1045, 5000, 0.998, 0.19179381799015244, 0.22731562902525818),
    (0.445, 1, 0.998, 0.019347006132900975, 0.9702259947019541),
]
BYAR = [
    (65, 0.95, 50.163187710459454, 82.84913854593984),
    (1045, 0.95, 982.5932018073325, 1110.33121298565),
    (65, 0.998, 42.8802614714802, 94.00029084431802),
    (1045, 0.998, 947.9407035610374, 1148.806160988033),
    (10, 0.998, 2.916318374695686, 24.193724927880535),
]
# testdata_DSR_ISR.xlsx, sheet testdata_1976, with testresults_DSR's testdata_1976 rows.
# Only 95%: the sheet's 99.8% columns for this row are ten times too big, and the
# package's own test reads only the 95% ones.
DSR_1976 = {
    "x": [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82],
    "n": [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123],
    "esp1976": [8000, *[7000] * 10, 6000, 5000, 4000, 3000, 2000, 1000, 1000],
    10_000: (859.2097585022366, 799.1160931442103, 922.5253880318318),
    100_000: (8592.097585022366, 7991.160931442103, 9225.253880318318),
}
# testdata_Mean.xlsx, sheet testdata_Mean_results, "No grouping": all 26 values.
MEAN_OF_ALL = {
    0.95: (3948.1141538461534, 2666.995676745849, 5229.232630946458),
    0.998: (3948.1141538461534, 1801.9535385474737, 6094.274769144833),
}


def triple(estimate: stats.Estimate) -> tuple:
    return (estimate.value, estimate.lower, estimate.upper)


def expected(case: dict, lower: str, upper: str) -> tuple:
    return (case["value"], case[lower], case[upper])


# Published values -------------------------------------------------------------------


@pytest.mark.parametrize("case", REFERENCE["proportion"])
@pytest.mark.parametrize(("confidence", "lower", "upper"), LEVELS)
def test_proportion_matches_phe(case, confidence, lower, upper):
    got = stats.proportion(
        case["Numerator"], case["Denominator"], confidence=confidence, multiplier=case["multiplier"]
    )
    assert triple(got) == pytest.approx(expected(case, lower, upper), rel=REL)
    assert (got.confidence, got.method) == (confidence, "Wilson")


@pytest.mark.parametrize(("x", "n", "lower", "upper"), PROPORTIONS_95)
def test_proportion_matches_phe_grouped_data(x, n, lower, upper):
    got = stats.proportion(x, n)
    assert triple(got) == pytest.approx((x / n, lower, upper), rel=REL)


@pytest.mark.parametrize(("x", "n", "confidence", "lower", "upper"), WILSON)
def test_wilson_limits_match_phe_including_a_fractional_count(x, n, confidence, lower, upper):
    got = stats.proportion(x, n, confidence=confidence)
    assert (got.lower, got.upper) == pytest.approx((lower, upper), rel=REL)


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_wilson_limits_of_columns_match_phe_row_by_row(confidence):
    """The column-at-a-time form a national import checks its limits with."""
    cases = [(x, n) for x, n, level, _, _ in WILSON if level == confidence]
    cases += [(0, 50), (50, 50), (3.5, 10)]
    x, n = np.array(cases, dtype=float).T
    lower, upper = stats.wilson_limits_of(x, n, stats.z_for(confidence))
    expected = [stats.proportion(*case, confidence=confidence) for case in cases]
    assert list(lower) == pytest.approx([e.lower for e in expected], rel=1e-12)
    assert list(upper) == pytest.approx([e.upper for e in expected], rel=1e-12)


@pytest.mark.parametrize("case", REFERENCE["rate"])
@pytest.mark.parametrize(("confidence", "lower", "upper"), LEVELS)
def test_rate_matches_phe(case, confidence, lower, upper):
    got = stats.rate(
        case["Numerator"], case["Denominator"], confidence=confidence, multiplier=case["multiplier"]
    )
    assert triple(got) == pytest.approx(expected(case, lower, upper), rel=REL)
    assert got.method == ("exact" if case["Numerator"] < 10 else "Byar")


@pytest.mark.parametrize(("x", "n", "lower", "upper"), RATES_95)
def test_rate_matches_phe_grouped_data(x, n, lower, upper):
    got = stats.rate(x, n)
    assert triple(got) == pytest.approx((x / n * 100_000, lower, upper), rel=REL)


@pytest.mark.parametrize(("x", "confidence", "lower", "upper"), BYAR)
def test_byar_limits_for_a_count_match_phe(x, confidence, lower, upper):
    got = stats.rate(x, 1, confidence=confidence, multiplier=1)
    assert (got.lower, got.upper) == pytest.approx((lower, upper), rel=REL)


@pytest.mark.parametrize("case", REFERENCE["dsr"])
@pytest.mark.parametrize(("confidence", "lower", "upper"), LEVELS)
def test_dsr_matches_phe_and_is_suppressed_below_ten_events(case, confidence, lower, upper):
    got = stats.dsr(case["x"], case["n"], confidence=confidence, multiplier=case["multiplier"])
    if case["value"] is None:  # testdata_tiny: 9 events, one band's count missing
        assert sum(x or 0 for x in case["x"]) == 9
        assert triple(got) == (None, None, None)
    else:
        assert triple(got) == pytest.approx(expected(case, lower, upper), rel=REL)
    assert (got.confidence, got.method) == (confidence, "Dobson")


@pytest.mark.parametrize("multiplier", [10_000, 100_000])
def test_dsr_with_a_given_standard_population_matches_phe(multiplier):
    got = stats.dsr(DSR_1976["x"], DSR_1976["n"], DSR_1976["esp1976"], multiplier=multiplier)
    assert triple(got) == pytest.approx(DSR_1976[multiplier], rel=REL)


@pytest.mark.parametrize("case", REFERENCE["mean"])
@pytest.mark.parametrize(("confidence", "lower", "upper"), LEVELS)
def test_mean_matches_phe(case, confidence, lower, upper):
    got = stats.mean(case["values"], confidence=confidence)
    assert triple(got) == pytest.approx(expected(case, lower, upper), rel=REL)
    assert got.method == "Student's t"


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_mean_of_every_value_matches_phe(confidence):
    values = [v for case in REFERENCE["mean"] for v in case["values"]]
    assert len(values) == 26
    got = stats.mean(values, confidence=confidence)
    assert triple(got) == pytest.approx(MEAN_OF_ALL[confidence], rel=REL)


# Edge cases of the formulas ---------------------------------------------------------


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_a_proportion_of_none(confidence):
    z = Z[confidence]
    got = stats.proportion(0, 50, confidence=confidence)
    assert (got.value, got.lower) == (0, 0)
    assert got.upper == pytest.approx(z**2 / (50 + z**2), rel=1e-12)


def test_z_is_the_normal_quantile_not_1_96():
    upper = stats.proportion(0, 50).upper
    assert upper != pytest.approx(1.96**2 / (50 + 1.96**2), rel=1e-6)


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_a_proportion_of_all(confidence):
    z = Z[confidence]
    got = stats.proportion(50, 50, confidence=confidence, multiplier=100)
    assert got.value == 100
    assert got.lower == pytest.approx(50 / (50 + z**2) * 100, rel=1e-12)
    assert got.upper == 100


@pytest.mark.parametrize(("confidence", "alpha"), [(0.95, 0.05), (0.998, 0.002)])
def test_a_rate_of_no_events(confidence, alpha):
    got = stats.rate(0, 2000, confidence=confidence)
    assert (got.value, got.lower, got.method) == (0, 0, "exact")
    assert got.upper == pytest.approx(-math.log(alpha / 2) / 2000 * 100_000, rel=1e-12)


def test_no_events_per_thousand_at_95_percent():
    assert stats.rate(0, 1000, multiplier=1000).upper == pytest.approx(3.68888, rel=1e-5)


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_nine_events_take_exact_limits_and_ten_take_byars(confidence, gamma):
    alpha, z = 1 - confidence, Z[confidence]
    nine = stats.rate(9, 1, confidence=confidence, multiplier=1)
    assert nine.method == "exact"
    # The gamma form of the exact limits, as a check on the chi-squared one.
    assert (nine.lower, nine.upper) == pytest.approx(
        (gamma.ppf(alpha / 2, 9), gamma.ppf(1 - alpha / 2, 10)), rel=1e-12
    )
    ten = stats.rate(10, 1, confidence=confidence, multiplier=1)
    assert ten.method == "Byar"
    assert (ten.lower, ten.upper) == pytest.approx(
        (
            10 * (1 - 1 / 90 - z / (3 * math.sqrt(10))) ** 3,
            11 * (1 - 1 / 99 + z / (3 * math.sqrt(11))) ** 3,
        ),
        rel=1e-12,
    )


def test_a_fractional_count_below_ten_takes_exact_limits(gamma):
    got = stats.rate(2.5, 1000)
    assert got.method == "exact"
    assert got.lower == pytest.approx(gamma.ppf(0.025, 2.5) / 1000 * 100_000, rel=1e-12)


def test_limits_are_wider_at_99_8_than_at_95_and_percentages_are_accepted():
    at95, at998 = stats.proportion(30, 100), stats.proportion(30, 100, confidence=0.998)
    assert at998.lower < at95.lower < at95.value < at95.upper < at998.upper
    assert stats.proportion(30, 100, confidence=95) == at95
    assert stats.proportion(30, 100, confidence=99.8) == at998
    assert (at95.confidence, stats.rate(30, 100, confidence=99.8).confidence) == (0.95, 0.998)


def test_a_rate_may_have_more_events_than_people():
    assert stats.rate(30, 20, multiplier=1).value == 1.5


def test_a_dsr_is_suppressed_at_nine_events_and_shown_at_ten():
    n = [1000] * 19
    assert triple(stats.dsr([0] * 18 + [9], n)) == (None, None, None)
    assert None not in triple(stats.dsr([0] * 18 + [10], n))


def test_a_dsr_takes_a_missing_count_as_none():
    big = next(case for case in REFERENCE["dsr"] if case["value"])
    with_gap = [None, *big["x"][1:]]
    assert stats.dsr(with_gap, big["n"]) == stats.dsr([0, *big["x"][1:]], big["n"])


def test_an_estimate_cannot_be_changed():
    with pytest.raises(dataclasses.FrozenInstanceError):
        stats.proportion(1, 2).value = 0.6


def test_the_module_examples_hold():
    assert doctest.testmod(stats).failed == 0


# Arguments that make no sense -------------------------------------------------------

CONFIDENCE_ERROR = "confidence must be 0.95 or 0.998, or 95 or 99.8 (got {})"
BANDS_ERROR = "x, n and the standard population need one value for each age band (got {})"
POLARITY_ERROR = (
    "polarity must be one of high_is_good, low_is_good, no_judgement, not_applicable, unknown "
    "(got 'upwards')"
)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: stats.proportion(11, 10),
            "x must not be more than n for a proportion (x = 11, n = 10)",
        ),
        (lambda: stats.proportion(-1, 10), "x must not be negative (x = -1)"),
        (lambda: stats.rate(-1, 10), "x must not be negative (x = -1)"),
        (lambda: stats.proportion(1, 0), "n must be more than 0 (n = 0)"),
        (lambda: stats.rate(1, -5), "n must be more than 0 (n = -5)"),
        (lambda: stats.proportion(None, 10), "x, the number of events, is missing (got None)"),
        (lambda: stats.rate(3, None), "n, the population or denominator, is missing (got None)"),
        (lambda: stats.rate(3, math.nan), "n, the population or denominator, is missing (got nan)"),
        (lambda: stats.proportion(1, 10, confidence=0.9), CONFIDENCE_ERROR.format(0.9)),
        (lambda: stats.rate(1, 10, confidence=90), CONFIDENCE_ERROR.format(90)),
        (lambda: stats.mean([1, 2], confidence="95"), CONFIDENCE_ERROR.format("'95'")),
        (lambda: stats.dsr([10, 20], [100, 200], confidence=None), CONFIDENCE_ERROR.format(None)),
        (lambda: stats.dsr([10, 20], [100, 200]), BANDS_ERROR.format("2, 2 and 19")),
        (lambda: stats.dsr([10, 20], [100], [1, 1]), BANDS_ERROR.format("2, 1 and 2")),
        (lambda: stats.dsr([], [], []), BANDS_ERROR.format("0, 0 and 0")),
        (
            lambda: stats.dsr([10, 20], [100, 0], [1, 1]),
            "n must be more than 0 in every age band (band 2: 0)",
        ),
        (
            lambda: stats.dsr([10, 20], [None, 200], [1, 1]),
            "n must be more than 0 in every age band (band 1: None)",
        ),
        (
            lambda: stats.dsr([10, 20], [100, 200], [1, -1]),
            "the standard population must be 0 or more in every age band (band 2: -1)",
        ),
        (
            lambda: stats.dsr([10, 20], [100, 200], [None, 1]),
            "the standard population must be 0 or more in every age band (band 1: None)",
        ),
        (
            lambda: stats.dsr([10, -20], [100, 200], [1, 1]),
            "x must not be negative in any age band (band 2: -20)",
        ),
        (lambda: stats.mean([3]), "a mean's limits need at least 2 values (got 1: [3])"),
        (lambda: stats.mean([]), "a mean's limits need at least 2 values (got 0: [])"),
        (lambda: stats.mean([1, None, 3]), "values must not be missing (value 2 of 3 is)"),
        (lambda: stats.compare(1, 0, 2, 1, "upwards"), POLARITY_ERROR),
        (lambda: stats.compare_two_levels(1, 0, 2, 0, 2, 1, "upwards"), POLARITY_ERROR),
        (lambda: stats.quintile(1, [1, 2, 3, 4, 5], "upwards"), POLARITY_ERROR),
        (lambda: stats.rank(1, [1, 2], "upwards"), POLARITY_ERROR),
        (lambda: stats.quartile_band(1, [1, 2, 3, 4], "upwards"), POLARITY_ERROR),
    ],
)
def test_bad_arguments_say_what_is_wrong_and_what_was_given(call, message):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        call()


# Comparison with a benchmark --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lower", "upper", "benchmark", "polarity", "expected"),
    [
        (77, 75, 79, 77, "high_is_good", "Similar"),
        (77, 75, 79, 79, "high_is_good", "Similar"),  # on a limit: inclusive
        (77, 75, 79, 75, "high_is_good", "Similar"),
        (77, 75, 79, 80, "high_is_good", "Worse"),
        (77, 75, 79, 74, "high_is_good", "Better"),
        (5.4, 4.8, 6.1, 6.1, "low_is_good", "Similar"),
        (5.4, 4.8, 6.1, 4.7, "low_is_good", "Worse"),
        (5.4, 4.8, 6.1, 6.5, "low_is_good", "Better"),
        (75, 70, 80, 70, "no_judgement", "Similar"),
        (75, 70, 80, 60, "no_judgement", "Higher"),
        (75, 70, 80, 90, "no_judgement", "Lower"),
        (75, 70, 80, 90, "not_applicable", "Not compared"),
        (75, 70, 80, 75, "not_applicable", "Not compared"),
        (None, 70, 80, 90, "high_is_good", "Not compared"),
        (75, None, 80, 90, "high_is_good", "Not compared"),
        (75, 70, None, 90, "low_is_good", "Not compared"),
        (75, 70, 80, None, "no_judgement", "Not compared"),
        # A value equal to a benchmark outside its interval counts as higher.
        (80, 81, 85, 80, "high_is_good", "Better"),
    ],
)
def test_compare_with_a_benchmark_by_polarity(value, lower, upper, benchmark, polarity, expected):
    assert stats.compare(value, lower, upper, benchmark, polarity) == expected


def test_polarity_may_be_given_as_the_enum():
    assert stats.compare(77, 75, 79, 74, stats.Polarity.LOW_IS_GOOD) == "Worse"


@pytest.mark.parametrize(
    ("benchmark", "polarity", "expected"),
    [
        (50, "high_is_good", "Similar"),
        (45, "high_is_good", "Similar"),  # on the 95% limits
        (55, "low_is_good", "Similar"),
        (44, "high_is_good", "Better 95%"),  # between the 99.8% and 95% lower limits
        (42, "high_is_good", "Better 95%"),  # on the 99.8% limit
        (41, "high_is_good", "Better 99.8%"),
        (56, "high_is_good", "Worse 95%"),
        (58, "high_is_good", "Worse 95%"),
        (59, "high_is_good", "Worse 99.8%"),
        (44, "low_is_good", "Worse 95%"),
        (41, "low_is_good", "Worse 99.8%"),
        (56, "low_is_good", "Better 95%"),
        (59, "low_is_good", "Better 99.8%"),
        (45, "no_judgement", "Similar"),
        (44, "no_judgement", "Higher"),
        (41, "no_judgement", "Highest"),
        (56, "no_judgement", "Lower"),
        (59, "no_judgement", "Lowest"),
        (41, "not_applicable", "Not compared"),
        (None, "high_is_good", "Not compared"),
    ],
)
def test_compare_at_two_levels(benchmark, polarity, expected):
    # value 50; 95% limits 45 to 55; 99.8% limits 42 to 58
    assert stats.compare_two_levels(50, 45, 55, 42, 58, benchmark, polarity) == expected


@pytest.mark.parametrize("missing", range(5))
def test_compare_at_two_levels_needs_every_limit(missing):
    limits = [50, 45, 55, 42, 58]
    limits[missing] = None
    assert stats.compare_two_levels(*limits, 41, "high_is_good") == "Not compared"


def test_two_levels_agree_with_one_at_95_percent():
    at95 = stats.proportion(30, 100)
    at998 = stats.proportion(30, 100, confidence=0.998)
    for benchmark in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45):
        one = stats.compare(at95.value, at95.lower, at95.upper, benchmark, "high_is_good")
        two = stats.compare_two_levels(
            at95.value, at95.lower, at95.upper, at998.lower, at998.upper, benchmark, "high_is_good"
        )
        assert two.split()[0] == one


# Positions among all authorities ----------------------------------------------------


def test_quintiles_by_fingertips_rule():
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]  # bounds 2.8, 4.6, 6.4, 8.2, 10
    low = [stats.quintile(v, values, "low_is_good") for v in values]
    assert low == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    high = [stats.quintile(v, values, "high_is_good") for v in values]
    assert high == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert [stats.quintile(v, values, "no_judgement") for v in values] == low


def test_a_value_on_a_quintile_bound_is_in_the_lower_quintile():
    values = [16.4, 22.9, 23.1, 24.6, 26.0, 28.7, 37.3]
    # The first bound is 22.94, which unrounded is 22.939999999999998.
    assert stats.quintile(22.94, values, "low_is_good") == 1
    assert stats.quintile(22.95, values, "low_is_good") == 2
    assert stats.quintile(22.94, values, "high_is_good") == 5


def test_tied_values_share_a_quintile():
    values = [5, 5, 5, 5, 5, 6]
    assert [stats.quintile(v, values, "low_is_good") for v in values] == [1, 1, 1, 1, 1, 5]


def test_no_quintile_for_fewer_than_five_values_or_no_value():
    assert stats.quintile(3, [1, 2, 3, 4], "low_is_good") == 0
    assert stats.quintile(3, [1, 2, None, 3, 4], "low_is_good") == 0
    assert stats.quintile(3, [1, 2, None, 3, 4, 5], "low_is_good") == 3
    assert stats.quintile(None, [1, 2, 3, 4, 5], "low_is_good") == 0


def test_nan_counts_as_missing_and_numpy_numbers_are_numbers():
    values = [1.5, math.nan, 2.5, None, 3.5, 4.5, 5.5]
    assert stats.quintile(2.5, values, "low_is_good") == 2
    assert (
        stats.quintile(np.float64(2.5), list(np.array([1.5, 2.5, 3.5, 4.5, 5.5])), "low_is_good")
        == 2
    )
    assert stats.rank(2.5, values, "high_is_good") == 4
    assert stats.rank(math.nan, values, "high_is_good") is None
    assert stats.quartile_band(5.5, values, "high_is_good") == "A"


def test_rank_with_ties_sharing_the_lowest_rank():
    values = [77, 81, 75, 79, 79, None]
    assert [stats.rank(v, values, "high_is_good") for v in [81, 79, 77, 75]] == [1, 2, 4, 5]
    assert [stats.rank(v, values, "low_is_good") for v in [75, 77, 79, 81]] == [1, 2, 3, 5]


def test_rank_without_a_judgement_puts_the_highest_first():
    values = [3, 1, 2]
    assert [stats.rank(v, values, "no_judgement") for v in values] == [1, 3, 2]
    assert [stats.rank(v, values, "not_applicable") for v in values] == [1, 3, 2]


def test_rank_of_fewer_than_five_values_or_no_value():
    assert stats.rank(2, [2], "low_is_good") == 1
    assert stats.rank(None, [1, 2, 3], "high_is_good") is None


def test_quartile_bands_a_best_to_d_worst():
    values = list(range(1, 9))  # 8 authorities
    bands = [stats.quartile_band(v, values, "high_is_good") for v in reversed(values)]
    assert bands == ["A", "A", "B", "B", "C", "C", "D", "D"]
    assert [stats.quartile_band(v, values, "low_is_good") for v in values] == bands


def test_quartile_bands_for_a_number_that_does_not_divide_by_four():
    values = list(range(10, 0, -1))  # ranks 1 to 10, high is good
    bands = [stats.quartile_band(v, values, "high_is_good") for v in values]
    assert bands == ["A", "A", "A", "B", "B", "C", "C", "C", "D", "D"]


def test_tied_authorities_share_a_quartile_band():
    values = [9, 8, 8, 8, 7, 6, 5, 4]  # the 8s all rank 2, though one is fourth in line
    assert [stats.quartile_band(v, values, "high_is_good") for v in values] == [
        "A",
        "A",
        "A",
        "A",
        "C",
        "C",
        "D",
        "D",
    ]


def test_no_quartile_band_for_fewer_than_four_values_or_no_value():
    assert stats.quartile_band(2, [1, 2, 3], "high_is_good") is None
    assert stats.quartile_band(2, [1, 2, 3, None], "high_is_good") is None
    assert stats.quartile_band(None, [1, 2, 3, 4], "high_is_good") is None
    assert stats.quartile_band(4, [1, 2, 3, 4], "high_is_good") == "A"


def test_two_values_differ_significantly_only_where_their_intervals_do_not_overlap():
    assert not stats.intervals_overlap((4.8, 6.1), (6.2, 7.0))
    assert stats.intervals_overlap((4.8, 6.1), (6.1, 7.0))  # touching is overlapping
    assert stats.intervals_overlap((70, 76), (69, 75))


def test_a_recent_trend_of_values_with_limits_by_weighted_least_squares():
    # Rising a unit a year with se = 2/3.92: slope 1, its error 0.161, chi-squared 38.4.
    rising = [(x, x - 1, x + 1) for x in (10, 11, 12, 13, 14)]
    assert stats.recent_trend(rising) == stats.INCREASING
    falling = [(x, x - 1, x + 1) for x in (14, 13, 12, 11, 10)]
    assert stats.recent_trend(falling) == stats.DECREASING
    wide = [(x, x - 5, x + 5) for x in (10, 11, 10, 11, 10)]
    assert stats.recent_trend(wide) == stats.NO_SIGNIFICANT_CHANGE
    assert stats.recent_trend(rising[:4]) == stats.CANNOT_BE_CALCULATED
    # Only the five most recent count.
    assert stats.recent_trend([(50, 49, 51), *rising]) == stats.INCREASING


def test_one_outlier_does_not_make_a_trend():
    flat_then_jump = [(10, 9, 11)] * 4 + [(20, 19, 21)]
    # Chi-squared is large, but leaving out the last point leaves no slope at all.
    assert stats.recent_trend(flat_then_jump) == stats.NO_SIGNIFICANT_CHANGE


def test_a_recent_trend_of_a_proportion_from_its_counts():
    # Chi-squared for linear trend: 5000 × (5000 × 2300 − 700 × 15000)² /
    # (700 × 4300 × (5000 × 55000 − 15000²)) = 33.2, above 9.5495.
    rising = [(r, 1000) for r in (100, 120, 140, 160, 180)]
    assert stats.recent_trend_of_proportions(rising) == stats.INCREASING
    assert stats.recent_trend_of_proportions(rising[::-1]) == stats.DECREASING
    steady = [(r, 1000) for r in (100, 102, 99, 101, 100)]
    assert stats.recent_trend_of_proportions(steady) == stats.NO_SIGNIFICANT_CHANGE
    assert stats.recent_trend_of_proportions(rising[:4]) == stats.CANNOT_BE_CALCULATED
