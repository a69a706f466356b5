"""Thurrock's statistical neighbours for the demo, from ``data/`` (``SOURCE.md`` says
where they come from and why the set is dated 1 April 2014)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from goldenthread.areas.importers.neighbours import refresh_groups
from goldenthread.areas.models import DFE_STATISTICAL_NEIGHBOURS, Area, Neighbour, NeighbourSet

NEIGHBOURS = Path(__file__).parent / "data" / "thurrock-statistical-neighbours.csv"
THURROCK = ("E06000034", "883")
IN_FORCE_FROM = dt.date(2014, 4, 1)
SOURCE = "DfE early years dashboard data (pre-2021 model), typed into the demo"


def load_demo_neighbours() -> NeighbourSet:
    """The set, its neighbours (with their regions), and Thurrock's comparator group's
    members; loading it again changes nothing."""
    code, number = THURROCK
    thurrock = Area.objects.get(code=code)
    if not thurrock.la_number:
        thurrock.la_number = number
        thurrock.save(update_fields=["la_number"])
    chosen, made = NeighbourSet.objects.get_or_create(
        area=thurrock,
        model=DFE_STATISTICAL_NEIGHBOURS,
        in_force_from=IN_FORCE_FROM,
        defaults={"source": SOURCE},
    )
    if made:
        with NEIGHBOURS.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                Neighbour.objects.create(
                    neighbour_set=chosen, area=_neighbour(row), rank=int(row["rank"])
                )
    refresh_groups([thurrock])
    return chosen


def _neighbour(row: dict[str, str]) -> Area:
    england = Area.objects.get(code="E92000001")
    region, _ = Area.objects.get_or_create(
        code=row["region_code"],
        defaults={"name": row["region_name"], "kind": Area.Kind.REGION, "parent": england},
    )
    area, _ = Area.objects.get_or_create(
        code=row["code"],
        defaults={
            "name": row["name"],
            "kind": Area.Kind.LOCAL_AUTHORITY,
            "la_number": row["la_number"],
            "parent": region,
        },
    )
    return area
