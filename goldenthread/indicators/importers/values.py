"""Import indicator values: records in, problems out.

Every source of values feeds one function, ``import_records``: a CSV or Excel file
(``import_values``, behind ``goldenthread import_data`` and the web upload) and a value
sent to the API (``target_edits.record_data_point``). A Fingertips export, which reads
and checks its own cells, hands over columns instead (``import_columns``): the same
rules, both ways, and the same writing. A source gives *records*: a row number as the person knows it (a spreadsheet's,
where the header is row 1) and the cells by column name, as text. ``import_records``
checks them and writes them inside one transaction, or raises ``TableError`` naming the
source, row and column of every problem and writes nothing. Records are read and written
in batches, so memory stays flat however many there are. Importing the same values again
writes nothing; a changed value is revised and its earlier version kept as a
``DataRevision``.

Two ways of reading, one list of rules (``rules.RULES``). A national file has millions of
rows, so each batch is first read the short way, a column at a time: codes looked up in
dictionaries, numbers read with ``float``, and every rule asked whether the whole batch
is plainly valid. Any doubt sends the batch the careful way, a row at a time, asking
every rule in the same list to name the problems of each row by column. A rule gives both
answers side by side, so a rule added to the list is applied both ways. Both ways end in
``values_of``, which turns what was read into the values to store.
"""

from __future__ import annotations

import gc
import math
import pickle
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import add, attrgetter, itemgetter
from pathlib import Path
from typing import Self

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from goldenthread.areas.models import Area
from goldenthread.audit.imports import record_import
from goldenthread.indicators.importers.rules import RULES, Batch, Row, any_given
from goldenthread.indicators.importers.tables import Problems, Table, shown
from goldenthread.indicators.models import (
    LARGEST,
    REVISED_FIELDS,
    TOTAL,
    DataPoint,
    DataRevision,
    DataStatus,
    Indicator,
    Period,
)
from goldenthread.indicators.permissions import WritableAreas, areas_writable_by
from goldenthread.indicators.signals import values_changed
from goldenthread.indicators.standings import Changed, Changes, refresh_changed_standings
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.lib.suggestions import nearest_code
from goldenthread.lib.tables import SHOWN

