"""A forecast baseline: where an indicator's values go "if we do nothing more".

Results-based accountability's Turn the Curve starts from the curve as it would run on
its own, so that a change can be told from the trend it was already on. The baseline
here is a statistical extrapolation of the values alone, with its 95% prediction
interval (where a new value would fall 19 times in 20 if the past pattern holds):

- 8 or more values, one for every period with none missing: exponential smoothing with
  an additive trend and additive errors (Holt's linear trend as a state space model,
  statsmodels' ``ETSModel``), whose interval is worked out from the model. It weighs
  recent values more, so a trend that has bent is followed.
- 3 to 7 values, or any gap between them: a straight line fitted by ordinary least
  squares on the periods' positions (statsmodels' ``OLS``), with the prediction
  interval of a new value. Holt's method estimates four quantities (two smoothing
  weights, the starting level and the starting trend) besides the noise: with fewer
  than twice as many values as that, its weights and interval cannot be trusted, and
  it needs evenly spaced values, which a series with a gap is not.
- Fewer than 3 values: no forecast. Two points always lie on a straight line, so
  there is nothing left over to say how far the next value might stray from it.

The interval never narrows as the forecast looks further ahead. Neither method knows
that a percentage lies between 0 and 100 or a count is never negative: ``bounds`` cuts
the forecast and its interval to what the measure can take.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

# Below this many values there is no forecast; below SMOOTHED_FROM, a straight line.
FEWEST = 3
SMOOTHED_FROM = 8
HORIZON = 3
CONFIDENCE = 0.95

LINEAR = "linear"
SMOOTHED = "smoothed"
METHODS = {
    LINEAR: (
        "a straight-line trend fitted by ordinary least squares, with the 95% prediction "
        "interval of a new value (statsmodels OLS)"
    ),
    SMOOTHED: (
        "exponential smoothing with an additive trend (Holt's linear trend method as an "
        "ETS(A,A,N) state space model, statsmodels ETSModel), with its 95% prediction interval"
    ),
}


NAMES = {
    LINEAR: "a straight-line trend (ordinary least squares)",
    SMOOTHED: "Holt's linear trend (exponential smoothing)",
}


@dataclass(frozen=True)
class ForecastPoint:
    step: int  # periods after the last value: 1 is the next period
    value: float
    lower: float
    upper: float


# Why the straight line was used rather than Holt's method.
TOO_FEW = f"used where there are fewer than {SMOOTHED_FROM} values"
GAP = "used where a period is missing between the values"
NOT_FITTED = "used as Holt's method could not be fitted to these values"


@dataclass(frozen=True)
class Forecast:
    method: str  # LINEAR or SMOOTHED
    values_used: int
    points: list[ForecastPoint]
    why: str = ""  # for LINEAR: TOO_FEW, GAP or NOT_FITTED

    @property
    def method_words(self) -> str:
        """The method in full, and why it was chosen where it is the straight line."""
        return f"{METHODS[self.method]}; {self.why}" if self.why else METHODS[self.method]

    @property
    def method_name(self) -> str:
        """The method in a few words, for a chart's caption."""
        return NAMES[self.method]


def no_forecast_reason(count: int) -> str:
    """Why there is no forecast of ``count`` values, or "" where there is one."""
    if count >= FEWEST:
        return ""
    have = "no values" if count == 0 else ("1 value" if count == 1 else f"{count} values")
    return (
        f"No forecast: it needs at least {FEWEST} values to show a trend and how far "
        f"values stray from it, and there {'is' if count == 1 else 'are'} {have}."
    )


def forecast(
    values: Sequence[float],
    positions: Sequence[int] | None = None,
    *,
    horizon: int = HORIZON,
    bounds: tuple[float | None, float | None] = (None, None),
) -> Forecast | None:
    """The next ``horizon`` periods forecast from ``values`` (oldest first), None where
    there are fewer than ``FEWEST``. ``positions`` places each value on the periods'
    timeline (0, 1, 3: the third period missing); by default they are consecutive."""
    if len(values) < FEWEST:
        return None
    positions = list(range(len(values))) if positions is None else list(positions)
    if len(positions) != len(values):
        raise ValueError("give a position for every value")
    consecutive = positions == list(range(positions[0], positions[0] + len(positions)))
    if len(values) < SMOOTHED_FROM:
        why = TOO_FEW
    elif not consecutive:
        why = GAP
    else:
        points = _smoothed(values, horizon)
        if points is not None:
            return Forecast(SMOOTHED, len(values), _finished(points, bounds))
        why = NOT_FITTED
    points = _linear(values, positions, horizon)
    return Forecast(LINEAR, len(values), _finished(points, bounds), why)


def _finished(
    points: list[ForecastPoint], bounds: tuple[float | None, float | None]
) -> list[ForecastPoint]:
    return [_bounded(p, bounds) for p in _widening(points)]


def _linear(values: Sequence[float], positions: list[int], horizon: int) -> list[ForecastPoint]:
    import numpy as np
    import statsmodels.api as sm

    x = np.asarray(positions, dtype=float)
    fitted = sm.OLS(np.asarray(values, dtype=float), sm.add_constant(x, has_constant="add")).fit()
    ahead = x[-1] + np.arange(1, horizon + 1)
    frame = fitted.get_prediction(sm.add_constant(ahead, has_constant="add")).summary_frame(
        alpha=1 - CONFIDENCE
    )
    return [
        _point(step, mean, low, high)
        for step, (mean, low, high) in enumerate(
            zip(frame["mean"], frame["obs_ci_lower"], frame["obs_ci_upper"], strict=True), 1
        )
    ]


def _smoothed(values: Sequence[float], horizon: int) -> list[ForecastPoint] | None:
    """Holt's method's forecast, or None where the model cannot be fitted (a flat or
    degenerate series): the straight line is used instead."""
    import numpy as np
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    series = pd.Series(list(values), dtype=float)
    with warnings.catch_warnings():
        # The optimiser's convergence notes are not the reader's concern: a fit that
        # fails outright gives NaN below and falls back to the straight line.
        warnings.simplefilter("ignore")
        try:
            fitted = ETSModel(series, error="add", trend="add").fit(disp=False)
            frame = fitted.get_prediction(
                start=len(series), end=len(series) + horizon - 1
            ).summary_frame(alpha=1 - CONFIDENCE)
        except (ValueError, np.linalg.LinAlgError, ZeroDivisionError):
            return None
    points = [
        _point(step, mean, low, high)
        for step, (mean, low, high) in enumerate(
            zip(frame["mean"], frame["pi_lower"], frame["pi_upper"], strict=True), 1
        )
    ]
    if any(math.isnan(v) for p in points for v in (p.value, p.lower, p.upper)):
        return None
    return points


def _point(step: int, mean: float, low: float, high: float) -> ForecastPoint:
    return ForecastPoint(step, float(mean), float(low), float(high))


def _widening(points: list[ForecastPoint]) -> list[ForecastPoint]:
    """Each interval at least as wide as the one before: uncertainty about a later
    period is never less than about an earlier one (a rounding wobble aside)."""
    widest, kept = 0.0, []
    for point in points:
        half = max((point.upper - point.lower) / 2, widest)
        widest = half
        kept.append(ForecastPoint(point.step, point.value, point.value - half, point.value + half))
    return kept


def _bounded(point: ForecastPoint, bounds: tuple[float | None, float | None]) -> ForecastPoint:
    low, high = bounds

    def cut(value: float) -> float:
        if low is not None:
            value = max(value, low)
        if high is not None:
            value = min(value, high)
        return value

    return ForecastPoint(point.step, cut(point.value), cut(point.lower), cut(point.upper))
