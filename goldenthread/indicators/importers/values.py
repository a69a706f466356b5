"""Import indicator values from a tidy file: one value a row.

The whole file is read in one pass inside one transaction. Every problem is listed
by row and column; if there is any, the transaction is rolled back and nothing is
written. Rows are written in batches as they are read, so memory stays flat however
large the file. Importing the same file again writes nothing; a changed value is
revised and its earlier version kept as a ``DataRevision``.

A national file has millions of rows, so a clean row takes a short path: codes looked
up in dictionaries, numbers read with ``float``, the row written through the cursor.
Anything unusual in a row sends it down the careful path, which names every problem.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from goldenthread.areas.models import Area
from goldenthread.audit.imports import record_import
from goldenthread.indicators.importers.tables import Problems, Table
from goldenthread.indicators.models import (
    REVISED_FIELDS,
    DataPoint,
    DataRevision,
    DataStatus,
    Indicator,
    Period,
    Unit,
)
from goldenthread.indicators.signals import values_changed
from goldenthread.indicators.standings import refresh_standings

REQUIRED = ["indicator", "area", "period", "value"]
OPTIONAL = ["breakdown", "numerator", "denominator", "lower", "upper", "status", "note", "source"]
NUMBERS = ["value", "numerator", "denominator", "lower", "upper"]
STATUSES = frozenset(DataStatus.values)
BATCH = 5000
PROGRESS_EVERY = 100_000  # rows; a multiple of BATCH
BREAKDOWN = re.compile(r"^[a-z0-9][a-z0-9_-]*:[a-z0-9][a-z0-9_.-]*$")
# The order values are written in; the key of a value is its first four.
COLUMNS = [
    "indicator_id",
    "area_id",
    "period_id",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "lower",
    "upper",
    "lower998",
    "upper998",
    "status",
    "note",
    "source",
]
AT = {name: i for i, name in enumerate(COLUMNS)}
Values = tuple  # in COLUMNS order
Key = tuple[int, int, int, str]


@dataclass
class DataImportResult:
    name: str
    rows: int = 0
    added: int = 0
    revised: int = 0
    unchanged: int = 0
    indicators: set[int] = field(default_factory=set)
    dry_run: bool = False

    def headline(self) -> str:
        verb = "would add" if self.dry_run else "added"
        return (
            f"{self.name}: {self.rows:,} rows read; {verb} {self.added:,} values, "
            f"revised {self.revised:,}, {self.unchanged:,} unchanged."
        )


def import_values(
    path: Path | str,
    *,
    user=None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> DataImportResult:
    """Import the file, or raise TableError listing every problem and write nothing."""
    path = Path(path)
    result = DataImportResult(path.name, dry_run=dry_run)
    problems = Problems()
    with transaction.atomic():
        table = Table(path, required=REQUIRED, optional=OPTIONAL)
        reader = _Reader(table.columns, problems)
        writer = _Writer(reader, result, problems, user, path.name)
        pending: list[tuple[int, list[str]]] = []
        for row in table.rows():
            pending.append(row)
            if len(pending) == BATCH:
                _take(pending, reader, writer, progress)
                pending = []
        _take(pending, reader, writer, progress)
        problems.raise_for(path.name)
        if dry_run:
            transaction.set_rollback(True)
        else:
            refresh_standings(result.indicators)
            if result.added or result.revised:
                record_import(
                    DataPoint,
                    path.name,
                    {
                        "rows": result.rows,
                        "added": result.added,
                        "revised": result.revised,
                        "unchanged": result.unchanged,
                    },
                )
                transaction.on_commit(partial(_announce, result.indicators))
    return result


def _announce(indicators: set[int]) -> None:
    values_changed.send(sender=import_values, indicators=indicators)


def _take(pending, reader: _Reader, writer: _Writer, progress) -> None:
    rows = reader.read_batch(pending)
    if not reader.problems:
        writer.write(rows)
    writer.result.rows += len(pending)
    if progress and pending and writer.result.rows % PROGRESS_EVERY < len(pending):
        progress(writer.result.rows)


class _Reader:
    """Turns a row's cells into the values to store, or records its problems."""

    def __init__(self, columns: dict[str, int], problems: Problems) -> None:
        self.columns, self.problems = columns, problems
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.by_pk = {i.pk: i for i in self.indicators.values()}
        self.areas = dict(Area.objects.values_list("code", "id"))
        self.periods: dict[tuple[str, str], int] = {}
        self.breakdowns = {""}
        self.number_columns = [(name, columns[name]) for name in NUMBERS if name in columns]

    def read_batch(self, batch: list[tuple[int, list[str]]]) -> list[tuple[int, Values]]:
        """The batch's rows that are valid, each with its row number; problems recorded."""
        try:
            clean = self._clean_batch([cells for _, cells in batch])
        except (KeyError, ValueError, TypeError):
            rows = ((number, self.read(number, cells)) for number, cells in batch)
            return [(number, values) for number, values in rows if values is not None]
        return list(zip((number for number, _ in batch), clean, strict=True))

    def read(self, number: int, cells: list[str]) -> Values | None:
        try:
            return self._clean(cells)
        except (KeyError, ValueError, TypeError):
            return self._careful(
                number, {name: cells[i].strip() for name, i in self.columns.items()}
            )

    def _clean_batch(self, rows: list[list[str]]) -> list[Values]:
        """The shortest path, a column at a time, for a batch in which every row is
        plainly right. Raises at the first doubt, and the batch is read row by row."""
        if not rows:
            return []
        columns = list(zip(*rows, strict=True))
        blank = ("",) * len(rows)

        def column(name: str) -> tuple[str, ...]:
            return columns[self.columns[name]] if name in self.columns else blank

        indicators = list(map(self.indicators.__getitem__, column("indicator")))
        areas = list(map(self.areas.__getitem__, column("area")))
        kinds = [indicator.period_type for indicator in indicators]
        periods = list(map(self.periods.__getitem__, zip(column("period"), kinds, strict=True)))
        numbers = {name: _floats(column(name)) for name in NUMBERS}
        statuses, breakdowns = column("status"), column("breakdown")
        if not (
            _plainly_valid(indicators, numbers)
            and set(statuses) <= STATUSES | {""}
            and set(breakdowns) <= self.breakdowns
        ):
            raise ValueError
        # Without counts (see _plainly_valid) there are no 99.8% limits to work out.
        no_limits = [None] * len(rows)
        notes = [note.strip() for note in column("note")]
        sources = [source.strip()[:300] for source in column("source")]
        return list(
            zip(
                [i.pk for i in indicators],
                areas,
                periods,
                breakdowns,
                *numbers.values(),
                no_limits,
                no_limits,
                [s or DataStatus.FINAL for s in statuses],
                notes,
                sources,
                strict=True,
            )
        )

    def _clean(self, cells: list[str]) -> Values:
        """The short path: raises at the first thing that is not plainly right."""
        at = self.columns
        indicator = self.indicators[cells[at["indicator"]]]
        area_id = self.areas[cells[at["area"]]]
        period_id = self.periods[(cells[at["period"]], indicator.period_type)]
        numbers = dict.fromkeys(NUMBERS)
        for name, index in self.number_columns:
            if text := cells[index]:
                number = float(text)
                if not -math.inf < number < math.inf:  # also false for nan
                    raise ValueError
                numbers[name] = number
        if numbers["value"] is None or _value_problems(indicator, numbers):
            raise ValueError
        status = cells[at["status"]] if "status" in at else ""
        breakdown = cells[at["breakdown"]] if "breakdown" in at else ""
        if breakdown not in self.breakdowns or (status and status not in STATUSES):
            raise ValueError
        note = cells[at["note"]].strip() if "note" in at else ""
        source = cells[at["source"]].strip() if "source" in at else ""
        return _values(indicator, area_id, period_id, breakdown, numbers, status, note, source)

    def _careful(self, number: int, record: dict) -> Values | None:
        """The long path: every problem in the row, each with its column."""
        problems, before = self.problems, self.problems.count
        indicator = self.indicators.get(record["indicator"])
        if indicator is None:
            problems.add(number, "indicator", _unknown("indicator", record["indicator"]))
        area_id = self.areas.get(record["area"])
        if area_id is None:
            problems.add(number, "area", _unknown("area", record["area"]))
        numbers = {name: _number(number, name, record.get(name, ""), problems) for name in NUMBERS}
        status = record.get("status", "").lower()
        if status and status not in STATUSES:
            problems.add(
                number, "status", f"{status!r} is not a status: write final or provisional"
            )
        breakdown = record.get("breakdown", "").lower()
        if breakdown and not BREAKDOWN.match(breakdown):
            problems.add(
                number,
                "breakdown",
                f"{breakdown!r} is not a breakdown: write it as sex:boys or fsm:eligible",
            )
        period_id = None
        if indicator is not None:
            period_id = self._period(number, record["period"], indicator)
            if numbers["value"] is not None:
                for column, message in _value_problems(indicator, numbers):
                    problems.add(number, column, message)
        if problems.count > before:
            return None
        if breakdown:
            self.breakdowns.add(breakdown)
        note, source = record.get("note", ""), record.get("source", "")
        return _values(indicator, area_id, period_id, breakdown, numbers, status, note, source)

    def _period(self, number: int, text: str, indicator: Indicator) -> int | None:
        key = (text, indicator.period_type)
        if key not in self.periods:
            try:
                self.periods[key] = Period.stored(indicator.parse_period(text)).pk
            except ValueError as error:
                self.problems.add(number, "period", str(error))
                return None
        return self.periods[key]

    def describe(self, values: Values) -> str:
        """Which value a row gives, in the file's own codes: for messages."""
        indicator = self.by_pk[values[AT["indicator_id"]]]
        area = next(code for code, pk in self.areas.items() if pk == values[AT["area_id"]])
        period = Period.objects.get(pk=values[AT["period_id"]])
        breakdown = f" ({values[AT['breakdown']]})" if values[AT["breakdown"]] else ""
        return f"{indicator.code} for {area} {period}{breakdown}"


