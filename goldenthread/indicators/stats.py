"""Confidence intervals and comparisons the way England's public health profiles do them.

A public API for analysts, in notebooks as much as in goldenthread itself. The methods
follow the R package PHEindicatormethods and Fingertips' comparison code; numbers are
never rounded here.

>>> from goldenthread.indicators import stats
>>> neet = stats.proportion(270, 5000, multiplier=100)
>>> round(neet.value, 2), round(neet.lower, 2), round(neet.upper, 2)
(5.4, 4.81, 6.06)
>>> stats.compare(neet.value, neet.lower, neet.upper, 4.7, "low_is_good")
'Worse'
>>> stats.rank(77, [77, 81, 75, 79, 79], "high_is_good")
4

Every function takes ``confidence`` as 0.95 or 0.998 (or 95 or 99.8) and raises
ValueError, saying what is wrong, for arguments that make no sense. Results are
``Estimate`` objects with ``value``, ``lower`` and ``upper``; each is None where the
method suppresses it (a directly standardised rate of fewer than 10 events).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from statistics import NormalDist

from scipy import stats as scipy_stats

# European Standard Population 2013: 0–4, 5–9, …, 85–89, 90+.
EUROPEAN_STANDARD_POPULATION_2013 = (
    5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
    7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
)  # fmt: skip
NOT_COMPARED = "Not compared"
EXACT_BELOW = 10  # events: exact Poisson limits below this, Byar's method from it


class Polarity(StrEnum):
    HIGH_IS_GOOD = "high_is_good"
    LOW_IS_GOOD = "low_is_good"
    NO_JUDGEMENT = "no_judgement"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Estimate:
    value: float | None
    lower: float | None
    upper: float | None
    confidence: float
    method: str


def proportion(x: float, n: float, *, confidence: float = 0.95, multiplier: float = 1) -> Estimate:
    """x events out of n, with Wilson score limits; ``multiplier=100`` for percentages."""
    confidence = _confidence(confidence)
    if x < 0:
        raise ValueError(f"x must not be negative (x = {x})")
    if n <= 0:
        raise ValueError(f"n must be more than 0 (n = {n})")
    if x > n:
        raise ValueError(f"x must not be more than n for a proportion (x = {x}, n = {n})")
    z = _z(confidence)
    centre, spread = 2 * x + z * z, z * math.sqrt(z * z + 4 * x * (1 - x / n))
    denominator = 2 * (n + z * z)
    return Estimate(
        x / n * multiplier,
        (centre - spread) / denominator * multiplier,
        (centre + spread) / denominator * multiplier,
        confidence,
        "Wilson",
    )


def rate(x: float, n: float, *, confidence: float = 0.95, multiplier: float = 100_000) -> Estimate:
    """x events in a population of n: exact Poisson limits below 10 events, Byar's from 10."""
    confidence = _confidence(confidence)
    if x < 0:
        raise ValueError(f"x must not be negative (x = {x})")
    if n <= 0:
        raise ValueError(f"n must be more than 0 (n = {n})")
    if x < EXACT_BELOW:
        lower, upper, method = *_exact_limits(x, confidence), "exact"
    else:
        lower, upper, method = _byar_lower(x, confidence), _byar_upper(x, confidence), "Byar"
    return Estimate(x / n * multiplier, lower / n * multiplier, upper / n * multiplier,
                    confidence, method)  # fmt: skip


def dsr(
    x: Sequence[float | None],
    n: Sequence[float],
    standard_population: Sequence[float] | None = None,
    *,
    confidence: float = 0.95,
    multiplier: float = 100_000,
) -> Estimate:
    """A directly standardised rate over age bands, with Dobson's limits.

    ``x`` and ``n`` are each band's events and population; a missing event count is
    taken as 0. The standard population defaults to the European Standard Population
    2013 (19 bands). Fewer than 10 events in all suppresses the value and its limits.
    """
    confidence = _confidence(confidence)
    weights = (
        EUROPEAN_STANDARD_POPULATION_2013 if standard_population is None else standard_population
    )
    if not len(x) == len(n) == len(weights):
        raise ValueError(
            f"x, n and the standard population need one value per age band "
            f"(got {len(x)}, {len(n)} and {len(weights)})"
        )
    if any(p is None or p <= 0 for p in n):
        raise ValueError("every age band needs a population of more than 0 (n)")
    if any(w is None or w < 0 for w in weights):
        raise ValueError("every age band needs a standard population weight of 0 or more")
    events = [0 if e is None else e for e in x]
    if any(e < 0 for e in events):
        raise ValueError("event counts (x) must not be negative")
    total = sum(events)
    if total < EXACT_BELOW:
        return Estimate(None, None, None, confidence, "Dobson")
    weight_sum = sum(weights)
    value = sum(e * w / p for e, p, w in zip(events, n, weights, strict=True)) / weight_sum
    variance = (
        sum(e * (w / p) ** 2 for e, p, w in zip(events, n, weights, strict=True)) / weight_sum**2
    )
    scale = math.sqrt(variance / total)
    lower = value + scale * (_byar_lower(total, confidence) - total)
    upper = value + scale * (_byar_upper(total, confidence) - total)
    return Estimate(
        value * multiplier, lower * multiplier, upper * multiplier, confidence, "Dobson"
    )


