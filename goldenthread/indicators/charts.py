"""An indicator's charts: the area against its comparators over time with its 95%
limits, its gaps, every authority compared with England, and the map of them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from goldenthread.areas.models import Area, Boundary
from goldenthread.charts import Chart
from goldenthread.charts.colours import QUINTILES, SIGNIFICANCE, significance_word
from goldenthread.charts.comparisons import AreaBar, compare_areas_chart
from goldenthread.charts.lines import gaps_sentence, line_chart, timeline
from goldenthread.charts.maps import MapArea, choropleth_map
from goldenthread.indicators import stats
from goldenthread.indicators.breakdowns import BreakdownGap, category_label
from goldenthread.indicators.evaluation import Evaluation
from goldenthread.indicators.judgements import compared_with
from goldenthread.indicators.models import (
    TOTAL,
    Comparison,
    DataPoint,
    Indicator,
    Polarity,
    Unit,
)
from goldenthread.indicators.models import Period as StoredPeriod
from goldenthread.indicators.standings import ranked_among
from goldenthread.lib.periods import Period
from goldenthread.lib.wording import amount


def trend_chart(indicator: Indicator, area_name: str, history: list[Evaluation]) -> Chart | None:
    if not history:
        return None
    series = {area_name: [e.value for e in history]}
    for label, attribute in (
        ("England", "england"),
        ("Region", "region"),
        ("Statistical neighbours", "neighbours"),
    ):
        values = [getattr(e, attribute) for e in history]
        if any(v is not None for v in values):
            series[label] = values
    expected = [e.expected for e in history]
    target = ("Target", expected) if any(v is not None for v in expected) else None
    lower, upper = [e.lower for e in history], [e.upper for e in history]
    limits = (lower, upper) if any(v is not None for v in lower) else None
    return line_chart(
        [e.period for e in history],
        series,
        title=f"{indicator.title}, {area_name} and comparators",
        summary=_with_gaps(
            trend_summary(indicator, area_name, history[-1]), [e.period for e in history]
        ),
        unit=_unit(indicator),
        target=target,
        limits=limits,
        from_zero=from_zero(indicator),
    )


def with_gaps(history: list[Evaluation]) -> list[tuple[str, Evaluation | None]]:
    """The history as its chart lays it out, for the page's table to say the same:
    each period with its evaluation, and each run of missing periods with None."""
    known = iter(sorted(history, key=lambda e: e.period))
    return [
        (slot.label, next(known) if slot.known else None)
        for slot in timeline([e.period for e in history])
    ]


def trend_summary(indicator: Indicator, area_name: str, latest: Evaluation) -> str:
    """The sentence that stands for the chart: the latest value beside England."""
    sentence = f"{area_name}: {indicator.format(latest.value)} {latest.period.phrase}"
    if latest.england is not None:
        sentence += f", against {indicator.format(latest.england)} for England"
    if latest.previous_value is not None:
        sentence += f"; {indicator.format(latest.previous_value)} {latest.previous_period.phrase}"
    return sentence + "."


def gap_chart(indicator: Indicator, gap: BreakdownGap) -> Chart:
    periods = sorted({p for values in gap.values.values() for p in values})
    series = {
        category_label(name).capitalize(): [values.get(p) for p in periods]
        for name, values in gap.values.items()
    }
    return line_chart(
        periods,
        series,
        title=f"{indicator.title} by {gap.label}",
        summary=_with_gaps(gap_summary(indicator, gap), periods),
        unit=_unit(indicator),
        from_zero=from_zero(indicator),
    )


def gap_summary(indicator: Indicator, gap: BreakdownGap) -> str:
    latest = gap.latest
    if latest is None:
        return f"Values by {gap.label}; no two groups to compare in the same period."
    unit = "percentage points" if indicator.is_percentage else indicator.unit_words
    size = amount(f"{abs(latest.gap):,.{indicator.decimals}f}", unit)
    sentence = (
        f"The gap between {category_label(gap.first)} and {category_label(gap.second)} "
        f"was {size} {latest.period.phrase}"
    )
    if gap.narrowed is not None:
        sentence += (
            ", narrower than the period before"
            if gap.narrowed
            else ", not narrower than the period before"
        )
    return sentence + "."


# Every authority compared ----------------------------------------------------------


@dataclass(frozen=True)
class AreaValue:
    """An authority's value in the compared period, judged against England."""

    area_id: int
    code: str
    name: str
    value: float
    lower: float | None
    upper: float | None
    judgement: str
    rank: int | None
    quintile: int  # 1 the best fifth; 0 where there are too few to say


@dataclass(frozen=True)
class AreasCompared:
    """The authorities of one boundary set in one period, the partnership's area among
    them, as Fingertips' "compare areas" view shows them: highest value first."""

    indicator: Indicator
    period: Period
    england: float | None
    areas: list[AreaValue]
    area_id: int
    neighbour_ids: frozenset[int]
    boundary_set: str  # its name, or "" where every authority is compared

    @property
    def own(self) -> AreaValue | None:
        return next((a for a in self.areas if a.area_id == self.area_id), None)

    @property
    def has_limits(self) -> bool:
        return any(a.lower is not None for a in self.areas)

    @property
    def comparable(self) -> bool:
        """Whether the values can be judged against England: limits, and a method."""
        return self.has_limits and self.indicator.comparison != Comparison.NONE

    @property
    def authorities(self) -> str:
        """What the compared areas are: "authorities (County & UA)"."""
        return f"authorities ({self.boundary_set})" if self.boundary_set else "local authorities"