def _values(indicator, area_id, period_id, breakdown, numbers, status, note, source) -> Values:
    lower998, upper998 = _limits(indicator, numbers)
    return (
        indicator.pk,
        area_id,
        period_id,
        breakdown,
        numbers["value"],
        numbers["numerator"],
        numbers["denominator"],
        numbers["lower"],
        numbers["upper"],
        lower998,
        upper998,
        status or DataStatus.FINAL,
        note,
        source[:300],
    )


def _floats(cells: tuple[str, ...]) -> list[float | None]:
    """A column of numbers, blanks as None; raises ValueError for anything else."""
    if not any(cells):
        return [None] * len(cells)
    numbers = [float(text) if text else None for text in cells]
    if not all(-math.inf < n < math.inf for n in numbers if n is not None):  # nan fails too
        raise ValueError
    return numbers


def _plainly_valid(indicators: list[Indicator], numbers: dict[str, list]) -> bool:
    """True only where ``_value_problems`` would find nothing in any row (a test keeps
    the two in step); False sends the batch to be read row by row."""
    values = numbers["value"]
    if None in values:
        return False
    percentages = [v for v, i in zip(values, indicators, strict=True) if i.unit == Unit.PERCENTAGE]
    if percentages and not 0 <= min(percentages) <= max(percentages) <= 100:
        return False
    counted = [
        v for v, i in zip(values, indicators, strict=True) if i.unit in (Unit.RATE, Unit.COUNT)
    ]
    if counted and min(counted) < 0:
        return False
    if any(numbers["numerator"]) or any(numbers["denominator"]):
        return False  # counts are rarer; the row-by-row checks cover them
    lower, upper = numbers["lower"], numbers["upper"]
    if any(lower) or any(upper):
        return all(
            lo is not None and hi is not None and lo <= v <= hi
            for lo, v, hi in zip(lower, values, upper, strict=True)
        )
    return True