def mean(values: Sequence[float], *, confidence: float = 0.95) -> Estimate:
    """The mean of the values, with Student's t limits."""
    confidence = _confidence(confidence)
    values = list(values)
    if len(values) < 2:
        raise ValueError(f"a mean's limits need at least 2 values (got {len(values)})")
    centre = sum(values) / len(values)
    sd = math.sqrt(sum((v - centre) ** 2 for v in values) / (len(values) - 1))
    t = scipy_stats.t.ppf(1 - (1 - confidence) / 2, len(values) - 1)
    margin = t * sd / math.sqrt(len(values))
    return Estimate(centre, centre - margin, centre + margin, confidence, "Student's t")


def compare(
    value: float | None,
    lower: float | None,
    upper: float | None,
    benchmark: float | None,
    polarity: str,
) -> str:
    """Better, Similar or Worse than the benchmark (Higher or Lower without a polarity).

    Similar where the benchmark lies inside the interval, limits included; Not compared
    where anything is missing or the polarity is not applicable.
    """
    polarity = _polarity(polarity)
    if polarity == Polarity.NOT_APPLICABLE or None in (value, lower, upper, benchmark):
        return NOT_COMPARED
    if lower <= benchmark <= upper:
        return "Similar"
    return _judged(value > benchmark, polarity, "Better", "Worse")


def compare_two_levels(
    value: float | None,
    lower95: float | None,
    upper95: float | None,
    lower998: float | None,
    upper998: float | None,
    benchmark: float | None,
    polarity: str,
) -> str:
    """As ``compare``, saying whether a difference is significant at 95% or at 99.8%."""
    polarity = _polarity(polarity)
    limits = (value, lower95, upper95, lower998, upper998, benchmark)
    if polarity == Polarity.NOT_APPLICABLE or None in limits:
        return NOT_COMPARED
    if lower95 <= benchmark <= upper95:
        return "Similar"
    # Outside the 95% interval; inside the 99.8% one the difference is significant at 95% only.
    only95 = lower998 <= benchmark <= upper998
    higher = value > benchmark
    if polarity == Polarity.NO_JUDGEMENT:
        if only95:
            return "Higher" if higher else "Lower"
        return "Highest" if higher else "Lowest"
    level = "95%" if only95 else "99.8%"
    return f"{_judged(higher, polarity, 'Better', 'Worse')} {level}"


def quintile(value: float | None, all_values: Sequence[float | None], polarity: str) -> int:
    """1 to 5 by Fingertips' rule (1 the best fifth); 0 where fewer than 5 values."""
    polarity = _polarity(polarity)
    known = sorted(v for v in all_values if v is not None)
    if value is None or len(known) < 5:
        return 0
    bounds = [_percentile_inc(known, 0.2 * i) for i in range(1, 5)] + [known[-1]]
    category = next((i for i, bound in enumerate(bounds, start=1) if value <= bound), 5)
    return 6 - category if polarity == Polarity.HIGH_IS_GOOD else category


def rank(value: float | None, all_values: Sequence[float | None], polarity: str) -> int | None:
    """1 is the best by polarity; ties share the lowest rank. Without a polarity, the
    highest value ranks 1."""
    polarity = _polarity(polarity)
    if value is None:
        return None
    known = [v for v in all_values if v is not None]
    if polarity == Polarity.LOW_IS_GOOD:
        return 1 + sum(v < value for v in known)
    return 1 + sum(v > value for v in known)


def quartile_band(
    value: float | None, all_values: Sequence[float | None], polarity: str
) -> str | None:
    """A (the best quarter) to D, as the Department for Education's benchmarking tool bands
    authorities ranked by polarity; None where fewer than 4 values."""
    known = [v for v in all_values if v is not None]
    position = rank(value, known, polarity)
    if position is None or len(known) < 4:
        return None
    return "ABCD"[min(3, (position - 1) * 4 // len(known))]


def _confidence(confidence: float) -> float:
    if confidence >= 90:
        confidence /= 100
    if not any(math.isclose(confidence, allowed) for allowed in (0.95, 0.998)):
        raise ValueError(f"confidence must be 0.95 or 0.998 (got {confidence})")
    return 0.95 if math.isclose(confidence, 0.95) else 0.998


def _polarity(polarity: str) -> Polarity:
    try:
        return Polarity(polarity)
    except ValueError:
        choices = ", ".join(p.value for p in Polarity)
        raise ValueError(f"polarity must be one of {choices} (got {polarity!r})") from None


@cache
def _z(confidence: float) -> float:
    return NormalDist().inv_cdf(confidence + (1 - confidence) / 2)


def _exact_limits(x: float, confidence: float) -> tuple[float, float]:
    alpha = 1 - confidence
    lower = 0.0 if x == 0 else scipy_stats.chi2.ppf(alpha / 2, 2 * x) / 2
    return lower, scipy_stats.chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2


def _byar_lower(x: float, confidence: float) -> float:
    z = _z(confidence)
    return x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3


def _byar_upper(x: float, confidence: float) -> float:
    z = _z(confidence)
    return (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3


def _percentile_inc(ordered: list[float], fraction: float) -> float:
    """Excel's PERCENTILE.INC, rounded to 10 places as Fingertips does."""
    h = (len(ordered) - 1) * fraction + 1
    floor = math.floor(h)
    low = ordered[floor - 1]
    high = ordered[min(floor, len(ordered) - 1)]
    return round(low + (h - floor) * (high - low), 10)


def _judged(higher: bool, polarity: Polarity, better: str, worse: str) -> str:
    if polarity == Polarity.NO_JUDGEMENT:
        return "Higher" if higher else "Lower"
    good = higher if polarity == Polarity.HIGH_IS_GOOD else not higher
    return better if good else worse