def compare_areas(indicator: Indicator, area: Area) -> AreasCompared | None:
    """The authorities compared with the area in its latest period (or, without a value
    of its own, the latest with any): four queries, whatever the number of areas."""
    points = list(
        DataPoint.objects.filter(
            indicator=indicator,
            breakdown=TOTAL,
            area__kind__in=[Area.Kind.LOCAL_AUTHORITY, Area.Kind.COUNTRY],
        ).values_list(*POINT_FIELDS)
    )
    if not points:
        return None
    periods = {p.pk: p.value for p in StoredPeriod.objects.filter(pk__in={p[5] for p in points})}
    period_id = latest_period(points, periods, area.pk)
    in_period = [p for p in points if p[5] == period_id]
    authorities = {p[0]: p for p in in_period if p[3] == Area.Kind.LOCAL_AUTHORITY}
    sets = boundary_sets_of([*authorities, area.pk])
    chosen, set_name = compared_authorities(set(authorities), sets, area.pk)
    neighbours = Area.members.through.objects.filter(
        from_area__comparator_for=area, from_area__kind=Area.Kind.GROUP
    ).values_list("to_area_id", flat=True)
    return AreasCompared(
        indicator=indicator,
        period=periods[period_id],
        england=england_value(in_period),
        areas=judged(indicator, [authorities[pk] for pk in chosen], england_value(in_period)),
        area_id=area.pk,
        neighbour_ids=frozenset(neighbours),
        boundary_set=set_name,
    )


POINT_FIELDS = (
    "area_id",
    "area__code",
    "area__name",
    "area__kind",
    "value",
    "period_id",
    "lower",
    "upper",
    "lower998",
    "upper998",
)


def latest_period(points: list[tuple], periods: dict[int, Period], area_id: int) -> int:
    """The latest period the area has a value in, else the latest of any authority."""
    own = [p[5] for p in points if p[0] == area_id]
    return max(own or [p[5] for p in points], key=lambda pk: periods[pk].sort_key)


def england_value(points: list[tuple]) -> float | None:
    countries = {p[1]: p[4] for p in points if p[3] == Area.Kind.COUNTRY}
    if ENGLAND in countries:
        return countries[ENGLAND]
    return next(iter(countries.values()), None) if len(countries) == 1 else None


ENGLAND = "E92000001"


def boundary_sets_of(area_ids: list[int]) -> dict[int, dict[int, str]]:
    """Each area's boundary sets by id, with their names: one query."""
    sets: dict[int, dict[int, str]] = defaultdict(dict)
    for area_id, set_id, name in Area.boundary_sets.through.objects.filter(
        area_id__in=area_ids
    ).values_list("area_id", "boundaryset_id", "boundaryset__name"):
        sets[area_id][set_id] = name
    return sets


def compared_authorities(
    with_values: set[int], sets: dict[int, dict[int, str]], area_id: int
) -> tuple[list[int], str]:
    """The authorities the area is compared with, and the name of their boundary set.

    Those that share with the area the boundary set most of them have values in (a
    county is never compared with districts, nor an abolished authority with its
    successor); every authority with a value where the area belongs to no set.
    """
    set_id, members = ranked_among(area_id, with_values, sets)
    return sorted(members), sets[area_id][set_id] if set_id is not None else ""


def judged(indicator: Indicator, points: list[tuple], england: float | None) -> list[AreaValue]:
    """Each authority's value judged against England, ranked and put in its fifth;
    highest value first, as Fingertips lists them."""
    values = [p[4] for p in points]
    ranks = indicator.polarity in (Polarity.HIGH_IS_GOOD, Polarity.LOW_IS_GOOD)
    areas = [
        AreaValue(
            area_id=p[0],
            code=p[1],
            name=p[2],
            value=p[4],
            lower=p[6],
            upper=p[7],
            judgement=compared_with(indicator, england, p[4], p[6], p[7], p[8], p[9]),
            rank=stats.rank(p[4], values, indicator.polarity) if ranks else None,
            quintile=stats.quintile(p[4], values, indicator.polarity),
        )
        for p in points
    ]
    return sorted(areas, key=lambda a: (-a.value, a.name))


def compare_chart(compared: AreasCompared, area_name: str) -> Chart:
    indicator = compared.indicator
    return compare_areas_chart(
        [AreaBar(a.code, a.name, a.value, a.lower, a.upper, a.judgement) for a in compared.areas],
        benchmark=compared.england,
        title=f"{indicator.title}, {compared.authorities} compared, {compared.period}",
        summary=compare_summary(compared, area_name),
        unit=_unit(indicator),
        highlight=compared.own.code if compared.own else "",
        neighbours=frozenset(a.code for a in compared.areas if a.area_id in compared.neighbour_ids),
    )