def _number(row: int, column: str, text: str, problems: Problems) -> float | None:
    text = text.replace(",", "").strip()
    if not text:
        if column == "value":
            problems.add(row, column, "is empty: leave out a row that has no value")
        return None
    try:
        number = float(text.rstrip("%"))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        problems.add(row, column, f"{text!r} is not a number")
        return None
    return number


def _value_problems(indicator: Indicator, numbers: dict) -> list[tuple[str, str]]:
    """What is wrong with a row's numbers for this indicator, column by column."""
    value, found = numbers["value"], []
    if indicator.unit == Unit.PERCENTAGE and not 0 <= value <= 100:
        found.append(("value", f"{value:g} is not a percentage between 0 and 100"))
    elif indicator.unit in (Unit.RATE, Unit.COUNT) and value < 0:
        found.append(("value", f"{value:g} is negative, but a {indicator.unit} cannot be"))
    numerator, denominator = numbers["numerator"], numbers["denominator"]
    if denominator is not None and denominator <= 0:
        found.append(("denominator", f"{denominator:g} must be more than 0"))
    elif numerator is not None and numerator < 0:
        found.append(("numerator", f"{numerator:g} must not be negative"))
    elif (
        indicator.unit == Unit.PERCENTAGE
        and None not in (numerator, denominator)
        and numerator > denominator
    ):
        found.append(("numerator", f"{numerator:g} is more than the denominator {denominator:g}"))
    lower, upper = numbers["lower"], numbers["upper"]
    if lower is not None and upper is not None and not lower <= value <= upper:
        found.append(
            ("lower", f"the limits {lower:g} to {upper:g} do not contain the value {value:g}")
        )
    elif (lower is None) != (upper is None):
        found.append(
            ("upper" if upper is None else "lower", "give both confidence limits or neither")
        )
    return found


