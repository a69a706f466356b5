"""Work out every authority's standing on an indicator, once, when its data changes.

A standing puts an authority's value beside England's, its region's and its
statistical neighbours', and ranks it among all authorities with a quartile band.
Ranking needs every authority's value, so doing it on each page view would mean
reading the whole indicator; doing it here, a scorecard reads one row per indicator.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean

from django.db import transaction

from goldenthread.areas.models import Area
from goldenthread.indicators.models import TOTAL, DataPoint, Indicator, Period, Standing
from goldenthread.indicators.stats import Polarity

TREND_LENGTH = 10
BANDS = "ABCD"


@dataclass
class _Geography:
    """Which areas are authorities, and each one's region, country and neighbours."""

    authorities: set[int] = field(default_factory=set)
    region: dict[int, int] = field(default_factory=dict)
    country: dict[int, int] = field(default_factory=dict)
    neighbour_group: dict[int, int] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls) -> _Geography:
        geography = cls()
        areas = {a.pk: a for a in Area.objects.all()}
        for area in areas.values():
            if area.kind == Area.Kind.LOCAL_AUTHORITY:
                geography.authorities.add(area.pk)
            if area.kind == Area.Kind.GROUP and area.comparator_for_id:
                geography.neighbour_group[area.comparator_for_id] = area.pk
            ancestor = areas.get(area.parent_id)
            while ancestor is not None:
                if ancestor.kind == Area.Kind.REGION:
                    geography.region.setdefault(area.pk, ancestor.pk)
                elif ancestor.kind == Area.Kind.COUNTRY:
                    geography.country.setdefault(area.pk, ancestor.pk)
                ancestor = areas.get(ancestor.parent_id)
        for group_id, member_id in Area.members.through.objects.values_list(
            "from_area_id", "to_area_id"
        ):
            geography.members[group_id].append(member_id)
        return geography


def refresh_standings(indicator_ids: Iterable[int]) -> int:
    """Rework the standings of these indicators; returns how many were written."""
    geography = _Geography.load()
    periods = {p.pk: p for p in Period.objects.all()}
    written = 0
    for indicator in Indicator.objects.filter(pk__in=list(indicator_ids)):
        with transaction.atomic():
            Standing.objects.filter(indicator=indicator).delete()
            standings = _standings_of(indicator, geography, periods)
            Standing.objects.bulk_create(standings, batch_size=2000)
            written += len(standings)
    return written


def _standings_of(indicator: Indicator, geography: _Geography, periods: dict) -> list[Standing]:
    points = DataPoint.objects.filter(indicator=indicator, breakdown=TOTAL).only(
        "id", "area_id", "period_id", "value", "lower", "upper"
    )
    by_period: dict[int, dict[int, DataPoint]] = defaultdict(dict)
    for point in points:
        by_period[point.period_id][point.area_id] = point
    order = sorted(by_period, key=lambda pk: periods[pk].value.sort_key)
    history: dict[int, list[DataPoint]] = defaultdict(list)
    standings = []
    for period_id in order:
        values = by_period[period_id]
        ranking = _Ranking(
            {a: p.value for a, p in values.items() if a in geography.authorities},
            indicator.polarity,
        )
        for area_id in ranking.values:
            point = values[area_id]
            standings.append(
                _standing(indicator, point, values, history[area_id], ranking, geography, periods)
            )
            history[area_id].append(point)
    _mark_latest(standings)
    return standings


def _standing(indicator, point, values, earlier, ranking, geography, periods) -> Standing:
    area_id = point.area_id
    england = values.get(geography.country.get(area_id))
    region = values.get(geography.region.get(area_id))
    rank = ranking.rank(area_id)
    trend = [*earlier[-(TREND_LENGTH - 1) :], point]
    return Standing(
        indicator=indicator,
        area_id=area_id,
        period_id=point.period_id,
        data_point=point,
        previous=earlier[-1] if earlier else None,
        england=england.value if england else None,
        england_lower=england.lower if england else None,
        england_upper=england.upper if england else None,
        region=region.value if region else None,
        neighbours=_neighbours(area_id, values, geography),
        rank=rank,
        ranked=len(ranking.values) if rank else None,
        quartile_band=ranking.band(area_id),
        quartile_bounds=ranking.bounds,
        trend=[[periods[p.period_id].label, p.value] for p in trend],
    )


def _neighbours(area_id: int, values: dict, geography: _Geography) -> float | None:
    """The group's published average, else the mean of the members' values."""
    group_id = geography.neighbour_group.get(area_id)
    if group_id is None:
        return None
    if group_id in values:
        return values[group_id].value
    known = [values[m].value for m in geography.members.get(group_id, []) if m in values]
    return fmean(known) if known else None


class _Ranking:
    """All authorities' values for one period, best first by polarity.

    The same rules as ``stats.rank`` and ``stats.quartile_band``, worked out for
    every authority at once rather than one at a time.
    """

    def __init__(self, values: dict[int, float], polarity: str) -> None:
        self.values = values
        judged = polarity in (Polarity.HIGH_IS_GOOD, Polarity.LOW_IS_GOOD)
        best_first = sorted(values.values(), reverse=polarity != Polarity.LOW_IS_GOOD)
        self.first_rank: dict[float, int] = {}
        for position, value in enumerate(best_first, start=1):
            self.first_rank.setdefault(value, position)
        self.judged = judged and len(values) >= len(BANDS)
        self.bounds = self._bounds(best_first) if self.judged else []

    def rank(self, area_id: int) -> int | None:
        return self.first_rank[self.values[area_id]] if self.judged else None

    def band(self, area_id: int) -> str:
        rank = self.rank(area_id)
        if rank is None:
            return ""
        return BANDS[min(len(BANDS) - 1, (rank - 1) * len(BANDS) // len(self.values))]

    def _bounds(self, best_first: list[float]) -> list[float]:
        """The last value inside each band but the worst: what it takes to be in it."""
        bounds, n = [], len(best_first)
        for band in range(len(BANDS) - 1):
            inside = [v for v in best_first if min(3, (self.first_rank[v] - 1) * 4 // n) == band]
            bounds.append(inside[-1] if inside else None)
        return bounds


def _mark_latest(standings: list[Standing]) -> None:
    latest: dict[int, Standing] = {}
    for standing in standings:  # in period order
        latest[standing.area_id] = standing
    for standing in latest.values():
        standing.is_latest = True
