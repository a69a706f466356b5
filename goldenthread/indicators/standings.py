"""Work out every authority's standing on an indicator, once, when its data changes.

A standing puts an authority's value beside England's, its region's and its
statistical neighbours', and ranks it among all authorities with a quartile band.
Ranking needs every authority's value, so doing it on each page view would mean
reading the whole indicator; doing it here, a scorecard reads one row per indicator.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from statistics import fmean

from django.db import connection, transaction

from goldenthread.areas.models import Area, BoundarySet, Neighbour, NeighbourSet
from goldenthread.indicators import stats
from goldenthread.indicators.models import TOTAL, DataPoint, DataStatus, Indicator, Period, Standing
from goldenthread.indicators.stats import Polarity

TREND_LENGTH = 10
BANDS = "ABCD"


@dataclass
class Geography:
    """Which areas are authorities, and each one's region, country and neighbours."""

    authorities: set[int] = field(default_factory=set)
    region: dict[int, int] = field(default_factory=dict)
    country: dict[int, int] = field(default_factory=dict)
    neighbour_group: dict[int, int] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    # Boundary sets: each authority's, the upper tier first, and each set's authorities.
    sets_of: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    set_members: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Statistical neighbours: each authority's sets, oldest first, as
    # (in force from, set id, member ids by rank).
    neighbour_sets: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls) -> Geography:
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
        geography._load_sets()
        return geography

    def _load_sets(self) -> None:
        tiers = [t.value for t in BoundarySet.Tier]
        memberships = Area.boundary_sets.through.objects.values_list(
            "area_id", "boundaryset_id", "boundaryset__tier", "boundaryset__name"
        )
        for area_id, set_id, tier, _name in sorted(
            memberships, key=lambda m: (tiers.index(m[2]), m[3])
        ):
            if tier in (BoundarySet.Tier.UPPER, BoundarySet.Tier.LOWER):
                self.sets_of[area_id].append(set_id)
                self.set_members[set_id].add(area_id)
        ranked: dict[int, list[int]] = defaultdict(list)
        for set_id, area_id in Neighbour.objects.order_by("rank").values_list(
            "neighbour_set_id", "area_id"
        ):
            ranked[set_id].append(area_id)
        for neighbour_set in NeighbourSet.objects.order_by("in_force_from"):
            entry = (neighbour_set.in_force_from, neighbour_set.pk, ranked[neighbour_set.pk])
            self.neighbour_sets[neighbour_set.area_id].append(entry)

    def ranked_among(self, area_id: int, present: set[int]) -> tuple[int | None, set[int]]:
        return ranked_among(area_id, self.authorities & present, self.sets_of, self.set_members)

    def neighbours_in_force(self, area_id: int, day) -> tuple[int | None, list[int]]:
        """The statistical neighbours in force on the day (the latest set from on or
        before it, else the earliest there is), as (set id, member ids by rank)."""
        sets = self.neighbour_sets.get(area_id)
        if not sets:
            return None, []
        earlier = [entry for entry in sets if entry[0] <= day]
        _, set_id, members = earlier[-1] if earlier else sets[0]
        return set_id, members


def ranked_among(
    area_id: int,
    with_values: set[int],
    sets_of: Mapping[int, Collection[int]],
    members_of: Mapping[int, set[int]] | None = None,
) -> tuple[int | None, set[int]]:
    """The boundary set an authority is ranked and compared in, and the authorities of
    it with a value: of its sets (a unitary is in both the county and the district
    sets), the one with the most values, the first of its sets where they tie; without
    sets, every authority with a value. So a county is never ranked among districts,
    nor an abolished authority among its successors. Pages and standings alike;
    ``members_of``, each set's areas, saves working them out for every authority."""
    best: tuple[int | None, set[int]] | None = None
    for set_id in sets_of.get(area_id, ()):
        if members_of is not None:
            members = members_of[set_id] & with_values
        else:
            members = {pk for pk in with_values if set_id in sets_of.get(pk, ())}
        if best is None or len(members) > len(best[1]):
            best = (set_id, members)
    return best or (None, set(with_values))


def refresh_standings(indicator_ids: Iterable[int]) -> int:
    """Rework every latest standing of these indicators; returns how many were written."""
    return refresh_changed_standings({pk: Changed(everything=True) for pk in indicator_ids})


