"""Fingertips exports checked row by row as they are read, and what the files say
about their indicators and areas learnt.

A problem anywhere (a number that is not one, limits out of order, a period in no known
spelling, an area whose parent contradicts another row or what is stored) is kept with
its file, row and column, and the row is not written; at the end, any problem rolls the
whole import back. Rows with nothing wrong go on to be written (``checked``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple, cast

from goldenthread.areas.models import Area
from goldenthread.indicators.fingertips import learning
from goldenthread.indicators.fingertips.columns import HEADINGS
from goldenthread.indicators.fingertips.metadata import IndicatorMetadata
from goldenthread.indicators.importers.rules import contains
from goldenthread.indicators.importers.tables import Problem, Problems, TableError
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.permissions import EVERY_AREA, WritableAreas
from goldenthread.lib.periods import Period, PeriodKind

ENGLAND = "E92000001"
NUMBERS = ["value", "lower95", "upper95", "lower998", "upper998", "count", "denominator"]
LIMITS = [("lower95", "upper95", "95%"), ("lower998", "upper998", "99.8%")]
INDICATOR_ID = re.compile(r"^\d{1,12}$")
AREA_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{1,19}$")
BARE_YEAR = re.compile(r"^\d{4}$")
RANGE = re.compile(r"^(\d+)\s*y(?:ears?|rs?)?$", re.IGNORECASE)
SPELLINGS = "2015, 2015/16, 2013 - 15, 2012/13 - 14/15, 2015/16 Q1 or April 2015"
UNIT_SAMPLES = 50  # rows with counts that decide a new indicator's unit
CHECKED_TOGETHER = 5000  # rows whose limits are checked against their counts at once
NOTES_LISTED = 20


POSITION = {name: i for i, name in enumerate(HEADINGS)}  # a cell's place in Line.cells
AT_ID, AT_AREA, AT_PARENT = POSITION["indicator_id"], POSITION["area_code"], POSITION["parent_code"]
AT_TYPE, AT_CATEGORY_TYPE = POSITION["area_type"], POSITION["category_type"]
AT_JUDGED, AT_PERIOD = POSITION["vs_england"], POSITION["time_period"]
AT_VALUE, AT_SORTABLE, AT_RANGE = (POSITION[n] for n in ("value", "sortable", "period_range"))
NUMBER_PLACES = [POSITION[name] for name in NUMBERS]
_NUMBERS = itemgetter(*NUMBER_PLACES)
_GROUP = itemgetter(*(POSITION[n] for n in ("sex", "age", "category_type", "category")))
VALUE, LOWER95, UPPER95, COUNT, DENOMINATOR = (
    NUMBERS.index(n) for n in ("value", "lower95", "upper95", "count", "denominator")
)
# What a row says of its area, and of its indicator and period: see ``Survey.fine_areas``.
AREA_SAID = itemgetter(*(POSITION[n] for n in ("area_code", "parent_code", "area_type")))
PERIOD_SAID = itemgetter(
    *(POSITION[n] for n in ("indicator_id", "time_period", "sortable", "period_range"))
)
LIMIT_AT = [(NUMBERS.index(low), NUMBERS.index(high)) for low, high, _ in LIMITS]


@dataclass(slots=True)
class Line:
    """One row of an export: its file, its row as a spreadsheet numbers it (the header
    is row 1), and its cells in the order of ``HEADINGS`` ("" for a column the file
    lacks), read by our column names: ``line["value"]``."""

    file: str
    number: int
    cells: Sequence[str]

    def __getitem__(self, column: str) -> str:
        return self.cells[POSITION[column]]

    @property
    def group(self) -> tuple[str, str, str, str]:
        """Whom the row counts: its sex, age, category type and category."""
        return _GROUP(self.cells)


@dataclass(slots=True)
class Counted:
    """Rows of one file with counts, as kept to check their limits against them: a
    column each (a batch read a column at a time is kept as it is)."""

    file: str
    numbers: Sequence[int]  # as a spreadsheet numbers the rows
    areas: Sequence[str]
    values: Sequence[float | None]
    counts: Sequence[float | None]
    denominators: Sequence[float | None]
    lowers: Sequence[float | None]  # the 95% limits
    uppers: Sequence[float | None]

    def __len__(self) -> int:
        return len(self.numbers)

    @classmethod
    def one(cls, line: Line, numbers: Sequence[float | None]) -> Counted:
        return cls(
            line.file, (line.number,), (line.cells[AT_AREA],), (numbers[VALUE],),
            (numbers[COUNT],), (numbers[DENOMINATOR],), (numbers[LOWER95],), (numbers[UPPER95],),
        )  # fmt: skip

    def row(self, i: int) -> Counted:
        return Counted(
            self.file, (self.numbers[i],), (self.areas[i],), (self.values[i],),
            (self.counts[i],), (self.denominators[i],), (self.lowers[i],), (self.uppers[i],),
        )  # fmt: skip


class Checked(NamedTuple):
    """A row with nothing wrong, as read: its numbers in ``NUMBERS`` order."""

    line: Line
    numbers: list[float | None]
    period: Period


@dataclass
class IndicatorSeen:
    indicator_id: str
    name: str
    kind: PeriodKind | None = None
    where: tuple[str, int] = ("", 0)  # its first row
    judgements: Counter = field(default_factory=Counter)
    comparable_rows: int = 0  # rows of an area other than England with value and limits
    unit_samples: list[tuple[float, float, float]] = field(default_factory=list)
    rows_of: Counter = field(default_factory=Counter)  # rows by (sex, age, category…)
    better_or_worse: list[tuple[str, float, tuple]] = field(default_factory=list)
    # How limits are worked out from counts (an unsaved Indicator with its unit), once
    # known; until then, the rows whose limits are to be checked against it.
    method: Indicator | None = None
    unchecked: list[Counted] = field(default_factory=list)
    unchecked_rows: int = 0

    @property
    def groups(self) -> set[tuple[str, str, str, str]]:
        """Whom its rows count: each sex, age, category type and category."""
        return set(self.rows_of)

    @property
    def populations(self) -> Counter:
        """Rows by (sex, age), of rows not of a category."""
        counted: Counter = Counter()
        for group, rows in self.rows_of.items():
            if not group[2]:
                counted[group[:2]] += rows
        return counted


@dataclass
class AreaSeen:
    code: str
    name: str
    types: set[str]
    parent_code: str
    parent_name: str
    where: tuple[str, int]


class Survey:
    """What every file says, checked row by row."""

    def __init__(
        self,
        metadata: Mapping[str, IndicatorMetadata] | None = None,
        writable: WritableAreas = EVERY_AREA,
    ) -> None:
        self.metadata = dict(metadata or {})
        self.writable = writable
        self.problems: dict[str, Problems] = {}
        self.errors: list[TableError] = []  # files refused whole, such as by their header
        self.indicators: dict[str, IndicatorSeen] = {}
        self.areas: dict[str, AreaSeen] = {}
        self.england: dict[tuple, float] = {}  # England's value by indicator, period, group
        self.rows = 0
        self.found = 0  # problems, in every file
        self.without_value = 0  # rows that publish no value: counted, not stored
        self.notes: list[str] = []  # rows whose published limits differ from ours
        self.more_notes = 0
        self.periods: dict[tuple[str, PeriodKind | None], Period | str] = {}
        self.agreed: set[tuple[str, str, Period]] = set()
        self.last_agreed: tuple[tuple, Period | None] = ((), None)
        # What a row says of its area (``AREA_SAID``), and of its indicator and period
        # (``PERIOD_SAID``, with the period read), once a row has said it with nothing
        # wrong: another row saying the same passes those checks too, so it can be read
        # a column at a time (``plainly.py``).
        self.fine_areas: set[tuple[str, ...]] = set()
        self.fine_periods: dict[tuple[str, ...], Period] = {}
        self.stored = {i.external_id: i for i in Indicator.objects.exclude(external_id="")}
        # Every stored area's parent, by code: a code missing is an area not yet known.
        self.stored_parents = dict(Area.objects.values_list("code", "parent__code"))

    # Reading.

    def checked(self, lines: Iterable[Line]) -> Iterator[Checked]:
        """Check each row as it is read, and give back those that publish a value and
        have nothing wrong with them, for writing, with their numbers (in ``NUMBERS``
        order) and period as read."""
        for line in lines:
            self.rows += 1
            before = self.found
            checked = self._check(line)
            if checked is not None and self.found == before:
                yield checked

    def finish(self) -> None:
        """Check the limits of indicators whose unit the files leave to their name."""
        for indicator in self.indicators.values():
            if indicator.method is None and indicator.unchecked:
                self._decide_method(indicator)
            else:
                self.check_limits(indicator)

    def refuse(self, error: TableError) -> None:
        self.errors.append(error)

    def problem(self, line: Line, column: str, message: str) -> None:
        self.problem_at((line.file, line.number), column, message)

    def problem_at(self, where: tuple[str, int], column: str, message: str) -> None:
        """A problem at a file's row, its column named as the export heads it."""
        file, row = where
        heading = HEADINGS.get(column, column)
        self.problems.setdefault(file, Problems()).add(row, heading, message)
        self.found += 1

    def raise_problems(self) -> None:
        errors = [*self.errors]
        errors += [TableError(name, p.listed, p.more) for name, p in self.problems.items() if p]
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise ExportErrors(errors)

    def _check(self, line: Line) -> Checked | None:
        """The row as read, if it publishes a value to write (and nothing is wrong)."""
        cells, start = line.cells, self.found
        indicator = self._indicator(line)
        indicator_fine = self.found == start
        self._area(line)
        if self.found == start and not cells[AT_CATEGORY_TYPE]:
            self.fine_areas.add(AREA_SAID(cells))
        numbers = self._numbers(line)
        self._limits_in_order(line, numbers)
        before = self.found
        period = self._period(line, indicator) if indicator else None
        if period is not None and indicator_fine and self.found == before:
            self.fine_periods[PERIOD_SAID(cells)] = period
        if numbers[VALUE] is None and not line.cells[AT_VALUE]:
            self.without_value += 1
        if indicator is None or numbers[VALUE] is None or period is None:
            return None
        self._learn(line, indicator, numbers)
        return Checked(line, numbers, period)

    def _indicator(self, line: Line) -> IndicatorSeen | None:
        given = line.cells[AT_ID]
        if given in self.indicators:
            return self.indicators[given]
        if not INDICATOR_ID.match(given):
            written = repr(given) if given else "Nothing"
            self.problem(line, "indicator_id", f"{written} is not a Fingertips indicator ID")
            return None
        name = " ".join(line["indicator_name"].split())
        seen = IndicatorSeen(given, name, self._known_kind(given), (line.file, line.number))
        self.indicators[given] = seen
        if given not in self.stored and not self.writable.every_area:
            # Indicators are shared by every partnership: only someone who may write
            # every area's values (the command line, a site administrator) adds one.
            why = "is not yet an indicator here; a site administrator imports new indicators"
            self.problem(line, "indicator_id", f"{given} {why}")
        return self.indicators[given]

    def _known_kind(self, indicator_id: str) -> PeriodKind | None:
        if indicator_id in self.stored:
            return PeriodKind(self.stored[indicator_id].period_type or PeriodKind.CALENDAR_YEAR)
        given = self.metadata.get(indicator_id)
        return PeriodKind(given.period_type) if given and given.period_type else None

    def _area(self, line: Line) -> None:
        cells = line.cells
        code, parent, area_type = cells[AT_AREA], cells[AT_PARENT], cells[AT_TYPE]
        seen = self.areas.get(code)
        if seen is not None and parent == seen.parent_code and area_type in seen.types:
            return  # the usual row: an area already seen, as it was
        if cells[AT_CATEGORY_TYPE]:
            if not AREA_CODE.match(code):
                self.problem(line, "area_code", _not_a_code(code))
            return  # a group of England's (a deprivation decile) on England's own row
        if seen is None:
            if not AREA_CODE.match(code):
                self.problem(line, "area_code", _not_a_code(code))
                return
            where = (line.file, line.number)
            self.areas[code] = AreaSeen(
                code, line["area_name"], {area_type}, parent, line["parent_name"], where
            )
            self._area_first_seen(line, code, parent)
            return
        seen.types.add(area_type)
        if parent != seen.parent_code:
            file, row = seen.where
            self.problem(
                line,
                "parent_code",
                f"gives {code} the parent {parent or 'none'}, but row {row} of {file} "
                f"gave it {seen.parent_code or 'none'}",
            )

    def _area_first_seen(self, line: Line, code: str, given: str) -> None:
        """A new area needs someone who may write every area; a known one, a parent
        that agrees with where it is stored (the same, or one above or below it)."""
        if code not in self.stored_parents:
            if not self.writable.every_area:
                why = "is not an area goldenthread knows; a site administrator imports new areas"
                self.problem(line, "area_code", f"{code} {why}")
            return
        stored, parents = self.stored_parents[code], self.stored_parents
        if not stored or not given or given == stored:
            return
        if given in _chain(stored, parents) or stored in _chain(given, parents):
            return  # the file names the region, the county is stored: no conflict
        message = f"gives {code} the parent {given}, but {code} is stored within {stored}"
        self.problem(line, "parent_code", message)

    def _numbers(self, line: Line) -> list[float | None]:
        """The row's numbers in NUMBERS order, blanks None; each one that is not a
        number is a problem."""
        cells = _NUMBERS(line.cells)
        try:
            if all(cells):  # the usual row: every number published
                given = list(map(float, cells))
                numbers = cast(list[float | None], given)
            else:
                numbers = [float(cell) if cell else None for cell in cells]
                given = [n for n in numbers if n is not None]
            # nan or an infinity anywhere makes the sum so
            if math.isfinite(sum(given)):
                return numbers
        except (ValueError, OverflowError):
            pass
        return [self._number(line, name) for name in NUMBERS]

    def _number(self, line: Line, column: str) -> float | None:
        text = line[column].replace(",", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            self.problem(line, column, f"{line[column]!r} is not a number")
            return None
        return number

    def _limits_in_order(self, line: Line, numbers: list[float | None]) -> None:
        value, lower, upper, lower998, upper998 = numbers[:5]
        if (
            None not in (value, lower, upper, lower998, upper998)
            and lower <= value <= upper  # type: ignore[operator]
            and lower998 <= value <= upper998  # type: ignore[operator]
        ):
            return  # the usual row: both limits published, in order, around the value
        for (low, high, level), (at_low, at_high) in zip(LIMITS, LIMIT_AT, strict=True):
            lower, upper = numbers[at_low], numbers[at_high]
            if lower is None and upper is None:
                continue
            if lower is None or upper is None:
                if not (line[low] and line[high]):  # else one was unreadable: said already
                    missing = low if lower is None else high
                    self.problem(line, missing, f"give both {level} limits or neither")
            elif lower > upper:
                why = f"the {level} limits {lower:g} to {upper:g} are in the wrong order"
                self.problem(line, low, why)
            elif value is not None and not contains(lower, upper, value):
                why = f"the {level} limits {lower:g} to {upper:g} do not contain the value"
                self.problem(line, low, f"{why} {value:g}")

    def _period(self, line: Line, indicator: IndicatorSeen) -> Period | None:
        """The row's period, read by the indicator's kind (a national file writes a few
        dozen periods a million times: each spelling is read once)."""
        cells = line.cells
        text, kind = cells[AT_PERIOD], indicator.kind
        agreed = (text, kind, cells[AT_SORTABLE], cells[AT_RANGE])
        if agreed == self.last_agreed[0]:  # the usual row: the period of the row before
            return self.last_agreed[1]
        key = (text, kind)
        if key not in self.periods:
            self.periods[key] = _period_read(text, kind)
        period = self.periods[key]
        if isinstance(period, str):
            self.problem(line, "time_period", period)
            return None
        indicator.kind = period.kind
        if (line["sortable"], line["period_range"], period) not in self.agreed:
            self._period_agrees(line, period)
        if (line["sortable"], line["period_range"], period) in self.agreed:
            self.last_agreed = (agreed, period)
        return period

    def _period_agrees(self, line: Line, period: Period) -> None:
        """Time period Sortable and Time period range, where given, say the same."""
        sortable = line["sortable"]
        problems = self.problems.get(line.file)
        before = problems.count if problems else 0
        if sortable.isdigit() and len(sortable) == 8 and int(sortable[:4]) != period.start.year:
            self.problem(
                line,
                "sortable",
                f"{sortable} says the period starts in {sortable[:4]}, but the time period "
                f"{line['time_period']!r} starts in {period.start.year}",
            )
        match = RANGE.match(line["period_range"])
        if match and period.years >= 1 and int(match.group(1)) != period.years:
            self.problem(
                line,
                "period_range",
                f"{line['period_range']!r} is not the {period.years} years of "
                f"{line['time_period']!r}",
            )
        if (problems := self.problems.get(line.file)) is None or problems.count == before:
            self.agreed.add((sortable, line["period_range"], period))  # no need to look again

    def _learn(self, line: Line, indicator: IndicatorSeen, numbers: list) -> None:
        cells, value, breakdown = line.cells, numbers[VALUE], line.group
        if cells[AT_AREA] == ENGLAND:
            self.england[(indicator.indicator_id, cells[AT_PERIOD], *breakdown)] = value
        elif numbers[LOWER95] is not None:
            indicator.comparable_rows += 1
        indicator.rows_of[breakdown] += 1
        judgement = cells[AT_JUDGED]
        if judgement:
            indicator.judgements[judgement] += 1
            if judgement in ("Better", "Worse"):
                key = (indicator.indicator_id, cells[AT_PERIOD], *breakdown)
                indicator.better_or_worse.append((judgement, value, key))
        self.learn_counts(indicator, Counted.one(line, numbers))

    def learn_counts(
        self, indicator: IndicatorSeen, rows: Counted, *, counted: bool = False
    ) -> None:
        """What rows' counts say of their indicator's unit, and their limits, to be
        checked against their counts (``check_limits``). ``counted``: the caller knows
        every row has a count, a denominator other than 0 and both 95% limits."""
        if counted and indicator.method is not None:  # its unit known: only to check
            self._keep(indicator, rows)
        else:
            for i in range(len(rows)):
                self._learn_count(indicator, rows, i)
        if indicator.method is not None and indicator.unchecked_rows >= CHECKED_TOGETHER:
            self.check_limits(indicator)

    def _learn_count(self, indicator: IndicatorSeen, rows: Counted, i: int) -> None:
        value, count, denominator = rows.values[i], rows.counts[i], rows.denominators[i]
        if count is None or not denominator:
            return
        if rows.lowers[i] is not None and rows.uppers[i] is not None:
            self._keep(indicator, rows.row(i) if len(rows) > 1 else rows)
        if indicator.method is None:
            if count and value is not None:
                indicator.unit_samples.append((value, count, denominator))
            samples = len(indicator.unit_samples)
            if samples >= UNIT_SAMPLES or indicator.indicator_id in self.stored:
                self._decide_method(indicator)

    def _keep(self, indicator: IndicatorSeen, rows: Counted) -> None:
        indicator.unchecked.append(rows)
        indicator.unchecked_rows += len(rows)

    def _decide_method(self, seen: IndicatorSeen) -> None:
        stored = self.stored.get(seen.indicator_id)
        if stored is None:
            given = self.metadata.get(seen.indicator_id) or IndicatorMetadata(seen.indicator_id)
            unit, per = learning.unit_of(seen, given)
            stored = Indicator(unit=unit, per=per)
        seen.method = stored
        self.check_limits(seen)

    def check_limits(self, seen: IndicatorSeen) -> None:
        """Note each row waiting in ``seen.unchecked`` whose published 95% limits
        differ, beyond the rounding the indicator is shown to, from those worked out
        from its count and denominator by the indicator's method: a data note for the
        analyst, not an error. Rows are checked together, a column at a time, and
        noted in the order they were read (by file and row), whichever way they were."""
        import numpy as np

        kept, method = seen.unchecked, seen.method
        if not kept or method is None:
            return
        seen.unchecked, seen.unchecked_rows = [], 0

        def column(name: str) -> np.ndarray:
            return np.fromiter(chain.from_iterable(map(attrgetter(name), kept)), float)

        lowers, uppers = column("lowers"), column("uppers")
        ours_lower, ours_upper, how = method.limits95_of(column("counts"), column("denominators"))
        apart = np.maximum(abs(ours_lower - lowers), abs(ours_upper - uppers))
        places = method.decimals
        differ = np.flatnonzero(apart > 10**-places).tolist()  # NaN, none worked out: not
        room = max(NOTES_LISTED - len(self.notes), 0)
        if room and differ:
            files = list(chain.from_iterable(repeat(c.file, len(c)) for c in kept))
            numbers = list(chain.from_iterable(c.numbers for c in kept))
            areas = list(chain.from_iterable(c.areas for c in kept))
            for i in sorted(differ, key=lambda i: (files[i], numbers[i]))[:room]:
                where = "England" if areas[i] == ENGLAND else areas[i]
                self.notes.append(
                    f"{files[i]}, row {numbers[i]}: {where}'s published 95% limits "
                    f"{lowers[i]:.{places}f} to {uppers[i]:.{places}f} differ from "
                    f"{ours_lower[i]:.{places}f} to {ours_upper[i]:.{places}f} worked out "
                    f"from its count and denominator ({how[i]})"
                )
        self.more_notes += len(differ) - min(room, len(differ))


def _not_a_code(code: str) -> str:
    return f"{code!r} is not an area code" if code else "is empty"


def _chain(code: str, parents: Mapping[str, str | None]) -> list[str]:
    """The codes of the areas above this one, nearest first."""
    chain: list[str] = []
    above = parents.get(code)
    while above and above not in chain:
        chain.append(above)
        above = parents.get(above)
    return chain


def _period_read(text: str, kind: PeriodKind | None) -> Period | str:
    """The period, or what is wrong with it."""
    text = " ".join(text.split())
    kind = kind or _kind_written(text)
    try:
        return Period.parse(text, kind)
    except ValueError as error:
        return str(error) if kind else f"{text!r} is not a period: write {SPELLINGS}"


def _kind_written(text: str) -> PeriodKind | None:
    """The kind of period a spelling is, for an indicator not yet known: a bare year is
    a calendar year, 2015/16 a financial year (a definition says where it is academic)."""
    if BARE_YEAR.match(text):
        return PeriodKind.CALENDAR_YEAR
    try:
        return Period.parse(text).kind
    except ValueError:
        return None


class ExportErrors(TableError):
    """Problems in several files, each file's listed under its name."""

    def __init__(self, errors: list[TableError]) -> None:
        self.errors = errors
        self.name = errors[0].name
        self.problems: list[Problem] = [p for e in errors for p in e.problems]
        self.more = sum(e.more for e in errors)
        Exception.__init__(self, "\n".join(map(str, errors)))
