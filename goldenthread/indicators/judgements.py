"""An area's value judged against a comparator (England, its region) the way Fingertips
judges it: by the indicator's comparison method, from the area's own limits.

One function, used by the evaluation, the compare-areas chart, the maps and the export
in Fingertips' shape, so that every place that says "Better" or "Similar" says it alike.
"""

from __future__ import annotations

from goldenthread.indicators import stats
from goldenthread.indicators.models import Comparison, Indicator

NOT_COMPARED = stats.NOT_COMPARED
# The words Fingertips writes, best first; "Not compared" where it cannot say.
JUDGEMENTS = ("Better", "Similar", "Worse", "Higher", "Lower", NOT_COMPARED)


def compared_with(
    indicator: Indicator,
    comparator: float | None,
    value: float | None,
    lower: float | None,
    upper: float | None,
    lower998: float | None = None,
    upper998: float | None = None,
) -> str:
    """Better, Similar or Worse than the comparator (Higher, Similar or Lower for an
    indicator without a polarity), or "Not compared".

    Fingertips' rule: different where the comparator's value lies outside the area's
    limits. Which limits is the indicator's comparison method: 95% (Fingertips' usual),
    99.8%, or (goldenthread's default for indicators typed in rather than imported) 95%
    with 99.8% where known, which says "Better 99.8%" and the like. Not compared where
    the method is none, or the value, its limits or the comparator are missing.
    """
    method, polarity = indicator.comparison, indicator.polarity
    if method == Comparison.NONE:
        return NOT_COMPARED
    if method == Comparison.CI998:
        return stats.compare(value, lower998, upper998, comparator, polarity)
    if method == Comparison.LIMITS and None not in (lower998, upper998):
        return stats.compare_two_levels(
            value, lower, upper, lower998, upper998, comparator, polarity
        )
    return stats.compare(value, lower, upper, comparator, polarity)


def is_significant(judgement: str) -> bool:
    return judgement not in (stats.SIMILAR, NOT_COMPARED)