def _limits(indicator: Indicator, numbers: dict) -> tuple[float | None, float | None]:
    """95% limits where counts are given and none were published (set in ``numbers``),
    and 99.8% limits, both by the indicator's method."""
    numerator, denominator = numbers["numerator"], numbers["denominator"]
    if numerator is None or denominator is None:
        return None, None
    at95 = indicator.interval(numerator, denominator, 0.95)
    if at95 is None:
        return None, None
    if numbers["lower"] is None:
        numbers["lower"], numbers["upper"] = at95.lower, at95.upper
    at998 = indicator.interval(numerator, denominator, 0.998)
    return at998.lower, at998.upper


class _Writer:
    """Writes batches of rows: new indicators' rows straight in, others merged."""

    def __init__(self, reader: _Reader, result, problems, user, name) -> None:
        self.reader, self.result, self.problems = reader, result, problems
        self.user, self.name = user, name
        self.stamp = timezone.now()
        self.with_data = set(DataPoint.objects.values_list("indicator_id", flat=True).distinct())

    def write(self, batch: list[tuple[int, Values]]) -> None:
        fresh = [(n, v) for n, v in batch if v[0] not in self.with_data]
        known = [(n, v) for n, v in batch if v[0] in self.with_data]
        self.result.indicators.update({v[0] for _, v in batch})
        self._insert(fresh)
        if known:
            self._merge(known)

    def _insert(self, rows: list[tuple[int, Values]]) -> None:
        """Insert rows of indicators that had no data before this import, through the
        cursor. A key given twice is caught by the unique constraint, and then looked
        for row by row to name it."""
        if not rows:
            return
        sql, pick = _insert_statement([values for _, values in rows])
        stamp = connection.ops.adapt_datetimefield_value(self.stamp)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, [(*pick(values), stamp) for _, values in rows])
        except IntegrityError:
            self._find_repeats(rows)
            return
        self.result.added += len(rows)

    def _find_repeats(self, rows: list[tuple[int, Values]]) -> None:
        seen: set[Key] = set()
        for number, values in rows:
            key = values[:4]
            if key in seen or DataPoint.objects.filter(**_lookup(key)).exists():
                self.problems.add(number, "", self._repeated(values))
            seen.add(key)

    def _merge(self, rows: list[tuple[int, Values]]) -> None:
        """Rows for indicators that had data: add, revise or leave alone."""
        existing = {
            (p.indicator_id, p.area_id, p.period_id, p.breakdown): p
            for p in DataPoint.objects.filter(
                indicator_id__in={v[0] for _, v in rows},
                area_id__in={v[1] for _, v in rows},
                period_id__in={v[2] for _, v in rows},
            )
        }
        seen: set[Key] = set()
        added, revisions, revised = [], [], []
        for number, values in rows:
            key, old = values[:4], existing.get(values[:4])
            if key in seen or (old is not None and old.recorded_at == self.stamp):
                self.problems.add(number, "", self._repeated(values))
            elif old is None:
                fields = dict(zip(COLUMNS, values, strict=True))
                added.append(DataPoint(**fields, recorded_at=self.stamp))
            elif all(getattr(old, name) == values[AT[name]] for name in REVISED_FIELDS):
                self.result.unchanged += 1
            else:
                revisions.append(_revision_of(old, self.user, self.name))
                _revise(old, values, self.stamp)
                revised.append(old)
            seen.add(key)
        if self.problems:
            return
        DataPoint.objects.bulk_create(added)
        DataRevision.objects.bulk_create(revisions)
        DataPoint.objects.bulk_update(
            revised, [*REVISED_FIELDS, "lower998", "upper998", "revision", "recorded_at"]
        )
        self.result.added += len(added)
        self.result.revised += len(revised)

    def _repeated(self, values: Values) -> str:
        return f"gives {self.reader.describe(values)} a second time"


