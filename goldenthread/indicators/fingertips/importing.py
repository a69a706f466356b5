"""Import Fingertips "all data" exports as published, several files as one set.

Each file is read once, in one transaction for them all. Every row is checked as it is
read (``survey.py``); rows that pass are written as they come through
``import_records``, the one path every value takes, and the areas (with their types, or
boundary sets, and parents) and indicators (with their Fingertips IDs) they name are
made when first met (``Making``). So a value repeated in another file (England's rows
are in every regional file) changes nothing, and a different one is a revision with its
history. A problem anywhere is reported with its file, row and column once every file
is read, and everything is rolled back. What only the whole set says about an
indicator (its unit, population, polarity and comparison method) is settled last.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter, itemgetter
from pathlib import Path

from django.db import transaction

from goldenthread.areas.models import Area, BoundarySet
from goldenthread.indicators.fingertips import learning, plainly
from goldenthread.indicators.fingertips.columns import HEADINGS, missing, recognise
from goldenthread.indicators.fingertips.metadata import IndicatorMetadata
from goldenthread.indicators.fingertips.survey import (
    AT_AREA,
    AT_TYPE,
    POSITION,
    Checked,
    IndicatorSeen,
    Line,
    Survey,
)
from goldenthread.indicators.importers.rules import Batch
from goldenthread.indicators.importers.tables import NOT_UTF8, Problem, TableError
from goldenthread.indicators.importers.values import DataImportResult, import_columns
from goldenthread.indicators.models import DataPoint, Indicator
from goldenthread.indicators.models import Period as StoredPeriod
from goldenthread.indicators.permissions import areas_writable_by, keeps_national_definitions
from goldenthread.indicators.standings import Changed, combined, refresh_changed_standings
from goldenthread.lib.periods import Period
from goldenthread.lib.wording import counted
from goldenthread.partnerships.models import Someone

# The values importer's columns, as an export heads them: for its messages.
AS_HEADED = {
    "indicator": HEADINGS["indicator_id"],
    "area": HEADINGS["area_code"],
    "period": HEADINGS["time_period"],
    "breakdown": "Sex, Age or Category",
    "value": HEADINGS["value"],
    "numerator": HEADINGS["count"],
    "denominator": HEADINGS["denominator"],
    "lower": HEADINGS["lower95"],
    "upper": HEADINGS["upper95"],
    "lower998": HEADINGS["lower998"],
    "upper998": HEADINGS["upper998"],
    "note": HEADINGS["value_note"],
}


@dataclass
class FingertipsImportResult:
    files: list[DataImportResult] = field(default_factory=list)
    rows: int = 0
    without_value: int = 0
    indicators: set[int] = field(default_factory=set)
    indicators_created: int = 0
    areas_created: int = 0
    notes: list[str] = field(default_factory=list)  # rows whose limits differ from ours
    more_notes: int = 0
    dry_run: bool = False
    is_fingertips = True  # for pages that show either kind of result

    @property
    def name(self) -> str:
        return ", ".join(f.name for f in self.files)

    @property
    def added(self) -> int:
        return sum(f.added for f in self.files)

    @property
    def revised(self) -> int:
        return sum(f.revised for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    def headline(self) -> str:
        verb = "would add" if self.dry_run else "added"
        files = counted(len(self.files), "Fingertips export")
        return (
            f"{files}: {self.rows:,} rows read; {verb} {self.added:,} values, revised "
            f"{self.revised:,}, {self.unchanged:,} unchanged; "
            f"{counted(self.indicators_created, 'indicator')} and "
            f"{counted(self.areas_created, 'area')} new; "
            f"{counted(self.without_value, 'row')} with no value published."
        )


def is_export(path: Path | str) -> bool:
    """Whether a file is a Fingertips export, by its header."""
    path = Path(path)
    if path.suffix.lower() not in {".csv", ".txt", ""}:
        return False
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            header = next(csv.reader(file), [])
    except (UnicodeDecodeError, csv.Error, OSError):
        return False
    return recognise(header) is not None


def import_fingertips(
    paths: Sequence[Path | str],
    *,
    user: Someone | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    metadata: Mapping[str, IndicatorMetadata] | None = None,
) -> FingertipsImportResult:
    """Import exports as one set, or raise TableError naming the file, row and column of
    every problem and write nothing. ``user`` as for ``import_records``; ``metadata``
    what Fingertips publishes about the indicators, where known (see ``api.py``)."""
    survey = Survey(metadata, areas_writable_by(user))
    result = FingertipsImportResult(dry_run=dry_run)
    with transaction.atomic():
        making = Making(survey, result, defines=keeps_national_definitions(user))
        for path in map(Path, paths):
            try:
                done = import_columns(
                    making.batches(path),
                    source=path.name,
                    user=user,
                    progress=progress,
                    standings=False,
                    limits_from_counts=False,  # where Fingertips gives none, none can be
                )
            except TableError as error:  # the rest are still read, for their problems
                survey.refuse(_as_headed(error))
                continue
            result.files.append(done)
            result.indicators |= done.indicators
        survey.finish()
        survey.raise_problems()  # and so roll back everything written
        making.settle()
        changes = combined(*(done.changed for done in result.files))
        for indicator_id in making.redefined:
            changes[indicator_id] = Changed(everything=True)
        refresh_changed_standings(changes)
        result.rows = survey.rows
        result.notes, result.more_notes = survey.notes, survey.more_notes
        if dry_run:
            transaction.set_rollback(True)
    return result


def lines_of(path: Path) -> Iterator[Line]:
    """An export's rows, read with a CSV parser: quoted line breaks and CRLF are kept
    within their cells and rows. Raises TableError for a file that is not an export."""
    name = path.name
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            reader = csv.reader(file)
            found = recognise(next(reader, []))
            if found is None:
                why = "is not a Fingertips export: its header has no Indicator ID, Area Code "
                raise TableError(name, [Problem(1, "", why + "and Time period")])
            if lacking := missing(found):
                listed = ", ".join(lacking)
                why = f"looks like a Fingertips export but lacks the columns {listed}"
                raise TableError(name, [Problem(1, "", why)])
            # Each column at its place in HEADINGS; one the file lacks reads the "" added
            # at the end of every row. A file in Fingertips' own order, as nearly all
            # are, is read as it is, only blanks added for columns it lacks at the end.
            places = [found.get(column, -1) for column in HEADINGS]
            width = max(found.values()) + 1
            if places[:width] == list(range(width)):
                pick, width = None, len(HEADINGS)
            else:
                pick = itemgetter(*places)
            for number, cells in enumerate(reader, start=2):
                if any(cells):
                    if len(cells) < width:
                        cells += [""] * (width - len(cells))
                    if pick is None:
                        yield Line(name, number, cells)
                    else:
                        cells.append("")
                        yield Line(name, number, pick(cells))
    except UnicodeDecodeError:
        raise TableError(name, [Problem(None, "", NOT_UTF8)]) from None
    except csv.Error as error:
        raise TableError(name, [Problem(None, "", f"cannot be read ({error})")]) from None


# Writing.

AT_NOTE = POSITION["value_note"]
# Rows read, checked and written at a time. Small enough that a batch's cells stay in
# the processor's cache while they are checked, learnt from and written: batches of
# 5,000 rows were read half as fast again as batches of 500 (bench/fingertips.py).
BATCH = 500
# What ``Making`` hands the values importer of each row, in order: ``Batch``'s fields
# but status and source, which are the same for every row.
WRITTEN = [
    "number", "indicator", "unit", "area_id", "period_id", "breakdown", "note",
    "value", "lower", "upper", "lower998", "upper998", "numerator", "denominator",
]  # fmt: skip


class Making:
    """Rows read once, checked and written as they come: an indicator or an area is
    made when first met, and what the whole set says about an indicator (its unit,
    its population, its polarity) is settled once every file is read."""

    def __init__(
        self, survey: Survey, result: FingertipsImportResult, *, defines: bool = True
    ) -> None:
        self.survey, self.result = survey, result
        # Whether the set may change what a known indicator is: a definition is shared by
        # every partnership, so a partnership's manager's file only adds to it.
        self.defines = defines
        self.indicators = {i.external_id: i for i in Indicator.objects.filter(external_id__gt="")}
        self.known = set(self.indicators)
        self.areas = {a.code: a for a in Area.objects.all()}
        self.sets: dict[str, BoundarySet] = {}
        self.placed: dict[tuple[str, str], int] = {}  # (area code, area type): area id
        self.periods: dict[Period, int] = {}  # period as read: its id
        self.breakdowns: dict[tuple[int, tuple], str] = {}  # (indicator, group): breakdown
        # The population each indicator's breakdowns were named by as they were written,
        # and the indicators whose population is the first row's until the set is read.
        self.named_by: dict[int, tuple[str, str]] = {}
        self.provisional: set[int] = set()
        self.last: tuple[str, Indicator | None] = ("", None)
        # Indicators whose every standing may move as the set is settled: a polarity
        # changed, or the values renamed to or from the total.
        self.redefined: set[int] = set()

    def batches(self, path: Path) -> Iterator[Batch]:
        """The file's rows that pass the survey's checks, in batches of columns as the
        values importer reads them; rows with no value are counted and left out."""
        lines = lines_of(path)
        while batch := list(islice(lines, BATCH)):
            careful, plain = plainly.read(self.survey, batch)
            columns = list(zip(*map(self._row, careful), strict=True)) or [()] * len(WRITTEN)
            if plain is not None:
                more = self._columns(plain)
                columns = [a + b for a, b in zip(columns, more, strict=True)] if careful else more
            if columns[0]:
                given = dict(zip(WRITTEN, columns, strict=True))
                yield Batch(
                    **given,
                    status=("",) * len(columns[0]),
                    source=(learning.SOURCE,) * len(columns[0]),
                )
        self.result.without_value = self.survey.without_value

    def _row(self, checked: Checked) -> tuple:
        """A row read carefully, as ``WRITTEN``."""
        line, numbers, period = checked
        indicator = self._indicator(line)
        return (
            line.number, indicator, indicator.unit, self._area(line), self._period_id(period),
            self._breakdown(indicator, line.group), line.cells[AT_NOTE], *numbers,
        )  # fmt: skip

    def _columns(self, plain: plainly.PlainRows) -> list[tuple]:
        """Rows read the quick way, a column at a time, as ``WRITTEN``."""
        ids = plain.column("indicator_id")
        first_of = dict(zip(reversed(ids), reversed(plain.lines), strict=True))
        by_id = {given: self._indicator(line) for given, line in first_of.items()}
        indicators = tuple(map(by_id.__getitem__, ids))
        places = list(zip(plain.column("area_code"), plain.column("area_type"), strict=True))
        first_in = dict(zip(reversed(places), reversed(plain.lines), strict=True))
        area_ids = {place: self._area(line) for place, line in first_in.items()}
        period_ids = {said: self._period_id(period) for said, period in plain.periods.items()}
        units = {given: indicator.unit for given, indicator in by_id.items()}
        return [
            tuple(map(attrgetter("number"), plain.lines)),
            indicators,
            tuple(map(units.__getitem__, ids)),
            tuple(map(area_ids.__getitem__, places)),
            tuple(map(period_ids.__getitem__, plain.periods_said)),
            self._breakdowns(ids, plain.groups, by_id),
            plain.column("value_note"),
            *map(tuple, plain.numbers),
        ]

    def _breakdowns(
        self, ids: Sequence[str], groups: list[tuple], by_id: dict[str, Indicator]
    ) -> tuple[str, ...]:
        """Each row's breakdown, named once for each indicator and group in the batch."""
        if len(by_id) == 1:  # as nearly every batch is: named by the group alone
            (indicator,) = by_id.values()
            named = {group: self._breakdown(indicator, group) for group in set(groups)}
            return tuple(map(named.__getitem__, groups))
        kinds = list(zip(ids, groups, strict=True))
        breakdowns = {(i, g): self._breakdown(by_id[i], g) for i, g in set(kinds)}
        return tuple(map(breakdowns.__getitem__, kinds))

    def _breakdown(self, indicator: Indicator, group: tuple[str, str, str, str]) -> str:
        key = (indicator.pk, group)
        if key not in self.breakdowns:
            self.breakdowns[key] = learning.breakdown_of(group, indicator)
        return self.breakdowns[key]

    def _period_id(self, period: Period) -> int:
        if period not in self.periods:
            self.periods[period] = StoredPeriod.stored(period).pk
        return self.periods[period]

    def settle(self) -> None:
        """What the whole set says about each indicator, saved; breakdowns named by a
        population other than the one settled on are renamed."""
        for indicator_id, indicator in self.indicators.items():
            seen = self.survey.indicators.get(indicator_id)
            if seen is None:
                continue
            given = self.survey.metadata.get(indicator_id) or IndicatorMetadata(indicator_id)
            if indicator_id in self.known and not self.defines:
                continue
            polarity = indicator.polarity
            if indicator_id in self.known:
                learning.update_indicator(indicator, seen, given, self.survey)
            else:
                learning.settle_indicator(indicator, seen, given, self.survey)
            if indicator.polarity != polarity:
                self.redefined.add(indicator.pk)
            if indicator.pk in self.provisional:
                indicator.sex, indicator.age = learning.population_of(seen)
            self._rename_breakdowns(indicator, seen)
            learning.label_breakdowns(indicator, seen)
            indicator.save()

    def _indicator(self, line: Line) -> Indicator:
        indicator_id = line["indicator_id"]
        last_id, last = self.last
        if indicator_id == last_id and last is not None:  # exports keep its rows together
            return last
        indicator = self.indicators.get(indicator_id)
        if indicator is None:
            seen = self.survey.indicators[indicator_id]
            given = self.survey.metadata.get(indicator_id) or IndicatorMetadata(indicator_id)
            indicator = learning.new_indicator(seen, given)
            indicator.save()
            self.indicators[indicator_id] = indicator
            self.result.indicators_created += 1
        if indicator.pk not in self.named_by:
            if not (indicator.sex or indicator.age):
                indicator.sex, indicator.age = line["sex"], line["age"]
                self.provisional.add(indicator.pk)
            self.named_by[indicator.pk] = (indicator.sex, indicator.age)
        self.last = (indicator_id, indicator)
        return indicator

    def _area(self, line: Line) -> int:
        """The row's area's id, the area made or placed when first met."""
        cells = line.cells
        placed = self.placed.get((cells[AT_AREA], cells[AT_TYPE]))
        if placed is not None:
            return placed
        code, area_type = line["area_code"], line["area_type"]
        area = self.areas.get(code)
        parent = self._parent(line["parent_code"], line["parent_name"])
        if area is None:
            kind = learning.area_kind({area_type}, code)
            area = Area.objects.create(code=code, name=line["area_name"], kind=kind, parent=parent)
            self.areas[code] = area
            self.result.areas_created += 1
        elif area.parent_id is None and parent is not None and area.pk != parent.pk:
            area.parent = parent
            area.save(update_fields=["parent"])
        if area_type and not line["category_type"]:
            self._boundary_set(area_type).areas.add(area)
        self.placed[(code, area_type)] = area.pk
        return area.pk

    def _parent(self, code: str, name: str) -> Area | None:
        if not code:
            return None
        if code not in self.areas:  # a parent the files name before its own row, if any
            kind = learning.area_kind(set(), code)
            self.areas[code] = Area.objects.create(code=code, name=name or code, kind=kind)
            self.result.areas_created += 1
        return self.areas[code]

    def _boundary_set(self, name: str) -> BoundarySet:
        if name not in self.sets:
            tier = BoundarySet.tier_of(name)
            self.sets[name], _ = BoundarySet.objects.get_or_create(
                name=name, defaults={"tier": tier}
            )
        return self.sets[name]

    def _rename_breakdowns(self, indicator: Indicator, seen: IndicatorSeen) -> None:
        """Breakdowns were named as the values came, by the population of the first row
        (England's persons, as exports list them); where the set settles on another,
        rename them: through names no breakdown has, so no two collide on the way."""
        named_by = self.named_by.get(indicator.pk)
        if named_by is None or named_by == (indicator.sex, indicator.age):
            return
        then = Indicator(sex=named_by[0], age=named_by[1])
        renames = {
            learning.breakdown_of(group, then): learning.breakdown_of(group, indicator)
            for group in seen.groups
        }
        renames = {old: new for old, new in renames.items() if old != new}
        if renames:
            self.redefined.add(indicator.pk)
        values = DataPoint.objects.filter(indicator=indicator)
        for step, (old, _) in enumerate(renames.items()):
            values.filter(breakdown=old).update(breakdown=f"~renaming-{step}")
        for step, (_, new) in enumerate(renames.items()):
            values.filter(breakdown=f"~renaming-{step}").update(breakdown=new)


def _as_headed(error: TableError) -> TableError:
    """The values importer's problems with the columns named as the export heads them."""
    problems = [
        Problem(p.row, AS_HEADED.get(p.column, p.column), p.message) for p in error.problems
    ]
    return TableError(error.name, problems, error.more)
