"""Import indicator values from a tidy file: one value a row.

The whole file is read in one pass inside one transaction. Every problem is listed
by row and column; if there is any, the transaction is rolled back and nothing is
written. Rows are written in batches as they are read, so memory stays flat however
large the file. Importing the same file again writes nothing; a changed value is
revised and its earlier version kept as a ``DataRevision``.
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
from goldenthread.indicators.importers.tables import Problems, read_table
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
BATCH = 5000
BREAKDOWN = re.compile(r"^[a-z0-9][a-z0-9_-]*:[a-z0-9][a-z0-9_.-]*$")
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


class _Lookups:
    """Codes met in the file, looked up once each."""

    def __init__(self) -> None:
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.areas = dict(Area.objects.values_list("code", "id"))
        self.periods: dict[tuple[str, str], int] = {}
        self.with_data = set(DataPoint.objects.values_list("indicator_id", flat=True).distinct())

    def period_id(self, text: str, indicator: Indicator) -> int:
        key = (text, indicator.period_type)
        if key not in self.periods:
            self.periods[key] = Period.stored(indicator.parse_period(text)).pk
        return self.periods[key]


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
        writer = _Writer(result, problems, timezone.now(), user, path.name)
        for number, record in read_table(path, required=REQUIRED, optional=OPTIONAL):
            result.rows += 1
            row = _row(number, record, writer.lookups, problems)
            if row is not None and not problems:
                writer.add(row)
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


@dataclass
class _Row:
    number: int
    indicator: Indicator
    where: str  # the area and period as the file gives them, to name a repeated row
    values: dict


def _row(number: int, record: dict, lookups: _Lookups, problems: Problems) -> _Row | None:
    """The row's values ready to store, or None with its problems recorded."""
    before = problems.count
    indicator = lookups.indicators.get(record["indicator"])
    if indicator is None:
        problems.add(number, "indicator", _unknown("indicator", record["indicator"]))
    area_id = lookups.areas.get(record["area"])
    if area_id is None:
        problems.add(number, "area", _unknown("area", record["area"]))
    numbers = {name: _number(number, name, record.get(name, ""), problems) for name in NUMBERS}
    status = record.get("status", "").lower() or DataStatus.FINAL
    if status not in DataStatus.values:
        problems.add(number, "status", f"{status!r} is not a status: write final or provisional")
    breakdown = record.get("breakdown", "").lower()
    if breakdown and not BREAKDOWN.match(breakdown):
        problems.add(
            number,
            "breakdown",
            f"{breakdown!r} is not a breakdown: write it as sex:boys or fsm:eligible",
        )
    period_id = None
    if indicator is not None:
        try:
            period_id = lookups.period_id(record["period"], indicator)
        except ValueError as error:
            problems.add(number, "period", str(error))
        _check_values(number, indicator, numbers, problems)
    if problems.count > before:
        return None
    values = {
        "indicator_id": indicator.pk,
        "area_id": area_id,
        "period_id": period_id,
        "breakdown": breakdown,
        **numbers,
        **_limits(indicator, numbers),
        "status": status,
        "note": record.get("note", ""),
        "source": record.get("source", "")[:300],
    }
    return _Row(number, indicator, f"{record['area']} {record['period']}", values)


NUMBERS = ["value", "numerator", "denominator", "lower", "upper"]


def _number(row: int, column: str, text: str, problems: Problems) -> float | None:
    text = text.replace(",", "").strip()
    if not text:
        if column == "value":
            problems.add(row, column, "is empty: leave out a row that has no value")
        return None
    try:
        number = float(text.rstrip("%"))
    except ValueError:
        problems.add(row, column, f"{text!r} is not a number")
        return None
    if not math.isfinite(number):
        problems.add(row, column, f"{text!r} is not a number")
        return None
    return number


def _check_values(row: int, indicator: Indicator, numbers: dict, problems: Problems) -> None:
    value = numbers["value"]
    if value is None:
        return
    if indicator.unit == Unit.PERCENTAGE and not 0 <= value <= 100:
        problems.add(row, "value", f"{value:g} is not a percentage between 0 and 100")
    elif indicator.unit in (Unit.RATE, Unit.COUNT) and value < 0:
        problems.add(row, "value", f"{value:g} is negative, but a {indicator.unit} cannot be")
    numerator, denominator = numbers["numerator"], numbers["denominator"]
    if denominator is not None and denominator <= 0:
        problems.add(row, "denominator", f"{denominator:g} must be more than 0")
    elif numerator is not None and numerator < 0:
        problems.add(row, "numerator", f"{numerator:g} must not be negative")
    elif (
        indicator.unit == Unit.PERCENTAGE
        and None not in (numerator, denominator)
        and numerator > denominator
    ):
        problems.add(
            row, "numerator", f"{numerator:g} is more than the denominator {denominator:g}"
        )
    lower, upper = numbers["lower"], numbers["upper"]
    if lower is not None and upper is not None and not lower <= value <= upper:
        problems.add(
            row, "lower", f"the limits {lower:g} to {upper:g} do not contain the value {value:g}"
        )
    elif (lower is None) != (upper is None):
        problems.add(
            row, "upper" if upper is None else "lower", "give both confidence limits or neither"
        )


