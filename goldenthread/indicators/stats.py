"""Confidence intervals and comparisons the way England's public health profiles do them.

A public API for analysts, in notebooks as much as in goldenthread itself. The methods
follow the R package PHEindicatormethods and Fingertips' comparison code, as set out in
the method note ``indicator-statistics.md``; numbers are never rounded here.

Intervals, each returned as an ``Estimate`` (``value``, ``lower``, ``upper``,
``confidence``, ``method``):

* ``proportion(x, n)``: Wilson score limits; ``multiplier=100`` for a percentage.
* ``rate(x, n)``: exact Poisson limits below 10 events, Byar's method from 10.
* ``dsr(x, n, standard_population=None)``: a directly standardised rate with Dobson's
  limits, by default over the 19 bands of the European Standard Population 2013.
* ``mean(values)``: Student's t limits.

Comparisons and positions among all authorities:

* ``compare``: Better, Similar or Worse than a benchmark (Higher or Lower without a
  polarity), from one set of limits.
* ``compare_two_levels``: the same at 95% and 99.8%, e.g. "Worse 99.8%".
* ``quintile`` (Fingertips' 1 to 5), ``rank`` (1 the best) and ``quartile_band``
  (the Department for Education's A to D).

Change over time:

* ``intervals_overlap``: two values differ significantly where their intervals do not.
* ``recent_trend`` (from values with 95% limits) and ``recent_trend_of_proportions``
  (from counts): Fingertips' trend marker over the five most recent points.

>>> from goldenthread.indicators import stats
>>> neet = stats.proportion(270, 5000, multiplier=100)
>>> round(neet.value, 2), round(neet.lower, 2), round(neet.upper, 2)
(5.4, 4.81, 6.06)
>>> stats.compare(neet.value, neet.lower, neet.upper, 4.7, "low_is_good")
'Worse'
>>> stats.rate(7, 12_000).method
'exact'
>>> stats.rank(77, [77, 81, 75, 79, 79], "high_is_good")
4

``confidence`` is 0.95 or 0.998, or 95 or 99.8 as the R package also takes it. Where an
argument makes no sense (fewer events than none, more events than people for a
proportion, a missing population) the function raises ValueError saying what is wrong
and what it was given. A directly standardised rate of fewer than 10 events is
suppressed: its value and limits are None.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from numpy import ndarray

# European Standard Population 2013: 0–4, 5–9, …, 85–89, 90+.
EUROPEAN_STANDARD_POPULATION_2013 = (
    5000,
    5500,
    5500,
    5500,
    6000,
    6000,
    6500,
    7000,
    7000,
    7000,
    7000,
    6500,
    6000,
    5500,
    5000,
    4000,
    2500,
    1500,
    1000,
)
CONFIDENCE_LEVELS = (0.95, 0.998)
NOT_COMPARED = "Not compared"
SIMILAR = "Similar"
FEWEST_EVENTS = 10  # below this, exact Poisson limits for a rate and no DSR at all
FEWEST_TO_RANK_IN_FIFTHS = 5
FEWEST_TO_BAND_IN_QUARTERS = 4


class Polarity(StrEnum):
    """Which way is good; analysts may pass the plain strings."""

    HIGH_IS_GOOD = "high_is_good"
    LOW_IS_GOOD = "low_is_good"
    NO_JUDGEMENT = "no_judgement"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"  # not yet known: compared as Higher or Lower, like no_judgement


@dataclass(frozen=True)
class Estimate:
    """A value with its confidence limits; all three None where suppressed."""

    value: float | None
    lower: float | None
    upper: float | None
    confidence: float  # 0.95 or 0.998, however it was asked for
    method: str  # "Wilson", "exact", "Byar", "Dobson" or "Student's t"


def proportion(x: float, n: float, *, confidence: float = 0.95, multiplier: float = 1) -> Estimate:
    """x out of n with Wilson score limits; ``multiplier=100`` gives a percentage.

    x need not be a whole number. Raises ValueError where x or n is missing, x is
    negative, n is not more than 0 or x is more than n.
    """
    level = _confidence(confidence)
    x, n = _events(x), _population(n)
    if x > n:
        raise ValueError(f"x must not be more than n for a proportion (x = {x}, n = {n})")
    lower, upper = wilson_limits(x, n, _z(level))
    return Estimate(x / n * multiplier, lower * multiplier, upper * multiplier, level, "Wilson")


def wilson_limits(x: float, n: float, z: float) -> tuple[float, float]:
    """The arithmetic of ``proportion``, as fractions, for arguments already checked
    (0 <= x <= n, n > 0) and a z already worked out (``z_for``): a national file's
    limits are checked a million rows at a time."""
    centre, spread = 2 * x + z * z, z * math.sqrt(z * z + 4 * x * (1 - x / n))
    denominator = 2 * (n + z * z)
    # The formula reaches 0 and 1 only up to rounding; the method says exactly.
    lower = 0.0 if x == 0 else (centre - spread) / denominator
    upper = 1.0 if x == n else (centre + spread) / denominator
    return lower, upper


def wilson_limits_of(x: ndarray, n: ndarray, z: float) -> tuple[ndarray, ndarray]:
    """``wilson_limits`` for columns of counts (NumPy arrays), each row already checked
    (0 <= x <= n, n > 0): a national file's limits a column at a time."""
    import numpy as np

    centre, spread = 2 * x + z * z, z * np.sqrt(z * z + 4 * x * (1 - x / n))
    denominator = 2 * (n + z * z)
    lower = np.where(x == 0, 0.0, (centre - spread) / denominator)
    upper = np.where(x == n, 1.0, (centre + spread) / denominator)
    return lower, upper