REQUIRED = ["indicator", "area", "period", "value"]
OPTIONAL = [
    "breakdown",
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
COLUMNS_GIVEN = REQUIRED + OPTIONAL
KNOWN = frozenset(COLUMNS_GIVEN)
NUMBERS = ["value", "numerator", "denominator", "lower", "upper", "lower998", "upper998"]
BATCH = 5000
PROGRESS_EVERY = 100_000  # rows; a multiple of BATCH
MAX_SOURCE = 300  # characters, as DataPoint.source holds
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
Record = tuple[int, Mapping[str, str]]  # (row number, {column: text})


@dataclass
class DataImportResult:
    name: str
    rows: int = 0
    added: int = 0
    revised: int = 0
    unchanged: int = 0
    indicators: set[int] = field(default_factory=set)
    dry_run: bool = False
    last: Key | None = None  # the last value read: a caller that sent one finds it by this
    # The totals added or revised, by indicator: what the standings are refreshed for.
    changed: Changes = field(default_factory=dict)

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
    """Import a CSV or Excel file, or raise TableError listing every problem and write
    nothing. ``user`` as for ``import_records``."""
    path = Path(path)
    table = Table(path, required=REQUIRED, optional=OPTIONAL)
    return import_records(
        table.records(), source=path.name, user=user, dry_run=dry_run, progress=progress
    )


def import_records(
    records: Iterable[Record],
    *,
    source: str,
    user=None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    standings: bool = True,
    limits_from_counts: bool = True,
) -> DataImportResult:
    """Check and write values, one a record, all or nothing.

    ``records`` are (row number, {column: text}) with the columns of ``REQUIRED`` and any
    of ``OPTIONAL``; ``source`` names where they came from in messages, the audit trail
    and revisions. ``user`` is who writes them, and may write only the areas
    ``areas_writable_by`` gives them; ``None`` is the command line, trusted with every
    area. Returns what was added, revised and left alone (or would be, on a
    ``dry_run``); raises TableError naming the source, row and column of every problem.
    A caller importing several sources as one set passes ``standings=False`` and
    refreshes the standings ``result.changed`` can move once, after the last
    (``standings.refresh_changed_standings``). Limits are
    worked out from counts where none are given, unless ``limits_from_counts`` is False:
    a publisher that gives counts but no limits (Fingertips, for a modelled estimate)
    is saying they cannot be worked out.
    """
    records = iter(records)

    def read(reader: Reader) -> Iterator[tuple[int, list[tuple[int, Values]]]]:
        while batch := list(islice(records, BATCH)):
            yield len(batch), reader.read(batch)

    return _import(
        read, source, user, dry_run, progress, standings=standings, from_counts=limits_from_counts
    )


def import_columns(
    batches: Iterable[Batch],
    *,
    source: str,
    user=None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    standings: bool = True,
    limits_from_counts: bool = True,
) -> DataImportResult:
    """``import_records`` for a source that has read its rows into columns itself, each
    ``Batch`` with its codes as what they stand for and its numbers as numbers (a
    Fingertips export, which checks every cell as it reads it): the same rules, both
    ways, and the same writing, without reading the cells a second time."""

    def read(reader: Reader) -> Iterator[tuple[int, list[tuple[int, Values]]]]:
        # Written BATCH rows at a time, however small the batches read: each write is a
        # savepoint and a statement of its own.
        count, rows = 0, list[tuple[int, Values]]()
        for batch in batches:
            count += len(batch.number)
            rows.extend(reader.read_columns(batch))
            if count >= BATCH:
                yield count, rows
                count, rows = 0, []
        if count:
            yield count, rows

    return _import(
        read, source, user, dry_run, progress, standings=standings, from_counts=limits_from_counts
    )


def _import(
    read: Callable[[Reader], Iterator[tuple[int, list[tuple[int, Values]]]]],
    source: str,
    user,
    dry_run: bool,
    progress: Callable[[int], None] | None,
    *,
    standings: bool,
    from_counts: bool,
) -> DataImportResult:
    checked = _check(
        read, source, user, progress, from_counts=from_counts, keep=not dry_run, counting=dry_run
    )
    with checked:
        if dry_run:
            return checked.result
        return checked.write(standings=standings)


def check_records(
    records: Iterable[Record],
    *,
    source: str,
    user=None,
    progress: Callable[[int], None] | None = None,
) -> CheckedValues:
    """The first half of ``import_records``, which writes nothing and so holds no write
    lock however long the file: every record read and checked, the counts a dry run
    reports worked out from what is stored, and the values kept (on disk) for
    ``CheckedValues.write``. Raises TableError as ``import_records`` does."""
    records = iter(records)

    def read(reader: Reader) -> Iterator[tuple[int, list[tuple[int, Values]]]]:
        while batch := list(islice(records, BATCH)):
            yield len(batch), reader.read(batch)

    return _check(read, source, user, progress, from_counts=True, keep=True, counting=True)


def check_values(
    path: Path | str, *, user=None, progress: Callable[[int], None] | None = None
) -> CheckedValues:
    """``check_records`` for a CSV or Excel file of values."""
    path = Path(path)
    table = Table(path, required=REQUIRED, optional=OPTIONAL)
    return check_records(table.records(), source=path.name, user=user, progress=progress)


def _check(
    read: Callable[[Reader], Iterator[tuple[int, list[tuple[int, Values]]]]],
    source: str,
    user,
    progress: Callable[[int], None] | None,
    *,
    from_counts: bool,
    keep: bool,
    counting: bool,
) -> CheckedValues:
    """Read and check every row, writing nothing: no transaction is opened, so on
    SQLite (whose transactions take the write lock as they begin) nobody else's write
    waits while a file is read. Problems are raised together; the valid rows are kept
    (if ``keep``) in a temporary file, batch by batch, for the write, so memory stays
    flat. ``counting``: work out what writing would add, revise and leave alone, and find
    a value given twice anywhere in the file, as a dry run must without writing (a set
    of every key read); an import finds repeats as it writes, by what is stored."""
    result = DataImportResult(source, dry_run=True)
    problems = Problems()
    reader = Reader(problems, areas_writable_by(user), from_counts)
    counter = _Counter(reader, result, problems) if counting else None
    kept = tempfile.TemporaryFile() if keep else None  # noqa: SIM115 - closed by CheckedValues
    checked = CheckedValues(result, reader, problems, user, kept)
    try:
        with _cycle_collector_paused():
            for count, rows in read(reader):
                if rows:
                    result.last = rows[-1][1][:4]
                if counter is not None:
                    counter.count(rows)
                if kept is not None and rows and not problems:
                    pickle.dump(rows, kept, protocol=pickle.HIGHEST_PROTOCOL)
                result.rows += count
                if progress and result.rows % PROGRESS_EVERY < count:
                    progress(result.rows)
        problems.raise_for(source)
    except BaseException:
        checked.close()
        raise
    return checked


class CheckedValues:
    """Values read and checked, waiting to be written; ``result`` holds what writing
    them would do, as a dry run reports it. Close it (or use it in a ``with``) to delete
    the values kept."""

    def __init__(self, result, reader: Reader, problems: Problems, user, kept) -> None:
        self.result, self.reader, self.problems = result, reader, problems
        self.user, self.kept = user, kept

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.kept is not None:
            self.kept.close()
            self.kept = None

    def batches(self) -> Iterator[list[tuple[int, Values]]]:
        assert self.kept is not None, "checked for a dry run only, or closed"
        self.kept.seek(0)
        while True:
            try:
                yield pickle.load(self.kept)
            except EOFError:
                return

    def write(
        self, *, standings: bool = True, only: Collection[int] | None = None
    ) -> DataImportResult:
        """Write what was checked, all or nothing, in one short transaction: periods
        first met in the file are stored, and each value added, revised or left alone
        by what is stored now (another write may have come in since the check). Raises
        TableError if a value was written meanwhile that this one would repeat. ``only``:
        the values of these indicators alone (a preview, which reads some judgements)."""
        name = self.result.name
        result = DataImportResult(name, rows=self.result.rows)
        with transaction.atomic(), _cycle_collector_paused():
            periods = self.reader.store_new_periods()
            writer = _Writer(self.reader, result, self.problems, self.user, name)
            for rows in self.batches():
                if only is not None:
                    rows = [(n, v) for n, v in rows if v[0] in only]
                    if not rows:
                        continue
                settled = _settled(rows, periods) if periods else rows
                result.last = settled[-1][1][:4]
                writer.write(settled)
                if self.problems:
                    break
            self.problems.raise_for(name)
            if standings:
                refresh_changed_standings(result.changed)
            if result.added or result.revised:
                record_import(
                    DataPoint,
                    name,
                    {
                        "rows": result.rows,
                        "added": result.added,
                        "revised": result.revised,
                        "unchanged": result.unchanged,
                    },
                    written=DataPoint.objects.filter(
                        indicator_id__in=result.indicators, recorded_at=writer.stamp
                    ),
                )
                # Robust: the values are saved by then, so a listener that fails (a task
                # not queued while the database is locked) is logged, never the write's error.
                # A lambda, not a partial: Django logs the failure by the callable's name.
                changed = result.indicators
                transaction.on_commit(lambda: _announce(changed), robust=True)
        return result


def _settled(rows: list[tuple[int, Values]], periods: dict[int, int]) -> list[tuple[int, Values]]:
    """Rows with any period first met in the file given the id it was stored with."""
    at = AT["period_id"]
    return [(n, (*v[:at], periods[v[at]], *v[at + 1 :])) if v[at] < 0 else (n, v) for n, v in rows]


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Reading millions of rows keeps a batch's worth of cells, records and values alive
    at a time, and the count of them trips Python's cycle collector into walking every
    object in the process over and over: a quarter of a national import's time. Reading
    and writing make no reference cycles, so the collector waits until they are done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _announce(indicators: set[int]) -> None:
    values_changed.send(sender=import_records, indicators=indicators)


class Doubtful(Exception):
    """A batch that is not plainly valid: read it row by row."""


class Reader:
    """Turns records into the values to store, checked against ``RULES``: a batch the
    short way when it is plainly valid, else row by row, recording every problem."""

    def __init__(
        self, problems: Problems, writable: WritableAreas, limits_from_counts: bool = True
    ) -> None:
        self.problems, self.writable = problems, writable
        self.limits_from_counts = limits_from_counts
        self.indicators: dict[str, Indicator] = {}
        self.by_pk: dict[int, Indicator] = {}
        self.units: dict[str, str] = {}
        self.period_types: dict[str, str] = {}
        for indicator in Indicator.objects.all():
            self._know(indicator)
        self.areas: dict[str, int] = {}
        self.area_names: dict[int, str] = {}
        for code, pk, name in Area.objects.values_list("code", "pk", "name"):
            self.areas[code], self.area_names[pk] = pk, name
        self.periods: dict[tuple[str, str], int] = {}  # (as written, period type): id
        # Periods first met in the file, not stored until the values are written: each
        # has a provisional id below zero meanwhile.
        self.new_periods: dict[int, PeriodValue] = {}

    def read(self, records: list[Record]) -> list[tuple[int, Values]]:
        """The batch's values that are valid, each with its row number."""
        self._look_up_new(records)  # codes made since the import began
        try:
            return self.read_plainly(records)
        except Doubtful:
            return self.read_carefully(records)

    def read_plainly(self, records: list[Record]) -> list[tuple[int, Values]]:
        """The short way, a column at a time; raises Doubtful at the first doubt."""
        try:
            batch = self._columns(records)
            if not all(rule.plainly_valid(batch, self.writable) for rule in RULES):
                raise Doubtful
            return list(zip(batch.number, self._values(batch), strict=True))
        except (KeyError, ValueError, TypeError, AttributeError, IndexError):
            raise Doubtful from None

    def read_carefully(self, records: Iterable[Record]) -> list[tuple[int, Values]]:
        """The long way, a row at a time: every problem of every row, by column."""
        problems, valid = self.problems, []
        for number, cells in records:
            before = problems.count
            row = self._row(number, cells)
            if self._keeps_rules(row) and problems.count == before:
                valid.append(row)
        return self._read(valid)

    def read_columns(self, batch: Batch) -> list[tuple[int, Values]]:
        """A batch read into columns by its source: the short way if every rule says it
        is plainly valid, else row by row, as ``read``."""
        try:
            if all(rule.plainly_valid(batch, self.writable) for rule in RULES):
                return list(zip(batch.number, self._values(batch), strict=True))
        except (ValueError, TypeError):  # min() of nothing, a None compared: look closer
            pass
        return self._read([row for row in batch.rows(self.area_names) if self._keeps_rules(row)])

    def _keeps_rules(self, row: Row) -> bool:
        """Whether the row keeps every rule; each problem of it recorded."""
        kept = True
        for rule in RULES:
            for column, message in rule.problems(row, self.writable):
                self.problems.add(row.number, column, message)
                kept = False
        return kept

    def _read(self, rows: list[Row]) -> list[tuple[int, Values]]:
        batch = Batch.of(rows)
        return list(zip(batch.number, self._values(batch), strict=True))

    def _values(self, batch: Batch) -> list[Values]:
        return values_of(batch, limits_from_counts=self.limits_from_counts)

    def _look_up_new(self, records: list[Record]) -> None:
        """Codes not known when the import began, looked up as they are first met: a
        Fingertips export makes its indicators and areas as it is read. (A code still
        unknown is said to be so by the careful way of reading.)"""
        codes = {cells.get("indicator", "") for _, cells in records} - self.indicators.keys()
        if codes:
            for indicator in Indicator.objects.filter(code__in=codes):
                self._know(indicator)
        areas = {cells.get("area", "") for _, cells in records} - self.areas.keys()
        if areas:
            found = Area.objects.filter(code__in=areas).values_list("code", "pk", "name")
            for code, pk, name in found:
                self.areas[code], self.area_names[pk] = pk, name

    def _know(self, indicator: Indicator) -> None:
        code = indicator.code
        self.indicators[code], self.by_pk[indicator.pk] = indicator, indicator
        self.units[code], self.period_types[code] = indicator.unit, indicator.period_type

    def _columns(self, records: list[Record]) -> Batch:
        """The records as columns, codes looked up, numbers read. Raises at anything not
        plainly right: a code not known as written, a number that is not plainly one, a
        column other than the first record's."""
        cells = list(map(itemgetter(1), records))
        names = tuple(cells[0])
        if not set(REQUIRED) <= set(names) <= KNOWN:
            raise Doubtful
        table = list(map(itemgetter(*names), cells))
        if len(set(map(len, cells))) != 1:
            raise Doubtful  # a record with more columns than the first
        given = dict(zip(names, zip(*table, strict=True), strict=True))
        blank = ("",) * len(records)
        codes = given["indicator"]
        kinds = map(self.period_types.__getitem__, codes)
        return Batch(
            number=list(map(itemgetter(0), records)),
            indicator=list(map(self.indicators.__getitem__, codes)),
            unit=list(map(self.units.__getitem__, codes)),
            area_id=list(map(self.areas.__getitem__, given["area"])),
            period_id=list(map(self.periods.__getitem__, zip(given["period"], kinds, strict=True))),
            breakdown=given.get("breakdown", blank),
            status=given.get("status", blank),
            note=given.get("note", blank),
            source=given.get("source", blank),
            **{name: floats_of(given.get(name, blank)) for name in NUMBERS},
        )

    def _row(self, number: int, cells: Mapping[str, str]) -> Row:
        """One record read carefully; problems reading it are recorded, by column."""
        text = {name: "" if cell is None else str(cell).strip() for name, cell in cells.items()}
        unread: set[str] = set()

        def problem(column: str, message: str) -> None:
            self.problems.add(number, column, message)
            unread.add(column)

        for name in sorted(text.keys() - KNOWN):
            problem(
                shown(name),
                f"is not a column values can have (expected {', '.join(COLUMNS_GIVEN)})",
            )
        indicator = _looked_up(self.indicators, "indicator", text, problem)
        area_id = _looked_up(self.areas, "area", text, problem)
        period_id = self._period(text.get("period", ""), indicator, problem) if indicator else None
        numbers = {name: _number(name, text.get(name, ""), problem) for name in NUMBERS}
        return Row(
            number=number,
            indicator=indicator,
            unit=indicator.unit if indicator else None,
            area_id=area_id,
            area_name=self.area_names.get(area_id, ""),
            period_id=period_id,
            breakdown=text.get("breakdown", "").lower(),
            status=text.get("status", "").lower(),
            note=text.get("note", ""),
            source=text.get("source", ""),
            unread=frozenset(unread),
            **numbers,
        )

    def _period(self, text: str, indicator: Indicator, problem) -> int | None:
        key = (text, indicator.period_type)
        if key not in self.periods:
            try:
                period = indicator.parse_period(text)
            except ValueError as error:
                problem("period", str(error))
                return None
            self.periods[key] = self._period_id(period)
        return self.periods[key]

    def _period_id(self, period: PeriodValue) -> int:
        stored = Period.objects.filter(kind=period.kind, start=period.start, end=period.end)
        pk = stored.values_list("pk", flat=True).first()
        if pk is not None:
            return pk
        for provisional, known in self.new_periods.items():
            if known == period:
                return provisional
        provisional = -1 - len(self.new_periods)
        self.new_periods[provisional] = period
        return provisional

    def store_new_periods(self) -> dict[int, int]:
        """Store the periods first met in the file: {provisional id: stored id}."""
        return {pk: Period.stored(period).pk for pk, period in self.new_periods.items()}

    def describe(self, values: Values) -> str:
        """Which value a row gives, in the source's own codes: for messages."""
        indicator = self.by_pk[values[AT["indicator_id"]]]
        area = next(code for code, pk in self.areas.items() if pk == values[AT["area_id"]])
        pk = values[AT["period_id"]]
        period = self.new_periods.get(pk) or Period.objects.get(pk=pk)
        breakdown = f" ({values[AT['breakdown']]})" if values[AT["breakdown"]] else ""
        return f"{indicator.code} for {area} {period}{breakdown}"


def values_of(batch: Batch, *, limits_from_counts: bool = True) -> list[Values]:
    """The values to store, in COLUMNS order: limits worked out from counts (unless
    told not to), a blank status final, notes and sources trimmed. Both ways of
    reading end here."""
    if limits_from_counts:
        lower, upper, lower998, upper998 = _limits(batch)
    else:
        lower, upper, lower998, upper998 = batch.lower, batch.upper, batch.lower998, batch.upper998
    statuses = batch.status
    if any(statuses):
        statuses = [status or DataStatus.FINAL.value for status in statuses]
    else:  # blank, or no such column: the usual case, without a step a row
        statuses = [DataStatus.FINAL.value] * len(statuses)
    notes, sources = batch.note, batch.source
    if any(notes):
        notes = [note.strip() for note in notes]
    if any(sources):
        sources = [source.strip()[:MAX_SOURCE] for source in sources]
    ids = map(attrgetter("id"), batch.indicator)
    key = (ids, batch.area_id, batch.period_id, batch.breakdown)
    counts = (batch.numerator, batch.denominator)
    limits = (lower, upper, lower998, upper998)
    return list(zip(*key, batch.value, *counts, *limits, statuses, notes, sources, strict=True))


def _limits(batch: Batch) -> tuple[Sequence, Sequence, Sequence, Sequence]:
    """The 95% and 99.8% limits as published, each worked out from counts by the
    indicator's method where it was not."""
    lower, upper = batch.lower, batch.upper
    if not any_given(batch.numerator) or not any_given(batch.denominator):
        return lower, upper, batch.lower998, batch.upper998
    lower, upper = list(lower), list(upper)
    lower998, upper998 = list(batch.lower998), list(batch.upper998)
    counts = zip(batch.indicator, batch.numerator, batch.denominator, strict=True)
    for i, (indicator, numerator, denominator) in enumerate(counts):
        if numerator is None or denominator is None:
            continue
        at95 = indicator.interval(numerator, denominator, 0.95)
        if at95 is None:
            continue
        if lower[i] is None:
            lower[i], upper[i] = at95.lower, at95.upper
        if lower998[i] is None:
            at998 = indicator.interval(numerator, denominator, 0.998)
            lower998[i], upper998[i] = at998.lower, at998.upper
    return lower, upper, lower998, upper998


def floats_of(cells: Sequence[str]) -> list[float | None]:
    """A column of numbers, blanks as None; raises ValueError at anything else, and
    Doubtful at nan or an infinity."""
    if not any(cells):
        return [None] * len(cells)
    if all(cells):
        numbers = given = list(map(float, cells))
    else:
        numbers = [float(text) if text else None for text in cells]
        given = [number for number in numbers if number is not None]
    # nan or an infinity anywhere makes the sum so; a sum too large for a float, or a
    # number beyond LARGEST, only sends the batch the careful way, which says which.
    if not math.isfinite(sum(given)) or (given and max(map(abs, given)) > LARGEST):
        raise Doubtful
    return numbers


def _number(column: str, text: str, problem: Callable[[str, str], None]) -> float | None:
    """A number as people write it (1,234 or 77%), or None if blank or unreadable."""
    text = text.replace(",", "").strip()
    if not text:
        return None
    try:
        number = float(text.rstrip("%"))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        problem(column, f"{shown(text)!r} is not a number")
        return None
    if abs(number) > LARGEST:
        problem(column, f"{shown(text)} is beyond ±{LARGEST:,.0f}, larger than any statistic")
        return None
    return number


def _looked_up(codes: dict, column: str, text: dict[str, str], problem) -> object | None:
    """What the column's code stands for, or None with the problem recorded."""
    code = text.get(column, "")
    found = codes.get(code)
    if found is None:
        problem(column, _unknown(column, code, codes))
    return found


def _unknown(what: str, code: str, known: dict) -> str:
    if not code:
        return "is empty"
    hint = "import its definition first" if what == "indicator" else "add the area first"
    suggestion = nearest_code(code, known.keys()) if len(code) <= SHOWN else None
    if suggestion:
        return f"no {what} has the code {code!r}: did you mean {suggestion!r}? If not, {hint}"
    return f"no {what} has the code {shown(code)!r}: {hint}"


class _Counter:
    """What writing would do, worked out by reading what is stored: for a dry run,
    which writes nothing. Every key read is remembered, to find a value given twice
    however far apart its rows are."""

    def __init__(self, reader: Reader, result: DataImportResult, problems: Problems) -> None:
        self.reader, self.result, self.problems = reader, result, problems
        self.with_data = WithData()
        self.seen: set[Key] = set()

    def count(self, rows: list[tuple[int, Values]]) -> None:
        seen, fresh = self.seen, []
        for number, values in rows:
            key = values[:4]
            if key in seen:
                self.problems.add(number, "", f"gives {self.reader.describe(values)} a second time")
            else:
                seen.add(key)
                fresh.append(values)
        known = [v for v in fresh if self.with_data.has(v[0])]
        self.result.added += len(fresh) - len(known)
        self.result.indicators |= {v[0] for v in fresh}
        if not known:
            return
        existing = stored_at(known)
        for values in known:
            old = existing.get(values[:4])
            if old is None:
                self.result.added += 1
            elif unchanged(old, values):
                self.result.unchanged += 1
            else:
                self.result.revised += 1


class WithData:
    """Which indicators had values stored when the import began: each looked up when
    first asked about, by an index, rather than every indicator's values read."""

    def __init__(self) -> None:
        self.known: dict[int, bool] = {}

    def has(self, indicator_id: int) -> bool:
        if indicator_id not in self.known:
            stored = DataPoint.objects.filter(indicator_id=indicator_id)
            self.known[indicator_id] = stored.exists()
        return self.known[indicator_id]


def stored_at(rows: Iterable[Values]) -> dict[Key, DataPoint]:
    """The values stored at (or among) the keys of these rows, by key."""
    rows = list(rows)
    return {
        (p.indicator_id, p.area_id, p.period_id, p.breakdown): p
        for p in DataPoint.objects.filter(
            indicator_id__in={v[0] for v in rows},
            area_id__in={v[1] for v in rows},
            period_id__in={v[2] for v in rows},
        )
    }


def unchanged(old: DataPoint, values: Values) -> bool:
    return all(getattr(old, name) == values[AT[name]] for name in REVISED_FIELDS)


# Writing.


class _Writer:
    """Writes batches of rows: new indicators' rows straight in, others merged."""

    def __init__(self, reader: Reader, result, problems, user, name) -> None:
        self.reader, self.result, self.problems = reader, result, problems
        self.user, self.name = user, name
        self.stamp = timezone.now()
        self.with_data = WithData()

    def write(self, batch: list[tuple[int, Values]]) -> None:
        indicators = set(map(itemgetter(0), map(itemgetter(1), batch)))
        self.result.indicators |= indicators
        had_data = {pk for pk in indicators if self.with_data.has(pk)}
        for pk in indicators - had_data:  # every standing of it is new
            self.result.changed.setdefault(pk, Changed()).everything = True
        if not had_data:  # a national file's usual batch
            self._insert(batch)
            return
        self._insert([(n, v) for n, v in batch if v[0] not in had_data])
        known = [(n, v) for n, v in batch if v[0] in had_data]
        if known:
            self._merge(known)

    def _insert(self, rows: list[tuple[int, Values]]) -> None:
        """Insert rows of indicators that had no data before this import, through the
        cursor. A key given twice is caught by the unique constraint, and then looked
        for row by row to name it."""
        if not rows:
            return
        values = list(map(itemgetter(1), rows))
        sql, pick = _insert_statement(values)
        stamp = (connection.ops.adapt_datetimefield_value(self.stamp),)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, list(map(add, map(pick, values), repeat(stamp))))
        except IntegrityError:
            self._find_repeats(rows)
            return
        self.result.added += len(rows)

    def _find_repeats(self, rows: list[tuple[int, Values]]) -> None:
        seen: set[Key] = set()
        for number, values in rows:
            key = values[:4]
            if key in seen or DataPoint.objects.filter(**key_lookup(key)).exists():
                self.problems.add(number, "", self._repeated(values))
            seen.add(key)

    def _merge(self, rows: list[tuple[int, Values]]) -> None:
        """Rows for indicators that had data: add, revise or leave alone."""
        existing = stored_at(v for _, v in rows)
        seen: set[Key] = set()
        added, revisions, revised = [], [], []
        for number, values in rows:
            key, old = values[:4], existing.get(values[:4])
            if key in seen or (old is not None and old.recorded_at == self.stamp):
                self.problems.add(number, "", self._repeated(values))
            elif old is None:
                fields = dict(zip(COLUMNS, values, strict=True))
                added.append(DataPoint(**fields, recorded_at=self.stamp))
            elif unchanged(old, values):
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
        _update(revised)
        self.result.added += len(added)
        self.result.revised += len(revised)
        self._note_changed([*added, *revised])

    def _note_changed(self, points: list[DataPoint]) -> None:
        changed = self.result.changed
        for point in points:
            if point.breakdown == TOTAL:
                changed.setdefault(point.indicator_id, Changed()).add(
                    point.area_id, point.period_id
                )

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
    first = batch[0]
    same = {
        name
        for name, usual in USUALLY.items()
        if first[AT[name]] == usual  # else not the same in every row: no need to look
        and list(map(itemgetter(AT[name]), batch)).count(usual) == len(batch)
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


def key_lookup(key: Key) -> dict:
    """The key of a value as a lookup of DataPoint's fields."""
    return dict(zip(["indicator_id", "area_id", "period_id", "breakdown"], key, strict=True))


UPDATED = [*REVISED_FIELDS, "lower998", "upper998", "revision", "recorded_at"]


def _update(revised: list[DataPoint]) -> None:
    """Write revised values back: one UPDATE by primary key, executed for each. Not
    ``bulk_update``, whose CASE of every row's id, compared for every row and field,
    took SQLite half a minute for 30,000 revisions, all of it under the write lock."""
    if not revised:
        return
    fields = [DataPoint._meta.get_field(name) for name in UPDATED]
    sets = ", ".join(f"{field.column} = %s" for field in fields)
    sql = f"UPDATE {DataPoint._meta.db_table} SET {sets} WHERE id = %s"
    rows = [
        [field.get_db_prep_value(getattr(point, field.attname), connection) for field in fields]
        + [point.pk]
        for point in revised
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


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