@dataclass
class Changed:
    """What an import added to or revised in one indicator's totals (the values standings
    are worked from): the areas and the periods they fell in. ``everything`` where every
    standing of the indicator may have moved: it had no values before, or what it
    measures was redefined (its polarity, which breakdown is the total)."""

    areas: set[int] = field(default_factory=set)
    periods: set[int] = field(default_factory=set)
    everything: bool = False

    def add(self, area_id: int, period_id: int) -> None:
        self.areas.add(area_id)
        self.periods.add(period_id)

    def absorb(self, other: Changed) -> None:
        self.areas |= other.areas
        self.periods |= other.periods
        self.everything |= other.everything


Changes = dict[int, Changed]  # by indicator id


def combined(*changes: Mapping[int, Changed]) -> Changes:
    """Several imports' changes as one, for a set of files refreshed once."""
    together: Changes = defaultdict(Changed)
    for each in changes:
        for indicator_id, changed in each.items():
            together[indicator_id].absorb(changed)
    return dict(together)


def refresh_changed_standings(changes: Mapping[int, Changed]) -> int:
    """Rework the standings these changes can move, and only those; returns how many
    were written. So the cost of an import follows the values it brought, not the size
    of the database: see ``moved_by``."""
    if not changes:
        return 0
    geography = Geography.load()
    periods = {p.pk: p.value for p in Period.objects.all()}
    written = 0
    for indicator in Indicator.objects.filter(pk__in=list(changes)):
        changed = changes[indicator.pk]
        if changed.everything:
            standings = standings_of(indicator, geography=geography, periods=periods)
            stale = Standing.objects.filter(indicator=indicator)
        else:
            areas = moved_by(indicator, changed, geography)
            if not areas:
                continue
            standings = _standings_of_areas(indicator, areas, geography, periods)
            stale = Standing.objects.filter(indicator=indicator, area_id__in=areas)
        with transaction.atomic():
            stale.delete()
            _insert(standings)
        written += len(standings)
    return written


def rerank_on_a_new_polarity(sender, instance: Indicator, raw: bool = False, **kwargs) -> None:
    """``post_save`` of an indicator: a definition that turns its polarity round (on the
    web, in the admin, from a file) reranks every authority on it."""
    if not raw and instance.polarity_turned:
        refresh_standings([instance.pk])
        instance._polarity_read = instance.polarity


def rework_on_new_geography(sender, **kwargs) -> None:
    """``areas.signals.reference_data_changed``: regions, boundary sets and statistical
    neighbours decide whom each authority is ranked among and compared with."""
    refresh_standings(Indicator.objects.values_list("pk", flat=True))


def moved_by(indicator: Indicator, changed: Changed, geography: Geography) -> set[int]:
    """The authorities whose standing on the indicator these changed totals can move.

    A standing is worked from the authority's own values (its latest, the previous one,
    its trend) and from every area's value in its latest period (its rank, band and
    quintile, England's, the region's and the neighbours' values). So it moves when one
    of its own values changed, or when any value in its latest period did; no other
    value enters it. An authority whose latest period is not among the changed ones and
    none of whose values changed keeps its standing as it is."""
    latest = Standing.objects.filter(indicator=indicator).values_list("area_id", "period_id")
    in_changed_periods = {area for area, period in latest if period in changed.periods}
    return (changed.areas & geography.authorities) | in_changed_periods


POINT = (
    "area_id",
    "period_id",
    "value",
    "lower",
    "upper",
    "lower998",
    "upper998",
    "status",
    "note",
)


def _standings_of_areas(
    indicator: Indicator, areas: set[int], geography: Geography, periods: dict
) -> list[Worked]:
    """The latest standings of these authorities, reading only their own totals and
    every area's in their latest periods."""
    totals = DataPoint.objects.filter(indicator=indicator, breakdown=TOTAL)
    own = list(totals.filter(area_id__in=areas).values_list(*POINT))
    latest: dict[int, int] = {}
    for point in own:
        area, period = point[0], point[1]
        if area not in latest or periods[period].sort_key > periods[latest[area]].sort_key:
            latest[area] = period
    beside = totals.filter(period_id__in=set(latest.values())).values_list(*POINT)
    points = {(p[0], p[1]): p for p in [*own, *beside]}
    return _worked(indicator, list(points.values()), geography, periods, areas=areas)