def _limits(indicator: Indicator, numbers: dict) -> dict:
    """Confidence limits by the indicator's method, where counts are given."""
    limits = {"lower998": None, "upper998": None}
    numerator, denominator = numbers["numerator"], numbers["denominator"]
    if numerator is None or denominator is None:
        return limits
    at95 = indicator.interval(numerator, denominator, 0.95)
    if at95 is None:
        return limits
    if numbers["lower"] is None:
        limits |= {"lower": at95.lower, "upper": at95.upper}
    at998 = indicator.interval(numerator, denominator, 0.998)
    return limits | {"lower998": at998.lower, "upper998": at998.upper}


COLUMNS = [
    "indicator_id", "area_id", "period_id", "breakdown", "value", "numerator", "denominator",
    "lower", "upper", "lower998", "upper998", "status", "note", "source", "revision", "recorded_at",
]  # fmt: skip


class _Writer:
    """Writes rows in batches: new indicators' rows straight in, others merged."""

    def __init__(self, result, problems, stamp, user, name) -> None:
        self.result, self.problems, self.stamp = result, problems, stamp
        self.user, self.name = user, name
        self.lookups = _Lookups()
        self.batch: list[_Row] = []

    def add(self, row: _Row) -> None:
        self.batch.append(row)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        fresh = [row for row in batch if row.indicator.pk not in self.lookups.with_data]
        known = [row for row in batch if row.indicator.pk in self.lookups.with_data]
        self.result.indicators.update(row.indicator.pk for row in batch)
        self._insert(fresh)
        if known:
            self._merge(known)

    def _insert(self, rows: list[_Row]) -> None:
        """Insert rows of indicators that had no data before this import.

        The one hot path of a national file, so rows go in through the database
        cursor rather than as model instances. A key given twice is caught by the
        unique constraint, and then looked for row by row to name it.
        """
        if not rows:
            return
        table = DataPoint._meta.db_table
        sql = (
            f"INSERT INTO {table} ({', '.join(COLUMNS)}) "
            f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
        )
        params = [[row.values[c] for c in COLUMNS[:-2]] + [1, self.stamp] for row in rows]
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, params)
        except IntegrityError:
            self._find_repeats(rows)
            return
        self.result.added += len(rows)

    def _find_repeats(self, rows: list[_Row]) -> None:
        seen: set[Key] = set()
        for row in rows:
            key = _key(row.values)
            if key in seen or DataPoint.objects.filter(**_lookup(key)).exists():
                self.problems.add(row.number, "", _repeated(row))
            seen.add(key)

    def _merge(self, rows: list[_Row]) -> None:
        """Rows for indicators that had data: add, revise or leave alone."""
        existing = {
            _key(vars(point)): point
            for point in DataPoint.objects.filter(
                indicator_id__in={r.values["indicator_id"] for r in rows},
                area_id__in={r.values["area_id"] for r in rows},
                period_id__in={r.values["period_id"] for r in rows},
            )
        }
        seen: set[Key] = set()
        added, revisions, revised = [], [], []
        for row in rows:
            key = _key(row.values)
            old = existing.get(key)
            if key in seen or (old is not None and old.recorded_at == self.stamp):
                self.problems.add(row.number, "", _repeated(row))
            elif old is None:
                added.append(DataPoint(**row.values, recorded_at=self.stamp))
            elif _same(old, row.values):
                self.result.unchanged += 1
            else:
                revisions.append(_revision_of(old, self.user, self.name))
                _revise(old, row.values, self.stamp)
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


def _key(values: dict) -> Key:
    return (values["indicator_id"], values["area_id"], values["period_id"], values["breakdown"])


def _lookup(key: Key) -> dict:
    return dict(zip(["indicator_id", "area_id", "period_id", "breakdown"], key, strict=True))


def _same(old: DataPoint, values: dict) -> bool:
    return all(getattr(old, name) == values[name] for name in REVISED_FIELDS)


def _revision_of(old: DataPoint, user, name: str) -> DataRevision:
    kept = {name: getattr(old, name) for name in REVISED_FIELDS}
    return DataRevision(
        data_point=old,
        revision=old.revision,
        recorded_at=old.recorded_at,
        replaced_by=user,
        replaced_from=name,
        **kept,
    )


def _revise(old: DataPoint, values: dict, stamp) -> None:
    for name in [*REVISED_FIELDS, "lower998", "upper998"]:
        setattr(old, name, values[name])
    old.revision += 1
    old.recorded_at = stamp


def _unknown(what: str, code: str) -> str:
    if not code:
        return "is empty"
    hint = "import its definition first" if what == "indicator" else "add the area first"
    return f"no {what} has the code {code!r}: {hint}"


def _repeated(row: _Row) -> str:
    breakdown = row.values["breakdown"]
    breakdown = f" ({breakdown})" if breakdown else ""
    return f"gives {row.indicator.code} for {row.where}{breakdown} a second time"