def z_for(confidence: float) -> float:
    """The normal deviate for a two-sided confidence level: 1.96 for 0.95."""
    return _z(_confidence(confidence))


def rate(x: float, n: float, *, confidence: float = 0.95, multiplier: float = 100_000) -> Estimate:
    """x events in a population of n, per ``multiplier`` (100,000 unless given).

    Exact Poisson limits below 10 events, Byar's method from 10. x may exceed n (more
    admissions than people). Raises ValueError where x or n is missing, x is negative
    or n is not more than 0.
    """
    level = _confidence(confidence)
    x, n = _events(x), _population(n)
    if x < FEWEST_EVENTS:
        lower, upper, method = *_exact_limits(x, level), "exact"
    else:
        lower, upper, method = _byar_lower(x, level), _byar_upper(x, level), "Byar"
    return Estimate(
        x / n * multiplier, lower / n * multiplier, upper / n * multiplier, level, method
    )


def dsr(
    x: Sequence[float | None],
    n: Sequence[float],
    standard_population: Sequence[float] | None = None,
    *,
    confidence: float = 0.95,
    multiplier: float = 100_000,
) -> Estimate:
    """A directly standardised rate over age bands, with Dobson's limits.

    ``x`` and ``n`` are each band's events and population, in the standard
    population's order; a missing event count is taken as 0. The standard population
    defaults to the European Standard Population 2013 (19 bands, 0–4 to 90+). Fewer
    than 10 events in all suppresses the value and its limits (all None).
    """
    level = _confidence(confidence)
    weights = (
        EUROPEAN_STANDARD_POPULATION_2013 if standard_population is None else standard_population
    )
    events = _band_events(x, n, weights)
    observed = sum(events)
    if observed < FEWEST_EVENTS:
        return Estimate(None, None, None, level, "Dobson")
    total_weight = sum(weights)
    bands = list(zip(events, n, weights, strict=True))
    value = sum(e * w / p for e, p, w in bands) / total_weight
    variance = sum(e * (w / p) ** 2 for e, p, w in bands) / total_weight**2
    # Dobson: Byar's limits for the total count, scaled to the rate; always Byar,
    # even near 10 events, as the package does.
    scale = math.sqrt(variance / observed)
    lower = value + scale * (_byar_lower(observed, level) - observed)
    upper = value + scale * (_byar_upper(observed, level) - observed)
    return Estimate(value * multiplier, lower * multiplier, upper * multiplier, level, "Dobson")