def standings_of(
    indicator: Indicator,
    *,
    area_id: int | None = None,
    geography: Geography | None = None,
    periods: dict | None = None,
) -> list[Worked]:
    """Each authority's standing in its latest period, unsaved; or, given an area, that
    area's standing in every period, oldest first."""
    geography = geography or Geography.load()
    periods = periods or {p.pk: p.value for p in Period.objects.all()}
    points = DataPoint.objects.filter(indicator=indicator, breakdown=TOTAL).values_list(*POINT)
    return _worked(indicator, points, geography, periods, area_id=area_id)


def _worked(
    indicator: Indicator,
    points: Iterable[tuple],
    geography: Geography,
    periods: dict,
    *,
    area_id: int | None = None,
    areas: Collection[int] | None = None,
) -> list[Worked]:
    """Standings worked out from total ``points`` (``POINT``'s fields): for an area, in
    every period; else each authority's latest, or only those of ``areas`` (whose own
    points must all be there, with every area's in their latest periods)."""
    by_period: dict[int, dict[int, tuple]] = defaultdict(dict)
    for point in points:
        by_period[point[1]][point[0]] = point
    history: dict[int, list[tuple]] = defaultdict(list)
    for period_id in sorted(by_period, key=lambda pk: periods[pk].sort_key):
        for area, point in by_period[period_id].items():
            history[area].append(point)
    if area_id is not None:
        wanted = [(area_id, i) for i in range(len(history.get(area_id, [])))]
    else:
        wanted = [
            (area, len(series) - 1)
            for area, series in history.items()
            if areas is None or area in areas
        ]
    labels = {pk: str(period) for pk, period in periods.items()}
    rankings: dict[tuple, _Ranking] = {}
    # Where an authority is ranked depends only on the period and its boundary sets:
    # worked out once for each, not for each of a hundred authorities.
    placed: dict[tuple, tuple[int | None, set[int]]] = {}
    standings = []
    for area, i in wanted:
        if area not in geography.authorities:
            continue
        period_id = history[area][i][1]
        values = by_period[period_id]
        place = (period_id, tuple(geography.sets_of.get(area, ())))
        if place not in placed:
            placed[place] = geography.ranked_among(area, set(values))
        set_id, group = placed[place]
        key = (period_id, set_id if set_id is not None else frozenset(group))
        if key not in rankings:
            rankings[key] = _Ranking({a: values[a][2] for a in group}, indicator.polarity)
        standing = _standing(
            indicator, values, history[area][: i + 1], rankings[key], geography, labels
        )
        standing.boundary_set_id = set_id
        _compare_with_neighbours(standing, values, geography, periods[period_id].end)
        standings.append(standing)
    return standings


@dataclass(slots=True)
class Worked:
    """A standing as worked out, with the fields of ``Standing``: light enough to make
    by the hundred thousand, and read by the evaluation just as a stored one is."""

    indicator: Indicator
    area_id: int
    period_id: int
    value: float
    lower: float | None
    upper: float | None
    lower998: float | None
    upper998: float | None
    provisional: bool
    note: str
    previous_period_id: int | None
    previous_value: float | None
    england: float | None
    region: float | None
    neighbours: float | None
    rank: int | None
    ranked: int | None
    quartile_band: str
    quartile_bounds: list
    trend: list
    quintile: int | None = None
    boundary_set_id: int | None = None
    neighbour_set_id: int | None = None
    neighbour_rank: int | None = None
    neighbour_ranked: int | None = None

    @property
    def indicator_id(self) -> int:
        return self.indicator.pk


