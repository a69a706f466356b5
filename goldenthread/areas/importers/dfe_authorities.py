"""DfE's lists of local authorities and regions (the EES data screener's ``las.csv``,
``regions.csv`` and ``region_la_hierarchy.csv``): each authority with its ONS code, LA
number, dates and region, and who took over from whom.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from goldenthread.areas.models import Area
from goldenthread.lib.tables import Problems, Table
from goldenthread.lib.wording import counted, listed

from .base import Summary, check_parent, dfe_date, join_sets, la_number, ons_code, region, save_area
from .boundary_sets import boundary_sets_for

LAS = [
    "new_la_code",
    "la_name",
    "date_of_operation",
    "date_of_termination",
    "parent_geography_code",
    "entity_code",
    "entity_description",
    "status",
    "old_la_code",
]
REGIONS = ["region_code", "region_name"]
HIERARCHY = ["region_code", "region_name", "old_la_code", "la_name", "new_la_code"]
# Where DfE's records begin: every authority that already existed is dated from it, so
# it says "before 2009", not when the authority was made; we keep no start for them.
RECORDS_BEGIN = dt.date(2009, 1, 1)
# Why a row is passed over, by what the file has in it.
# Why a row is passed over: (what the rows are, why).
COMBINED = ("combined", "two authorities published together")
OUTSIDE = ("outside England", "BFPO, unknown")
NO_NUMBER = ("with no LA number", "x: authorities abolished in 2009")
SUB_REGIONS = ("for Inner or Outer London", "DfE's split of London, not a region of England")
Reason = tuple[str, str]


@dataclass(frozen=True)
class Authority:
    row: int
    code: str
    name: str
    la_number: str
    started: dt.date
    ended: dt.date | None
    region: str


def import_las(path: Path, summary: Summary) -> None:
    """Authorities from ``las.csv``: created or brought up to date, each in its region
    and boundary sets; then the successions the file shows."""
    table = Table(path, required=LAS, optional=[], others_allowed=True)
    problems, skipped, authorities = Problems(), Counter[Reason](), []
    for number, row in table.records():
        why = _skip_reason(row["new_la_code"].strip(), row["old_la_code"].strip())
        if why:
            skipped[why] += 1
        elif found := _read_authority(number, row, problems):
            authorities.append(found)
    problems.raise_for(path.name)
    regions = {}
    for authority in authorities:
        if authority.region not in regions:
            regions[authority.region], outcome = region(authority.region)
            if outcome:
                summary.count("region", outcome)
        _save(authority, regions[authority.region], summary, problems)
    problems.raise_for(path.name)
    for old, new in _successions(authorities):
        _succeed(old, new, summary)
    summary.notes += _skipped(skipped)


def import_regions(path: Path, summary: Summary) -> None:
    """Regions with their E12 codes, under England."""
    skipped = Counter[Reason]()
    for _number, row in Table(path, required=REGIONS, optional=[]).records():
        code, name = row["region_code"].strip(), row["region_name"].strip()
        if code.startswith("E12"):
            summary.count("region", region(code, name)[1])
        else:
            skipped[SUB_REGIONS] += 1
    summary.notes += _skipped(skipped)


def import_hierarchy(path: Path, summary: Summary) -> None:
    """Regions, and each authority's region and LA number (the file has no dates, so
    ``las.csv`` says when each authority was live)."""
    table = Table(path, required=HIERARCHY, optional=[], others_allowed=True)
    problems, skipped = Problems(), Counter[Reason]()
    for number, row in table.records():
        row = {name: text.strip() for name, text in row.items()}
        code, number_text = row["new_la_code"], row["old_la_code"]
        why = _skip_reason(code, number_text)
        if why or not row["region_code"].startswith("E12"):
            skipped[why or OUTSIDE] += 1
            continue
        if ons_code(number, "new_la_code", code, problems) is None:
            continue
        known = la_number(number, "old_la_code", number_text, problems)
        the_region, outcome = region(row["region_code"], row["region_name"])
        if outcome is not None:
            summary.count("region", outcome)
        _place(number, code, row["la_name"], known or "", the_region, summary, problems)
    problems.raise_for(path.name)
    summary.notes += _skipped(skipped)


def _place(number, code, name, known_number, the_region, summary, problems) -> None:
    stored = Area.objects.filter(code=code).first()
    if stored and not check_parent(stored, the_region, number, "region_code", problems):
        return
    fields = {"parent": the_region, "kind": Area.Kind.LOCAL_AUTHORITY}
    if stored is None:
        fields["name"] = name
    if known_number and not (stored and stored.la_number):
        fields["la_number"] = known_number
    summary.count("authority", save_area(code, fields)[1])


def _skip_reason(code: str, number: str) -> Reason | None:
    if " / " in code:
        return COMBINED
    if code.lower() == "z" or number.lower() == "z":
        return OUTSIDE
    if number.lower() == "x":
        return NO_NUMBER
    return None


def _read_authority(number: int, row: dict[str, str], problems: Problems) -> Authority | None:
    row = {name: text.strip() for name, text in row.items()}
    before = problems.count
    code = ons_code(number, "new_la_code", row["new_la_code"], problems)
    digits = la_number(number, "old_la_code", row["old_la_code"], problems)
    started = dfe_date(number, "date_of_operation", row["date_of_operation"], problems)
    ended = dfe_date(number, "date_of_termination", row["date_of_termination"], problems)
    the_region = ons_code(number, "parent_geography_code", row["parent_geography_code"], problems)
    if not row["la_name"]:
        problems.add(number, "la_name", "is blank: every authority needs its name")
    if started is None and problems.count == before:
        problems.add(number, "date_of_operation", "is blank: when did it begin?")
    if code is None or digits is None or started is None or the_region is None:
        return None
    if problems.count > before:
        return None
    return Authority(number, code, row["la_name"], digits, started, ended, the_region)


def _save(authority: Authority, the_region: Area, summary: Summary, problems: Problems) -> None:
    stored = Area.objects.filter(code=authority.code).first()
    if stored and not check_parent(
        stored, the_region, authority.row, "parent_geography_code", problems
    ):
        return
    valid_from = None if authority.started <= RECORDS_BEGIN else authority.started
    area, outcome = save_area(
        authority.code,
        {
            "name": authority.name,
            "kind": Area.Kind.LOCAL_AUTHORITY,
            "la_number": authority.la_number,
            "valid_from": valid_from,
            "valid_to": authority.ended,
            "parent": the_region,
        },
    )
    sets = boundary_sets_for(authority.code, valid_from, authority.ended)
    if join_sets(area, sets) and outcome is None:
        outcome = False
    summary.count("authority", outcome)


def _successions(authorities: list[Authority]) -> list[tuple[Authority, Authority]]:
    """An authority that ended was succeeded by one that began the next day with its LA
    number (Buckinghamshire 825, North Yorkshire 815, Somerset 933, Barnsley's new
    code) or its name (Dorset County Council by Dorset Council). Mergers into a new
    authority of another name (Bournemouth and Poole into BCP) are in ONS's changes."""
    starting = defaultdict(list)
    for authority in authorities:
        starting[authority.started].append(authority)
    return [
        (old, new)
        for old in authorities
        if old.ended is not None
        for new in starting[old.ended + dt.timedelta(days=1)]
        if new.la_number == old.la_number or new.name.lower() == old.name.lower()
    ]


def _succeed(old: Authority, new: Authority, summary: Summary) -> None:
    before = Area.objects.get(code=old.code)
    added = not before.successors.filter(code=new.code).exists()
    if added:
        before.successors.add(Area.objects.get(code=new.code))
    summary.count("succession", True if added else None)


def _skipped(skipped: Counter[Reason]) -> list[str]:
    parts = [f"{counted(n, 'row')} {what} ({why})" for (what, why), n in skipped.items()]
    return [f"passed over {listed(parts)}"] if parts else []
