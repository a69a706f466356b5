"""goldenthread's values written as a Fingertips "all data" export, with goldenthread's
own judgements in the "Compared to …" columns, so that an analyst can diff them with
Fingertips' or feed the file to Fingertips' own tools."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from goldenthread.areas.models import Area, BoundarySet
from goldenthread.indicators.fingertips.columns import HEADINGS
from goldenthread.indicators.judgements import NOT_COMPARED, compared_with
from goldenthread.indicators.models import TOTAL, DataPoint, Indicator
from goldenthread.lib.cells import SafeWriter
from goldenthread.lib.periods import FinancialYear, Period, PeriodKind

# The columns in the order today's exports give them.
COLUMNS = [name for name in HEADINGS if name != "period_range"] + ["period_range"]
# Where an area is in no boundary set, the area type its code speaks of.
TYPE_BY_CODE = {"E92": "England", "E12": "Region", "E07": "District & UA"}
TIER_ORDER = [t.value for t in BoundarySet.Tier]


def write_export(file: TextIO, indicators: Iterable[Indicator]) -> int:
    """Write the values of these indicators; returns how many rows were written."""
    writer = SafeWriter(file, lineterminator="\r\n")  # as Fingertips writes its rows
    writer.writerow([HEADINGS[name] for name in COLUMNS])
    written = 0
    types = _area_types()
    for indicator in indicators:
        for row in _rows(indicator, types):
            writer.writerow([row.get(name, "") for name in COLUMNS])
            written += 1
    return written


def fingertips_period(period: Period) -> str:
    """A period as Fingertips writes it: 2015, 2015/16, 2013 - 15, 2015/16 Q1."""
    if period.kind == PeriodKind.CALENDAR_YEAR:
        return str(period.start.year)
    if period.kind == PeriodKind.QUARTER:
        quarter, year = str(period).split(" ", 1)
        return f"{year} {quarter}"
    return str(period)


def sortable(period: Period) -> str:
    """Fingertips' Time period Sortable: the year the period starts in, then its
    quarter of the financial year and its month, each as two digits (20150100)."""
    year, quarter, month = period.start.year, 0, 0
    if period.kind == PeriodKind.QUARTER:
        year = FinancialYear.containing(period.start).start
        quarter = (period.start.month - 4) % 12 // 3 + 1
    elif period.kind == PeriodKind.MONTH:
        month = period.start.month
    return f"{year}{quarter:02d}{month:02d}"


def _rows(indicator: Indicator, types: dict[int, str]) -> Iterator[dict[str, str]]:
    points = list(
        DataPoint.objects.filter(indicator=indicator)
        .select_related("area__parent", "period")
        .order_by("period__end", "period__start", "breakdown", "area__code")
    )
    by_cell = {(p.area_id, p.period_id, p.breakdown): p for p in points}
    england = Area.objects.filter(code="E92000001").values_list("pk", flat=True).first()
    regions = _regions()
    for point in points:
        is_authority = point.area.kind == Area.Kind.LOCAL_AUTHORITY
        region_id = regions.get(point.area_id) if is_authority else None
        england_point = (
            by_cell.get((england, point.period_id, point.breakdown)) if england else None
        )
        region_point = (
            by_cell.get((region_id, point.period_id, point.breakdown)) if region_id else None
        )
        yield _row(indicator, point, types, england_point, region_point)


def _row(
    indicator: Indicator,
    point: DataPoint,
    types: dict[int, str],
    england_point: DataPoint | None,
    region_point: DataPoint | None,
) -> dict[str, str]:
    area, period = point.area, point.period.value
    sex, age, category_type, category = _group(indicator, point.breakdown)
    return {
        "indicator_id": indicator.external_id or indicator.code,
        "indicator_name": indicator.title,
        "parent_code": area.parent.code if area.parent else "",
        "parent_name": area.parent.name if area.parent else "",
        "area_code": area.code,
        "area_name": area.name,
        "area_type": types.get(area.pk) or TYPE_BY_CODE.get(area.code[:3], "County & UA"),
        "sex": sex,
        "age": age,
        "category_type": category_type,
        "category": category,
        "time_period": fingertips_period(period),
        "value": _number(point.value),
        "lower95": _number(point.lower),
        "upper95": _number(point.upper),
        "lower998": _number(point.lower998),
        "upper998": _number(point.upper998),
        "count": _number(point.numerator),
        "denominator": _number(point.denominator),
        "value_note": point.note,
        "vs_england": _judged(indicator, point, england_point),
        "vs_region": _judged(indicator, point, region_point),
        "sortable": sortable(period),
        "period_range": f"{max(period.years, 1)}y" if period.years else "",
    }


def _judged(indicator: Indicator, point: DataPoint, comparator: DataPoint | None) -> str:
    if comparator is None or comparator.pk == point.pk:
        return NOT_COMPARED
    p = point
    return compared_with(
        indicator, comparator.value, p.value, p.lower, p.upper, p.lower998, p.upper998
    )


def _regions() -> dict[int, int]:
    """The region each area lies in, however deep. England and the regions themselves
    are not compared with a region, nor by Fingertips."""
    parents: dict[int, int | None] = {}
    kinds: dict[int, str] = {}
    for pk, parent_id, kind in Area.objects.values_list("pk", "parent_id", "kind"):
        parents[pk], kinds[pk] = parent_id, kind
    regions: dict[int, int] = {}
    for area_id, first_above in parents.items():
        above, steps = first_above, 0
        while above is not None and kinds.get(above) != Area.Kind.REGION and steps < 10:
            above, steps = parents.get(above), steps + 1
        if above is not None and kinds.get(above) == Area.Kind.REGION:
            regions[area_id] = above
    return regions


def _group(indicator: Indicator, breakdown: str) -> tuple[str, str, str, str]:
    if breakdown == TOTAL:
        return (indicator.sex or "Persons", indicator.age, "", "")
    labels = (indicator.breakdown_labels or {}).get(breakdown)
    if labels:
        return (labels["sex"], labels["age"], labels["category_type"], labels["category"])
    dimension, _, category = breakdown.partition(":")
    return (indicator.sex or "Persons", indicator.age, dimension, category.replace("-", " "))


def _area_types() -> dict[int, str]:
    """Each area's boundary set to name it by: the upper tier before the lower."""
    chosen: dict[int, tuple] = {}
    for area_id, name, tier in Area.boundary_sets.through.objects.values_list(
        "area_id", "boundaryset__name", "boundaryset__tier"
    ):
        rank = (TIER_ORDER.index(tier), name)
        if area_id not in chosen or rank < chosen[area_id]:
            chosen[area_id] = rank
    return {area_id: rank[1] for area_id, rank in chosen.items()}


def _number(number: float | None) -> str:
    return "" if number is None else f"{number:.15g}"