def mean(values: Sequence[float], *, confidence: float = 0.95) -> Estimate:
    """The mean of the values, with Student's t limits (sample standard deviation)."""
    level = _confidence(confidence)
    values = list(values)
    if len(values) < 2:
        raise ValueError(f"a mean's limits need at least 2 values (got {len(values)}: {values})")
    missing = [i for i, v in enumerate(values, start=1) if _is_missing(v)]
    if missing:
        raise ValueError(f"values must not be missing (value {missing[0]} of {len(values)} is)")
    centre = statistics.fmean(values)
    t = float(_scipy_stats().t.ppf(1 - (1 - level) / 2, len(values) - 1))
    margin = t * statistics.stdev(values) / math.sqrt(len(values))
    return Estimate(centre, centre - margin, centre + margin, level, "Student's t")


def compare(
    value: float | None,
    lower: float | None,
    upper: float | None,
    benchmark: float | None,
    polarity: str,
) -> str:
    """Better, Similar or Worse than the benchmark (Higher or Lower for no_judgement),
    from one set of limits: Fingertips' "compared with England".

    Similar where the benchmark lies inside the interval, limits included; "Not
    compared" where anything is missing or the polarity is not_applicable.
    """
    polarity = _polarity(polarity)
    if polarity == Polarity.NOT_APPLICABLE or None in (value, lower, upper, benchmark):
        return NOT_COMPARED
    if lower <= benchmark <= upper:
        return SIMILAR
    return _label(not value < benchmark, polarity)


def compare_two_levels(
    value: float | None,
    lower95: float | None,
    upper95: float | None,
    lower998: float | None,
    upper998: float | None,
    benchmark: float | None,
    polarity: str,
) -> str:
    """As ``compare``, saying whether a difference holds at 95% only or at 99.8% too
    (Fingertips' method 17).

    "Better 99.8%", "Better 95%", "Similar", "Worse 95%" or "Worse 99.8%"; for
    no_judgement "Highest", "Higher", "Similar", "Lower" or "Lowest"; "Not compared"
    where anything is missing or the polarity is not_applicable.
    """
    polarity = _polarity(polarity)
    limits = (value, lower95, upper95, lower998, upper998, benchmark)
    if polarity == Polarity.NOT_APPLICABLE or None in limits:
        return NOT_COMPARED
    if lower95 <= benchmark <= upper95:
        return SIMILAR
    # The order of the tests is the method's: either band of the 99.8% interval
    # beyond the 95% one means significant at 95% only, in that band's direction.
    if lower998 <= benchmark <= lower95:
        return _label(True, polarity, "95%")
    if upper95 <= benchmark <= upper998:
        return _label(False, polarity, "95%")
    return _label(not value < benchmark, polarity, "99.8%")


def quintile(value: float | None, all_values: Sequence[float | None], polarity: str) -> int:
    """1 to 5 by Fingertips' rule (method 15); 0 where there is no quintile.

    Bounds are Excel's PERCENTILE.INC at each fifth of the valid values (None and
    NaN are ignored), rounded to 10 places; the value's quintile is the first whose bound it
    does not exceed. For high_is_good the order is reversed, so 1 is always the best
    fifth (for no_judgement, 1 is the lowest). 0 where fewer than 5 valid values or
    the value is None.
    """
    _polarity(polarity)  # a wrong polarity is said however few the values
    return quintile_in(value, quintile_bounds(all_values), polarity)


