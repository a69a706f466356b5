"""A small world for indicator tests: England, a region, eight authorities, neighbours."""

from __future__ import annotations

import csv
from pathlib import Path

from goldenthread.areas.models import Area
from goldenthread.areas.signals import reference_data_changed
from goldenthread.indicators.models import Indicator

VALUE_COLUMNS = [
    "indicator",
    "area",
    "period",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "lower",
    "upper",
    "status",
    "note",
    "source",
]
OTHER_AUTHORITIES = [f"E0800000{n}" for n in range(1, 8)]


def build_areas() -> dict[str, Area]:
    england = Area.objects.create(code="E92000001", name="England", kind="country")
    region = Area.objects.create(
        code="E12000006", name="East of England", kind="region", parent=england
    )
    areas = {"england": england, "region": region}
    areas["thurrock"], _ = Area.objects.update_or_create(
        code="E06000034", defaults={"name": "Thurrock", "kind": "local_authority", "parent": region}
    )
    others = Area.objects.bulk_create(
        Area(code=code, name=f"Borough {code[-1]}", kind="local_authority", parent=region)
        for code in OTHER_AUTHORITIES
    )
    areas |= {area.code: area for area in others}
    group = Area.objects.create(
        code="SN-E06000034",
        name="Thurrock's statistical neighbours",
        kind="group",
        comparator_for=areas["thurrock"],
    )
    group.members.set([areas[code] for code in OTHER_AUTHORITIES[:3]])
    areas["neighbours"] = group
    reference_data_changed.send(sender=Area)  # as an import of areas says, saving in bulk
    return areas


def make_indicator(code: str = "ks2-rwm", **fields) -> Indicator:
    defaults = {
        "title": "Pupils at level 4 or above in reading, writing and maths",
        "unit": "percentage",
        "polarity": "high_is_good",
        "period_type": "academic_year",
        "decimals": 0,
    }
    return Indicator.objects.create(code=code, **(defaults | fields))


def write_values(path: Path, rows: list[dict], columns: list[str] = VALUE_COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(indicator="ks2-rwm", area="E06000034", period="2013/14", value="77", **more) -> dict:
    return {"indicator": indicator, "area": area, "period": period, "value": value, **more}


def load_demo_indicators(partnership) -> None:
    """The demo's areas, indicators, targets and values, Thurrock being the partnership's
    area (the seed corpus, ``goldenthread/testing/corpus.py``)."""
    from goldenthread.indicators.importers.definitions import import_definitions
    from goldenthread.indicators.importers.values import import_values
    from goldenthread.testing.corpus import AREAS, INDICATORS, TARGETS, VALUES

    import_definitions(AREAS)
    partnership.area = Area.objects.get(code="E06000034")
    partnership.save()
    for path in (INDICATORS, TARGETS):
        import_definitions(path, partnership)
    import_values(VALUES)
