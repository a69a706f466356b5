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
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from goldenthread.areas.models import Area
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
from goldenthread.indicators.standings import refresh_standings

REQUIRED = ["indicator", "area", "period", "value"]
OPTIONAL = ["breakdown", "numerator", "denominator", "lower", "upper", "status", "note", "source"]
NUMBERS = ["value", "numerator", "denominator", "lower", "upper"]
STATUSES = frozenset(DataStatus.values)
BATCH = 5000
BREAKDOWN = re.compile(r"^[a-z0-9][a-z0-9_-]*:[a-z0-9][a-z0-9_.-]*$")
# The order values are written in; the key of a value is its first four.
COLUMNS = [
    "indicator_id", "area_id", "period_id", "breakdown", "value", "numerator", "denominator",
    "lower", "upper", "lower998", "upper998", "status", "note", "source",
]  # fmt: skip
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
        for number, cells in table.rows():
            result.rows += 1
            values = reader.read(number, cells)
            if values is not None and not problems:
                writer.add(number, values)
            if progress and result.rows % 100_000 == 0:
                progress(result.rows)
        if not problems:
            writer.flush()
        problems.raise_for(path.name)
        if dry_run:
            transaction.set_rollback(True)
        else:
            refresh_standings(result.indicators)
    return result


class _Reader:
    """Turns a row's cells into the values to store, or records its problems."""

    def __init__(self, columns: dict[str, int], problems: Problems) -> None:
        self.columns, self.problems = columns, problems
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.by_pk = {i.pk: i for i in self.indicators.values()}
        self.areas = dict(Area.objects.values_list("code", "id"))
        self.periods: dict[tuple[str, str], int] = {}
        self.breakdowns = {""}

    def read(self, number: int, cells: list[str]) -> Values | None:
        try:
            return self._clean(cells)
        except (KeyError, ValueError, TypeError):
            return self._careful(
                number, {name: cells[i].strip() for name, i in self.columns.items()}
            )

    def _clean(self, cells: list[str]) -> Values:
        """The short path: raises at the first thing that is not plainly right."""
        at = self.columns
        indicator = self.indicators[cells[at["indicator"]]]
        area_id = self.areas[cells[at["area"]]]
        period_id = self.periods[(cells[at["period"]], indicator.period_type)]
        numbers = {name: _plain_number(cells, at.get(name)) for name in NUMBERS}
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
            problems.add(number, "breakdown", f"{breakdown!r} is not a breakdown: write it as sex:boys or fsm:eligible")  # fmt: skip
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
        indicator.pk, area_id, period_id, breakdown, numbers["value"], numbers["numerator"],
        numbers["denominator"], numbers["lower"], numbers["upper"], lower998, upper998,
        status or DataStatus.FINAL, note, source[:300],
    )  # fmt: skip


def _plain_number(cells: list[str], index: int | None) -> float | None:
    if index is None or not cells[index]:
        return None
    number = float(cells[index])
    if not math.isfinite(number):
        raise ValueError
    return number


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
    """Writes rows in batches: new indicators' rows straight in, others merged."""

    def __init__(self, reader: _Reader, result, problems, user, name) -> None:
        self.reader, self.result, self.problems = reader, result, problems
        self.user, self.name = user, name
        self.stamp = timezone.now()
        self.with_data = set(DataPoint.objects.values_list("indicator_id", flat=True).distinct())
        self.batch: list[tuple[int, Values]] = []

    def add(self, number: int, values: Values) -> None:
        self.batch.append((number, values))
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        fresh = [(n, v) for n, v in batch if v[0] not in self.with_data]
        known = [(n, v) for n, v in batch if v[0] in self.with_data]
        self.result.indicators.update(v[0] for _, v in batch)
        self._insert(fresh)
        if known:
            self._merge(known)

    def _insert(self, rows: list[tuple[int, Values]]) -> None:
        """Insert rows of indicators that had no data before this import, through the
        cursor. A key given twice is caught by the unique constraint, and then looked
        for row by row to name it."""
        if not rows:
            return
        names = [*COLUMNS, "revision", "recorded_at"]
        sql = (
            f"INSERT INTO {DataPoint._meta.db_table} ({', '.join(names)}) "
            f"VALUES ({', '.join(['%s'] * len(names))})"
        )
        stamp = connection.ops.adapt_datetimefield_value(self.stamp)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, [(*values, 1, stamp) for _, values in rows])
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