def quintile_bounds(all_values: Sequence[float | None]) -> list[float]:
    """The upper bound of each fifth, lowest first, by Fingertips' rule (see
    ``quintile``); [] where fewer than 5 valid values. Worked out once, it places any
    number of values with ``quintile_in``."""
    known = sorted(_known(all_values))
    if len(known) < FEWEST_TO_RANK_IN_FIFTHS:
        return []
    # 0.2 * i, not i / 5: the same fractions, to the last bit, as Fingertips.
    return [_percentile_inc(known, 0.2 * i) for i in range(1, 5)] + [known[-1]]


def quintile_in(value: float | None, bounds: Sequence[float], polarity: str) -> int:
    """The value's quintile among the values ``bounds`` came from; 0 where missing."""
    polarity = _polarity(polarity)
    if _is_missing(value) or not bounds:
        return 0
    fifth = next((i for i, bound in enumerate(bounds, start=1) if value <= bound), 5)
    return 6 - fifth if polarity == Polarity.HIGH_IS_GOOD else fifth


def rank(value: float | None, all_values: Sequence[float | None], polarity: str) -> int | None:
    """1 is the best by polarity; tied values share the lowest rank (R's ties="min").

    high_is_good ranks the highest value 1, low_is_good the lowest. No_judgement and
    not_applicable rank the highest value 1 too. None (or NaN) values are ignored;
    None where the value itself is missing.
    """
    polarity = _polarity(polarity)
    if _is_missing(value):
        return None
    known = _known(all_values)
    if polarity == Polarity.LOW_IS_GOOD:
        return 1 + sum(v < value for v in known)
    return 1 + sum(v > value for v in known)


