"""ONS's code changes (ONSvisual ``changes.csv``) and its lookups of districts to the
county (``LTLA19CD → UTLA19CD``, 2019) or region (``LAD16CD → RGN16CD``, 2016) they lie in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from goldenthread.areas.models import Area
from goldenthread.lib.tables import Problems, Table
from goldenthread.lib.wording import counted, listed

from .base import Summary, check_parent, join_sets, ons_code, save_area

CHANGES = ["oldcd", "oldnm", "newcd", "newnm", "type", "start"]
SUCCESSIONS = {"merger", "new_code"}
PASSED = {  # why a row of changes.csv is not a succession
    "new_geo": "new_geo (areas joining a combined authority)",
    "termination": "termination (no successor named)",
    "not stored": "naming areas not stored (districts not imported, Scotland, combined "
    "authorities)",
}
DISTRICT_TO_COUNTY = ["ltla19cd", "ltla19nm", "utla19cd", "utla19nm"]
DISTRICT_TO_REGION = ["lad16cd", "lad16nm", "rgn16cd", "rgn16nm"]
ENGLISH_DISTRICT = "E07"


def import_changes(path: Path, summary: Summary) -> None:
    """Mergers and new codes between stored areas become successions. A county whose
    districts all merged into new unitary authorities the year it ended (Cumbria,
    Northamptonshire) is succeeded by them too, where its districts are stored."""
    table = Table(path, required=CHANGES, optional=[], others_allowed=True)
    passed: Counter[str] = Counter()
    for _number, row in table.records():
        row = {name: text.strip() for name, text in row.items()}
        if row["type"] not in SUCCESSIONS:
            passed[row["type"]] += 1
            continue
        old = Area.objects.filter(code=row["oldcd"]).first()
        new = Area.objects.filter(code=row["newcd"]).first()
        if old is None or new is None:
            passed["not stored"] += 1
            continue
        _succeed(old, new, summary)
        county = old.parent
        if county and county.code.startswith("E10") and county.valid_to == _eve(row["start"]):
            _succeed(county, new, summary)
    parts = [f"{counted(n, 'row')} {PASSED.get(why, why)}" for why, n in sorted(passed.items())]
    if parts:
        summary.notes.append(f"passed over {listed(parts)}")


def import_districts(path: Path, summary: Summary) -> None:
    """English districts (E07), each under its county (2019) or region (2016), in the
    district boundary set of the lookup's year. Unitary authorities are in both
    columns; ``las.csv`` has them already."""
    header = Table(path, required=[], optional=[], others_allowed=True).header
    county_lookup = set(DISTRICT_TO_COUNTY) <= set(header)
    columns = DISTRICT_TO_COUNTY if county_lookup else DISTRICT_TO_REGION
    district_set = "District & UA (4/19-3/20)" if county_lookup else "District & UA (pre 4/19)"
    table = Table(path, required=columns, optional=[], others_allowed=True)
    problems, passed = Problems(), 0
    code_column, name_column, parent_column, _ = columns
    for number, row in table.records():
        code = ons_code(number, code_column, row[code_column].strip(), problems)
        if code is None or not code.startswith(ENGLISH_DISTRICT):
            passed += code is not None
            continue
        parent = Area.objects.filter(code=row[parent_column].strip()).first()
        if parent is None:
            problems.add(
                number,
                parent_column,
                f"no area has the code {row[parent_column].strip()}: "
                "import DfE's las.csv (and regions) first",
            )
            continue
        _district(
            number,
            code,
            row[name_column].strip(),
            parent,
            parent_column,
            district_set,
            summary,
            problems,
        )
    problems.raise_for(path.name)
    if passed:
        summary.notes.append(f"passed over {counted(passed, 'unitary or non-English row')}")


def _district(number, code, name, parent, column, district_set, summary, problems) -> None:
    stored = Area.objects.filter(code=code).first()
    if stored and not check_parent(stored, parent, number, column, problems):
        return
    # Named only when first met: the 2016 lookup must not undo a rename the 2019 one has
    # (Shepway became Folkestone and Hythe in 2018).
    fields = {"kind": Area.Kind.LOCAL_AUTHORITY} | ({} if stored else {"name": name})
    if stored is None or stored.parent is None or parent.kind != Area.Kind.REGION:
        fields["parent"] = parent  # a region never replaces the county a district is in
    area, outcome = save_area(code, fields)
    if join_sets(area, [district_set]) and outcome is None:
        outcome = False
    summary.count("district", outcome)


def _succeed(old: Area, new: Area, summary: Summary) -> None:
    added = not old.successors.filter(pk=new.pk).exists()
    if added:
        old.successors.add(new)
    summary.count("succession", True if added else None)


def _eve(start: str) -> dt.date | None:
    """The last day before a change that took effect in April of this year."""
    return dt.date(int(start), 3, 31) if start.isdigit() else None
