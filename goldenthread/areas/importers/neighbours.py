"""DfE's children's services statistical neighbours: ten authorities each, closest first.

Two readings: the benchmarking tool's workbook (sheet "LA SN Groups", header in row 3,
``SN1, SNP … SN10, SNP`` as LA numbers and closeness bands), as LAIT keeps the April 2021
and May 2025 models; and the long table of DfE's early-years dashboard (``LEA_Number,
SN, neighbour, LA_Code``), the only copy found of the model before 2021, in use 2018–19.
An LA number is read as the authority that had it on the day the set came into force, so
825 is Buckinghamshire County Council in 2018 and Buckinghamshire Council in 2021.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from goldenthread.areas.models import (
    DFE_STATISTICAL_NEIGHBOURS,
    Area,
    Neighbour,
    NeighbourSet,
)
from goldenthread.lib.tables import Problem, Problems, Table, TableError
from goldenthread.lib.wording import counted

from .base import Summary, la_number

SHEET = "LA SN Groups"
HEADER_ROW = 3
RANKS = range(1, 11)
WORKBOOK = ["la num", "la name", "la number", "goind", "goreg", *[f"sn{n}" for n in RANKS], "snp"]
DASHBOARD = ["lea_number", "lea_name", "sn", "neighbour", "la_code", "la_name"]
NO_NEIGHBOUR = "-"  # an authority that did not exist when the model was made
MONTH_YEAR = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(\d{4})\b",
    re.IGNORECASE,
)
NO_DATE = (
    "does not say when its neighbours came into force: give --in-force-from YYYY-MM-DD "
    "(DfE's April 2021 model: 2021-04-01; May 2025: 2025-05-01)"
)


@dataclass(frozen=True)
class Ranked:
    rank: int
    area: Area
    closeness: str


def import_workbook(path: Path, summary: Summary, in_force_from: dt.date | None) -> None:
    """A set for each authority the workbook ranks neighbours for."""
    day = stated_date(path) or in_force_from
    if day is None:
        raise TableError(path.name, [Problem(None, "", NO_DATE)])
    table = Table(
        path,
        required=WORKBOOK,
        optional=[],
        sheet=SHEET,
        header_row=HEADER_ROW,
        others_allowed=True,
    )
    columns = _rank_columns(path.name, table.header)
    problems, sets, legacy, empty = Problems(), [], 0, []
    authorities = Authorities(day)
    old_section = False
    for number, cells in table.rows():
        own_number = cells[table.columns["la number"]].strip()
        if not own_number and not any(cells[i].strip() for i, _ in columns):
            # A heading within the table: below "Old SNs:" DfE keeps the sets of
            # authorities since abolished, for history.
            old_section = old_section or "old" in " ".join(cells).lower()
            continue
        if old_section:
            legacy += 1
            continue
        if all(cells[i].strip() == NO_NEIGHBOUR for i, _ in columns):
            empty.append(cells[table.columns["la name"]].strip() or own_number)
            continue
        own = authorities.on(number, "la number", own_number, problems)
        if own is None:
            legacy += _was_an_authority(own_number)
            continue
        ranked = [
            Ranked(rank, found, _band(cells[band]))
            for rank, (i, band) in zip(RANKS, columns, strict=True)
            if cells[i].strip()  # a blank: no neighbour at that rank
            if (found := authorities.on(number, f"sn{rank}", cells[i], problems, own=own))
        ]
        sets.append((own, ranked))
    problems.raise_for(path.name)
    _save_all(sets, day, f"DfE statistical neighbour benchmarking tool: {path.name}", summary)
    summary.notes += _passed_over(legacy, empty, day)


def import_dashboard(path: Path, summary: Summary, in_force_from: dt.date | None) -> None:
    """The pre-2021 model from DfE's early-years dashboard: a row an authority and rank
    (SN00 is the authority itself), the neighbour by LA number and ONS code."""
    if in_force_from is None:
        raise TableError(path.name, [Problem(None, "", NO_DATE.split(" (")[0])])
    table = Table(path, required=DASHBOARD, optional=[], others_allowed=True)
    problems, found, codes = Problems(), {}, {}
    authorities = Authorities(in_force_from)
    for number, row in table.records():
        rank_text = row["sn"].strip().upper()
        rank = int(rank_text[2:]) if re.fullmatch(r"SN\d\d", rank_text) else None
        if rank is None or rank > RANKS[-1]:
            problems.add(number, "sn", f"{row['sn']!r} is not a rank written SN01 … SN10")
            continue
        if rank == 0:  # the authority itself
            continue
        own = authorities.on(number, "lea_number", row["lea_number"], problems)
        neighbour = _by_code(number, row["la_code"].strip(), codes, problems)
        if own and neighbour:
            found.setdefault(own, []).append(Ranked(rank, neighbour, ""))
    problems.raise_for(path.name)
    sets = [(own, sorted(ranked, key=lambda r: r.rank)) for own, ranked in found.items()]
    _save_all(sets, in_force_from, f"DfE early years dashboard data: {path.name}", summary)


def stated_date(path: Path) -> dt.date | None:
    """The month a workbook says its model is of, in its title cells above the table or
    its properties: the first of that month. None if it does not say."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        props = workbook.properties
        texts = [props.title, props.subject, props.description, props.keywords]
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.active
        for cells in sheet.iter_rows(max_row=HEADER_ROW - 1, values_only=True):
            texts += [cell for cell in cells if isinstance(cell, str)]
    finally:
        workbook.close()
    for text in filter(None, texts):
        if match := MONTH_YEAR.search(text):
            month = dt.datetime.strptime(match[1][:3].title(), "%b").month
            return dt.date(int(match[2]), month, 1)
    return None