def quartile_band(
    value: float | None, all_values: Sequence[float | None], polarity: str
) -> str | None:
    """A (the best quarter) to D, as the Department for Education's LA Interactive
    Tool bands authorities ranked best first by polarity (see ``rank``).

    The band is floor((rank − 1) × 4 / n), capped at D, so ties share a band. None
    where fewer than 4 valid values or the value is missing.
    """
    known = _known(all_values)
    position = rank(value, known, polarity)
    if position is None or len(known) < FEWEST_TO_BAND_IN_QUARTERS:
        return None
    return "ABCD"[min(3, (position - 1) * 4 // len(known))]


def _confidence(confidence: float) -> float:
    """0.95 or 0.998; the R package's 95 and 99.8 are percentages of the same."""
    if confidence in CONFIDENCE_LEVELS:  # as nearly always asked: no need to look closer
        return confidence
    try:
        level = confidence / 100 if confidence >= 90 else confidence
        return next(allowed for allowed in CONFIDENCE_LEVELS if math.isclose(level, allowed))
    except (TypeError, StopIteration):
        raise ValueError(
            f"confidence must be 0.95 or 0.998, or 95 or 99.8 (got {confidence!r})"
        ) from None


def _polarity(polarity: str) -> Polarity:
    try:
        return Polarity(polarity)
    except ValueError:
        choices = ", ".join(p.value for p in Polarity)
        raise ValueError(f"polarity must be one of {choices} (got {polarity!r})") from None


def _is_missing(number: float | None) -> bool:
    # NaN is how pandas, and so a notebook, says missing.
    return number is None or (isinstance(number, float) and math.isnan(number))


def _known(values: Sequence[float | None]) -> list[float]:
    return [v for v in values if not _is_missing(v)]


def _events(x: float | None) -> float:
    if _is_missing(x):
        raise ValueError(f"x, the number of events, is missing (got {x!r})")
    if x < 0:
        raise ValueError(f"x must not be negative (x = {x})")
    return x


def _population(n: float | None) -> float:
    if _is_missing(n):
        raise ValueError(f"n, the population or denominator, is missing (got {n!r})")
    if n <= 0:
        raise ValueError(f"n must be more than 0 (n = {n})")
    return n


def _band_events(
    x: Sequence[float | None], n: Sequence[float], weights: Sequence[float]
) -> list[float]:
    """Each band's events, missing as 0, once the bands are known to line up."""
    if not len(x) == len(n) == len(weights) or not weights:
        raise ValueError(
            "x, n and the standard population need one value for each age band "
            f"(got {len(x)}, {len(n)} and {len(weights)})"
        )
    for band, (people, weight) in enumerate(zip(n, weights, strict=True), start=1):
        if _is_missing(people) or people <= 0:
            raise ValueError(f"n must be more than 0 in every age band (band {band}: {people!r})")
        if _is_missing(weight) or weight < 0:
            raise ValueError(
                f"the standard population must be 0 or more in every age band "
                f"(band {band}: {weight!r})"
            )
    events = [0 if _is_missing(e) else e for e in x]
    for band, count in enumerate(events, start=1):
        if count < 0:
            raise ValueError(f"x must not be negative in any age band (band {band}: {count!r})")
    return events


@cache
@cache
@cache  # two levels are ever asked for, a million times in a national file
def _z(confidence: float) -> float:
    return statistics.NormalDist().inv_cdf(confidence + (1 - confidence) / 2)


@cache
def _scipy_stats() -> ModuleType:
    # SciPy takes about half a second to import, and only Student's t and exact Poisson
    # limits need it: not at start-up, where every command and page would pay for it.
    from scipy import stats

    return stats


def _exact_limits(x: float, confidence: float) -> tuple[float, float]:
    alpha = 1 - confidence
    # R's qchisq(p, 0) is 0; scipy's is NaN.
    chi2 = _scipy_stats().chi2
    lower = 0.0 if x == 0 else float(chi2.ppf(alpha / 2, 2 * x)) / 2
    return lower, float(chi2.ppf(1 - alpha / 2, 2 * x + 2)) / 2


def _byar_lower(x: float, confidence: float) -> float:
    z = _z(confidence)
    return x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3


def _byar_upper(x: float, confidence: float) -> float:
    z = _z(confidence)
    return (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3


def _percentile_inc(ordered: list[float], fraction: float) -> float:
    """Excel's PERCENTILE.INC, rounded to 10 places half away from zero as Fingertips
    does, so that 22.94 is not 22.939999999999998."""
    h = (len(ordered) - 1) * fraction + 1
    floor = math.floor(h)
    low, high = ordered[floor - 1], ordered[min(floor, len(ordered) - 1)]
    exact = Decimal(repr(float(low + (h - floor) * (high - low))))
    return float(exact.quantize(Decimal("1e-10"), rounding=ROUND_HALF_UP))


def _label(higher: bool, polarity: Polarity, level: str | None = None) -> str:
    """The words for an area above or below the benchmark, significantly at ``level``
    ("95%" or "99.8%") where two levels are compared."""
    if polarity in (Polarity.NO_JUDGEMENT, Polarity.UNKNOWN):
        if level == "99.8%":
            return "Highest" if higher else "Lowest"
        return "Higher" if higher else "Lower"
    good = higher if polarity == Polarity.HIGH_IS_GOOD else not higher
    word = "Better" if good else "Worse"
    return f"{word} {level}" if level else word


# Recent trend, Fingertips' trend marker: five most recent points, oldest first.
TREND_POINTS = 5
TREND_CHI_SQUARED = 9.5495  # the 99.8% point of chi-squared with one degree of freedom
INCREASING, DECREASING = "Increasing", "Decreasing"
NO_SIGNIFICANT_CHANGE, CANNOT_BE_CALCULATED = "No significant change", "Cannot be calculated"


def intervals_overlap(first: tuple[float, float], second: tuple[float, float]) -> bool:
    """Whether two (lower, upper) intervals share any value, ends included: two values
    whose 95% intervals do not overlap differ significantly."""
    return first[0] <= second[1] and second[0] <= first[1]


def recent_trend(points: Sequence[tuple[float, float, float]]) -> str:
    """Fingertips' recent trend of values with 95% limits, ``(value, lower, upper)``
    oldest first: weighted least squares of the value on time, each weighted by
    1/se² with se = (upper - lower)/3.92, over the five most recent points.

    Increasing or Decreasing where chi-squared = (slope/se)² exceeds 9.5495 and the
    slope keeps its sign when each point is left out in turn; else No significant
    change; Cannot be calculated with fewer than five points or a zero-width interval.
    """
    recent = list(points)[-TREND_POINTS:]
    if len(recent) < TREND_POINTS or any(upper <= lower for _, lower, upper in recent):
        return CANNOT_BE_CALCULATED
    weighted = [
        (t, x, (3.92 / (upper - lower)) ** 2) for t, (x, lower, upper) in enumerate(recent, 1)
    ]
    slope, error = _weighted_slope(weighted)
    return _marker(
        slope,
        (slope / error) ** 2,
        [_weighted_slope(_without(weighted, i))[0] for i in range(TREND_POINTS)],
    )


def recent_trend_of_proportions(counts: Sequence[tuple[float, float]]) -> str:
    """Fingertips' recent trend of a proportion from its counts, ``(events, people)``
    oldest first: the chi-squared test for linear trend (Cochran–Armitage) over the
    five most recent points, its direction the least-squares slope of the logit."""
    recent = list(counts)[-TREND_POINTS:]
    if len(recent) < TREND_POINTS or any(not 0 < r < n for r, n in recent):
        return CANNOT_BE_CALCULATED
    timed = [(t, r, n) for t, (r, n) in enumerate(recent, 1)]
    return _marker(
        _logit_slope(timed),
        _armitage(timed),
        [_logit_slope(_without(timed, i)) for i in range(TREND_POINTS)],
    )


def _weighted_slope(points: list[tuple[int, float, float]]) -> tuple[float, float]:
    """The slope of x on t weighted by w, and its standard error: ``(t, x, w)`` each."""
    sw = sum(w for _, _, w in points)
    swt = sum(w * t for t, _, w in points)
    swx = sum(w * x for _, x, w in points)
    swtx = sum(w * t * x for t, x, w in points)
    swtt = sum(w * t * t for t, _, w in points)
    spread = sw * swtt - swt**2
    return (sw * swtx - swt * swx) / spread, math.sqrt(sw / spread)


def _armitage(points: list[tuple[int, float, float]]) -> float:
    total_n = sum(n for _, _, n in points)
    total_r = sum(r for _, r, _ in points)
    srt = sum(r * t for t, r, _ in points)
    snt = sum(n * t for t, _, n in points)
    sntt = sum(n * t * t for t, _, n in points)
    return (
        total_n
        * (total_n * srt - total_r * snt) ** 2
        / (total_r * (total_n - total_r) * (total_n * sntt - snt**2))
    )


def _logit_slope(points: list[tuple[int, float, float]]) -> float:
    """The least-squares slope of ln(r/(n - r)) on t."""
    ts = [t for t, _, _ in points]
    logits = [math.log(r / (n - r)) for _, r, n in points]
    mean_t, mean_y = statistics.fmean(ts), statistics.fmean(logits)
    covariance = sum((t - mean_t) * (y - mean_y) for t, y in zip(ts, logits, strict=True))
    return covariance / sum((t - mean_t) ** 2 for t in ts)


def _without(points: list, index: int) -> list:
    return points[:index] + points[index + 1 :]


def _marker(slope: float, chi_squared: float, left_out: list[float]) -> str:
    # One outlier must not make a trend: every slope with a point left out keeps the sign.
    same_sign = all(s * slope > 0 for s in left_out)
    if chi_squared > TREND_CHI_SQUARED and same_sign:
        return INCREASING if slope > 0 else DECREASING
    return NO_SIGNIFICANT_CHANGE
