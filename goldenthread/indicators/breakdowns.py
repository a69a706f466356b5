"""Gaps between groups: boys and girls, pupils eligible for free school meals and not.

A breakdown is written ``dimension:category``. Where a dimension has two categories,
the gap between them is worked out for each period, and whether it narrowed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from goldenthread.indicators.models import TOTAL, DataPoint, Indicator
from goldenthread.lib.periods import Period


@dataclass(frozen=True)
class GapPoint:
    period: Period
    first: float
    second: float

    @property
    def gap(self) -> float:
        return self.first - self.second


@dataclass(frozen=True)
class BreakdownGap:
    dimension: str
    first: str
    second: str
    points: list[GapPoint]
    values: dict[str, dict[Period, float]]  # every category's values, for the chart

    @property
    def label(self) -> str:
        return dimension_label(self.dimension)

    @property
    def latest(self) -> GapPoint | None:
        return self.points[-1] if self.points else None

    @property
    def narrowed(self) -> bool | None:
        """Did the gap get smaller since the period before? None where unknown."""
        if len(self.points) < 2:
            return None
        return abs(self.points[-1].gap) < abs(self.points[-2].gap)


DIMENSIONS = {
    "sex": "sex",
    "fsm": "free school meal eligibility",
    "sen": "special educational needs",
    "ward": "ward",
    "age": "age",
    "ethnicity": "ethnicity",
}


def dimension_label(dimension: str) -> str:
    """``fsm`` → "free school meal eligibility"; other dimensions as they are written."""
    return DIMENSIONS.get(dimension, dimension.replace("-", " "))


def category_label(breakdown: str) -> str:
    """``fsm:not-eligible`` → "not eligible"."""
    return breakdown.split(":", 1)[-1].replace("-", " ")


def breakdown_gaps(indicator: Indicator, area) -> list[BreakdownGap]:
    return breakdown_gaps_for([indicator], area)[indicator.pk]


def breakdown_gaps_for(indicators: list[Indicator], area) -> dict[int, list[BreakdownGap]]:
    """Each indicator's gaps between the groups of every breakdown, in one query."""
    values: dict[int, dict[str, dict[str, dict[Period, float]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(dict))
    )
    points = DataPoint.objects.filter(indicator__in=indicators, area=area).exclude(breakdown=TOTAL)
    for point in points.select_related("period"):
        dimension = point.breakdown.split(":", 1)[0]
        values[point.indicator_id][dimension][point.breakdown][point.period.value] = point.value
    return {i.pk: _gaps(values[i.pk]) for i in indicators}


def _gaps(values: dict[str, dict[str, dict[Period, float]]]) -> list[BreakdownGap]:
    gaps = []
    for dimension, categories in sorted(values.items()):
        names = sorted(categories)
        first, second = (names + ["", ""])[:2]
        both = sorted(set(categories[first]) & set(categories.get(second, {})))
        gaps.append(
            BreakdownGap(
                dimension,
                first,
                second if len(names) == 2 else "",
                [GapPoint(p, categories[first][p], categories[second][p]) for p in both]
                if len(names) == 2
                else [],
                {name: categories[name] for name in names},
            )
        )
    return gaps