def compare_summary(compared: AreasCompared, area_name: str) -> str:
    """The sentence that stands for the chart: the area's place, and how many
    authorities are better, similar or worse than England."""
    indicator, own = compared.indicator, compared.own
    sentence = f"{len(compared.areas)} {compared.authorities} {compared.period.phrase}"
    if compared.england is not None:
        sentence += f", against {indicator.format(compared.england)} for England"
    sentence += f": {_counts(a.judgement for a in compared.areas)}."
    if own is not None:
        sentence += f" {area_name}: {indicator.format(own.value)}, {own.judgement.lower()}"
        sentence += "" if own.rank is None else f", ranked {own.rank} of {len(compared.areas)}"
        sentence += "."
    return sentence


def _counts(words: Iterable[str]) -> str:
    counts = Counter(significance_word(w) for w in words)
    return ", ".join(f"{n} {word.lower()}" for word, n in counts.most_common())


def _with_gaps(summary: str, periods: list[Period]) -> str:
    return f"{summary} {gaps_sentence(periods)}".strip()


def from_zero(indicator: Indicator) -> bool:
    """Counts, rates and percentages are read against zero: their axis starts there,
    or is marked broken (`charts.lines`)."""
    return indicator.unit in (Unit.COUNT, Unit.RATE, Unit.PERCENTAGE)


def _unit(indicator: Indicator) -> str:
    return indicator.unit_words or ("%" if indicator.is_percentage else "")


# The map ---------------------------------------------------------------------------

SIGNIFICANCE_MAP, QUINTILE_MAP = "significance", "quintile"


def map_mode(compared: AreasCompared, asked: str) -> str:
    """By significance against England, unless asked for quintiles, or the values
    cannot be judged (no limits, or an indicator that is not compared)."""
    return QUINTILE_MAP if asked == QUINTILE_MAP or not compared.comparable else SIGNIFICANCE_MAP


def best_map(area_ids: list[int]) -> str | None:
    """The stored map with shapes for most of these areas; ties go to the first name."""
    best = (
        Boundary.objects.filter(area_id__in=area_ids)
        .values("map")
        .annotate(n=Count("pk"))
        .order_by("-n", "map")
        .first()
    )
    return best["map"] if best else None


def area_map(compared: AreasCompared, area_name: str, mode: str) -> Chart | None:
    """The compared authorities on the map that covers most of them: two queries."""
    ids = [a.area_id for a in compared.areas]
    name = best_map(ids)
    if name is None:
        return None
    shapes = {
        area_id: (kind, geometry)
        for area_id, kind, geometry in Boundary.objects.filter(
            map=name, area_id__in=ids
        ).values_list("area_id", "kind", "geometry")
    }
    groups = quintile_words(compared.indicator) if mode == QUINTILE_MAP else None
    areas = [
        MapArea(
            a.code,
            a.name,
            shapes[a.area_id][1],
            kind=shapes[a.area_id][0],
            group=groups[a.quintile] if groups else significance_word(a.judgement),
            value=a.value,
        )
        for a in compared.areas
        if a.area_id in shapes
    ]
    return choropleth_map(
        areas,
        colours=dict(zip(groups[1:], QUINTILES, strict=True)) if groups else SIGNIFICANCE,
        title=f"{compared.indicator.title}, {compared.period}",
        summary=map_summary(compared, area_name, areas, mode),
        highlight=compared.own.code if compared.own else "",
        group_label="Quintile" if groups else "Compared with England",
    )


def quintile_words(indicator: Indicator) -> list[str]:
    """The legend's words for fifths 1 to 5 (at 0, none: too few values)."""
    if indicator.polarity in (Polarity.HIGH_IS_GOOD, Polarity.LOW_IS_GOOD):
        ends = ("best", "worst")
    else:
        ends = ("lowest", "highest")
    return ["", f"1 ({ends[0]})", "2", "3", "4", f"5 ({ends[1]})"]


def map_summary(compared: AreasCompared, area_name: str, areas: list[MapArea], mode: str) -> str:
    how = "by fifths of all values" if mode == QUINTILE_MAP else "by comparison with England"
    sentence = (
        f"A map of {len(areas)} {compared.authorities}, {compared.period.phrase}, coloured "
        f"{how}: {_counts(a.group for a in areas) if mode != QUINTILE_MAP else _fifths(areas)}."
    )
    missing = len(compared.areas) - len(areas)
    if missing:
        sentence += f" {missing} with a value but no shape on this map are left out."
    own = next((a for a in areas if compared.own and a.code == compared.own.code), None)
    if own is not None:
        where = f"in quintile {own.group}" if mode == QUINTILE_MAP else own.group.lower()
        sentence += f" {area_name}, outlined, is {where}."
    return sentence


def _fifths(areas: list[MapArea]) -> str:
    counts = Counter(a.group for a in areas if a.group)
    return ", ".join(f"{n} in quintile {word}" for word, n in sorted(counts.items())) or "none"