# Columns that are often the same in every row of a batch, and what they then hold.
USUALLY = {
    "numerator": None,
    "denominator": None,
    "lower": None,
    "upper": None,
    "lower998": None,
    "upper998": None,
    "status": DataStatus.FINAL.value,
    "note": "",
    "source": "",
}


def _insert_statement(batch: list[Values]) -> tuple[str, Callable[[Values], tuple]]:
    """The INSERT for a batch, and how to pick its parameters from a row.

    A column that holds the same usual value in every row is written once into the
    statement (or left to be NULL) rather than passed for every row: binding fewer
    parameters is most of what makes a national file load quickly.
    """
    same = {
        name
        for name, usual in USUALLY.items()
        if all(values[AT[name]] == usual for values in batch)
    }
    passed = [name for name in COLUMNS if name not in same]
    fixed = {name: f"'{USUALLY[name]}'" for name in same if USUALLY[name] is not None}
    fixed |= {"revision": "1"}
    names = [*passed, *fixed, "recorded_at"]
    placeholders = ["%s"] * len(passed) + list(fixed.values()) + ["%s"]
    sql = (
        f"INSERT INTO {DataPoint._meta.db_table} ({', '.join(names)}) "
        f"VALUES ({', '.join(placeholders)})"
    )
    return sql, itemgetter(*(AT[name] for name in passed))


def _lookup(key: Key) -> dict:
    return dict(zip(["indicator_id", "area_id", "period_id", "breakdown"], key, strict=True))


def _revision_of(old: DataPoint, user, name: str) -> DataRevision:
    kept = {field: getattr(old, field) for field in REVISED_FIELDS}
    return DataRevision(
        data_point=old,
        revision=old.revision,
        recorded_at=old.recorded_at,
        replaced_by=user,
        replaced_from=name,
        **kept,
    )


def _revise(old: DataPoint, values: Values, stamp) -> None:
    for name in [*REVISED_FIELDS, "lower998", "upper998"]:
        setattr(old, name, values[AT[name]])
    old.revision += 1
    old.recorded_at = stamp


def _unknown(what: str, code: str) -> str:
    if not code:
        return "is empty"
    hint = "import its definition first" if what == "indicator" else "add the area first"
    return f"no {what} has the code {code!r}: {hint}"