def refresh_groups(areas: list[Area]) -> int:
    """Each authority's comparator group (``SN-<code>``) gets the members of its latest
    DfE set, so that pages reading the group see the current neighbours. A group met
    for the first time is named "<authority> statistical neighbours"; a group already
    named keeps its name. Returns how many groups changed."""
    changed = 0
    for area in areas:
        latest = (
            NeighbourSet.objects.filter(area=area, model=DFE_STATISTICAL_NEIGHBOURS)
            .order_by("-in_force_from")
            .first()
        )
        if latest is None:
            continue
        group, made = Area.objects.get_or_create(
            code=f"SN-{area.code}",
            defaults={
                "name": f"{area.name} statistical neighbours",
                "kind": Area.Kind.GROUP,
                "comparator_for": area,
            },
        )
        wanted = set(latest.member_ids())
        if made or set(group.members.values_list("pk", flat=True)) != wanted:
            group.members.set(wanted)
            changed += 1
    return changed


def _rank_columns(name: str, header: list[str]) -> list[tuple[int, int]]:
    """(neighbour column, closeness column) for ranks 1 to 10: each SNn followed by SNP."""
    columns, problems = [], Problems()
    for rank in RANKS:
        i = header.index(f"sn{rank}")
        if i + 1 >= len(header) or header[i + 1] != "snp":
            problems.add(HEADER_ROW, f"SN{rank}", "must be followed by its SNP column")
        columns.append((i, i + 1))
    problems.raise_for(name)
    return columns


class Authorities:
    """Authorities by LA number as they were on one day, each looked up once."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.found: dict[str, Area | None] = {}

    def on(
        self, number: int, column: str, text: str, problems: Problems, own: Area | None = None
    ) -> Area | None:
        """The authority with this LA number on the day. A neighbour that was no
        authority then is a problem; the row's own authority abolished by then is a
        legacy row, passed over; a number no authority ever had is a problem."""
        digits = la_number(number, column, text.strip(), problems)
        if digits is None:
            return None
        if digits not in self.found:
            every = Area.objects.filter(la_number=digits, kind=Area.Kind.LOCAL_AUTHORITY)
            self.found[digits] = every.valid_on(self.day).first()
        found = self.found[digits]
        if found is None and (own is not None or not _was_an_authority(digits)):
            _no_authority(number, column, digits, self.day, problems)
        return found


def _no_authority(number: int, column: str, digits: str, day: dt.date, problems: Problems) -> None:
    every = Area.objects.filter(la_number=digits, kind=Area.Kind.LOCAL_AUTHORITY)
    last = every.exclude(valid_to=None).order_by("-valid_to").first()
    message = f"no authority had LA number {digits} on {day:%-d %B %Y}"
    if last is not None:
        message += f" ({last.name} ended on {last.valid_to:%-d %B %Y})"
    elif not every.exists():
        message = f"no authority has LA number {digits} (import DfE's las.csv first?)"
    problems.add(number, column, message)


def _was_an_authority(text: str) -> bool:
    return Area.objects.filter(la_number=text.strip(), kind=Area.Kind.LOCAL_AUTHORITY).exists()


def _by_code(number: int, code: str, known: dict, problems: Problems) -> Area | None:
    if code not in known:
        known[code] = Area.objects.filter(code=code).first()
    if known[code] is None:
        problems.add(number, "la_code", f"no area has the code {code}: import las.csv first")
    return known[code]


def _band(text: str) -> str:
    """ "Very Close" (2021) and "Very close" (2025) are the same band."""
    return text.strip().capitalize()


def _save_all(
    sets: list[tuple[Area, list[Ranked]]], day: dt.date, source: str, summary: Summary
) -> None:
    for own, ranked in sets:
        summary.count("neighbour set", _save(own, ranked, day, source))
    changed = refresh_groups([own for own, _ in sets])
    if changed:
        summary.notes.append(f"{counted(changed, 'comparator group')} given the latest neighbours")


def _save(own: Area, ranked: list[Ranked], day: dt.date, source: str) -> bool | None:
    chosen, made = NeighbourSet.objects.get_or_create(
        area=own, model=DFE_STATISTICAL_NEIGHBOURS, in_force_from=day, defaults={"source": source}
    )
    wanted = [(r.rank, r.area.pk, r.closeness) for r in ranked]
    held = list(
        Neighbour.objects.filter(neighbour_set=chosen)
        .order_by("rank")
        .values_list("rank", "area_id", "closeness")
    )
    if held == wanted and chosen.source == source:
        return None
    chosen.source = source
    chosen.save(update_fields=["source"])
    Neighbour.objects.filter(neighbour_set=chosen).delete()
    Neighbour.objects.bulk_create(
        Neighbour(neighbour_set=chosen, area_id=pk, rank=rank, closeness=band)
        for rank, pk, band in wanted
    )
    return bool(made)


def _passed_over(legacy: int, empty: list[str], day: dt.date) -> list[str]:
    notes = []
    if legacy:
        notes.append(
            f"passed over {counted(legacy, 'old set')} kept for authorities abolished by "
            f"{day:%-d %B %Y}"
        )
    if empty:
        notes.append(f"no neighbours given for {', '.join(empty)}, so no set")
    return notes