def _standing(indicator, values, series, ranking, geography, labels) -> Worked:
    """The standing of the last point of ``series``, one authority's values in order."""
    area_id, period_id, value, lower, upper, lower998, upper998, status, note = series[-1]
    previous = series[-2] if len(series) > 1 else None
    return Worked(
        indicator=indicator,
        area_id=area_id,
        period_id=period_id,
        value=value,
        lower=lower,
        upper=upper,
        lower998=lower998,
        upper998=upper998,
        provisional=status == DataStatus.PROVISIONAL,
        note=note,
        previous_period_id=previous[1] if previous else None,
        previous_value=previous[2] if previous else None,
        england=_value(values, geography.country.get(area_id)),
        region=_value(values, geography.region.get(area_id)),
        neighbours=_neighbours(area_id, values, geography),
        rank=ranking.rank(area_id),
        ranked=len(ranking.values) if ranking.judged else None,
        quartile_band=ranking.band(area_id),
        quartile_bounds=ranking.bounds,
        quintile=ranking.quintile(area_id),
        # With each value its 95% limits, for the test of change over time.
        trend=[[labels[p[1]], p[2], p[3], p[4]] for p in series[-TREND_LENGTH:]],
    )


def _value(values: dict, area_id: int | None) -> float | None:
    point = values.get(area_id)
    return point[2] if point else None


COLUMNS = [
    "indicator_id",
    "area_id",
    "period_id",
    "value",
    "lower",
    "upper",
    "lower998",
    "upper998",
    "provisional",
    "note",
    "previous_period_id",
    "previous_value",
    "england",
    "region",
    "neighbours",
    "rank",
    "ranked",
    "quartile_band",
    "quintile",
    "boundary_set_id",
    "neighbour_set_id",
    "neighbour_rank",
    "neighbour_ranked",
    "quartile_bounds",
    "trend",
]


def _insert(standings: list[Worked]) -> None:
    """Through the cursor: a national refresh writes tens of thousands of rows."""
    sql = (
        f"INSERT INTO {Standing._meta.db_table} ({', '.join(COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    )
    fields = attrgetter(*COLUMNS[1:-2])
    rows = [
        (s.indicator.pk, *fields(s), json.dumps(s.quartile_bounds), json.dumps(s.trend))
        for s in standings
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _compare_with_neighbours(standing: Worked, values: dict, geography: Geography, day) -> None:
    """Where the authority has statistical neighbours in force on the period's last day:
    their average and its rank among them and itself ("3rd of 11")."""
    set_id, members = geography.neighbours_in_force(standing.area_id, day)
    if set_id is None:
        return
    standing.neighbour_set_id = set_id
    known = [values[m][2] for m in members if m in values]
    standing.neighbours = fmean(known) if known else None
    polarity = standing.indicator.polarity
    if known and polarity in (Polarity.HIGH_IS_GOOD, Polarity.LOW_IS_GOOD):
        everyone = [standing.value, *known]
        standing.neighbour_rank = stats.rank(standing.value, everyone, polarity)
        standing.neighbour_ranked = len(everyone)


def _neighbours(area_id: int, values: dict, geography: Geography) -> float | None:
    """The group's published average, else the mean of the members' values."""
    group_id = geography.neighbour_group.get(area_id)
    if group_id is None:
        return None
    if group_id in values:
        return values[group_id][2]
    known = [values[m][2] for m in geography.members.get(group_id, []) if m in values]
    return fmean(known) if known else None


class _Ranking:
    """All authorities' values for one period, best first by polarity.

    The same rules as ``stats.rank`` and ``stats.quartile_band``, worked out for
    every authority at once rather than one at a time.
    """

    def __init__(self, values: dict[int, float], polarity: str) -> None:
        self.values, self.polarity = values, polarity
        self.fifths = stats.quintile_bounds(list(values.values()))
        judged = polarity in (Polarity.HIGH_IS_GOOD, Polarity.LOW_IS_GOOD)
        best_first = sorted(values.values(), reverse=polarity != Polarity.LOW_IS_GOOD)
        self.first_rank: dict[float, int] = {}
        for position, value in enumerate(best_first, start=1):
            self.first_rank.setdefault(value, position)
        self.judged = judged and len(values) >= len(BANDS)
        self.bounds = self._bounds(best_first) if self.judged else []

    def rank(self, area_id: int) -> int | None:
        """1 is the best; None where there is no polarity or too few to rank."""
        return self.first_rank[self.values[area_id]] if self.judged else None

    def quintile(self, area_id: int) -> int | None:
        """1 (the best fifth, or the lowest without a polarity) to 5; None where
        fewer than five authorities have values."""
        return stats.quintile_in(self.values[area_id], self.fifths, self.polarity) or None

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
