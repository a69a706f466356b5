"""The rules indicator values must keep, one list for both ways of reading them.

The values importer (``values.py``) reads a batch of records the short way, a column at
a time, when every rule says the whole batch is plainly valid, and otherwise the careful
way, a row at a time, when every rule names the problems of each row. So each rule gives
both answers side by side:

- ``plainly_valid(batch, writable)``: True only if ``problems`` would find nothing in any
  row of the batch. It is asked of a national file's every batch, so it works on whole
  columns (``min``, ``max``, sets) rather than row by row, and it may say False when
  unsure: the batch is then read carefully, which costs time but never lets a wrong
  value through. It may rely on the rules before it in ``RULES`` having passed.
- ``problems(row, writable)``: what is wrong with one row, as (column, message), in words
  a person can act on. Cells may be blank (None), or unreadable (named in ``row.unread``,
  their problem already given).

Both paths go through ``RULES``, so a rule added there is applied by both; a test
(``tests/test_value_rules.py``) generates batches of good and subtly bad cells and checks
that whatever the short way accepts, the careful way accepts too, with the same values.
What cannot be a rule on what was read (an unknown code, a period or number that cannot
be read, a value given twice) is found while reading or writing.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from itertools import compress
from operator import le

from goldenthread.indicators.models import DataStatus, Indicator, Unit
from goldenthread.indicators.permissions import WritableAreas

STATUSES = frozenset(DataStatus.values)
BREAKDOWN = re.compile(r"[a-z0-9][a-z0-9_-]*:[a-z0-9][a-z0-9_.-]*")  # matched whole
SHARES = frozenset({Unit.PERCENTAGE})
COUNTED = frozenset({Unit.RATE, Unit.COUNT})


@dataclass(slots=True)
class Row:
    """One record as the careful path read it: None where a cell is blank or could not
    be read (``unread`` names those columns, whose problems are already given)."""

    number: int
    indicator: Indicator | None
    unit: str | None
    area_id: int | None
    area_name: str
    period_id: int | None
    breakdown: str
    status: str
    value: float | None
    numerator: float | None
    denominator: float | None
    lower: float | None
    upper: float | None
    lower998: float | None
    upper998: float | None
    note: str
    source: str
    unread: frozenset[str]


@dataclass(slots=True)
class Batch:
    """Records read a column at a time: for each of these fields of a Row, its value in
    every row of the batch."""

    number: Sequence[int]
    indicator: Sequence[Indicator]
    unit: Sequence[str]
    area_id: Sequence[int]
    period_id: Sequence[int]
    breakdown: Sequence[str]
    status: Sequence[str]
    value: Sequence[float]
    numerator: Sequence[float | None]
    denominator: Sequence[float | None]
    lower: Sequence[float | None]
    upper: Sequence[float | None]
    lower998: Sequence[float | None]
    upper998: Sequence[float | None]
    note: Sequence[str]
    source: Sequence[str]

    @classmethod
    def of(cls, rows: list[Row]) -> Batch:
        return cls(**{f.name: [getattr(row, f.name) for row in rows] for f in fields(cls)})

    def rows(self, area_names: Mapping[int, str]) -> Iterator[Row]:
        """The batch a row at a time, every cell as read, for the careful way."""
        columns = [getattr(self, f.name) for f in fields(self)]
        names = [f.name for f in fields(self)]
        for cells in zip(*columns, strict=True):
            given = dict(zip(names, cells, strict=True))
            area_name = area_names.get(given["area_id"], "")
            yield Row(**given, area_name=area_name, unread=frozenset())


class Rule(ABC):
    """A rule values keep: both answers, for a batch and for a row (see the module)."""

    @abstractmethod
    def plainly_valid(self, batch: Batch, writable: WritableAreas) -> bool:
        """True only if no row of the batch could break the rule."""

    @abstractmethod
    def problems(self, row: Row, writable: WritableAreas) -> Iterator[tuple[str, str]]:
        """Each (column, what is wrong) for one row."""


class ValueGiven(Rule):
    def plainly_valid(self, batch, writable):
        return None not in batch.value

    def problems(self, row, writable):
        if row.value is None and "value" not in row.unread:
            yield "value", "is empty: leave out a row that has no value"


class StatusKnown(Rule):
    """Final or provisional; blank is final."""

    def plainly_valid(self, batch, writable):
        return set(batch.status) <= STATUSES | {""}

    def problems(self, row, writable):
        if row.status and row.status not in STATUSES:
            yield "status", f"{row.status!r} is not a status: write final or provisional"


class BreakdownWritten(Rule):
    """Written dimension:category, such as sex:boys; blank for everyone."""

    def plainly_valid(self, batch, writable):
        return all(BREAKDOWN.fullmatch(written) for written in set(batch.breakdown) if written)

    def problems(self, row, writable):
        if row.breakdown and not BREAKDOWN.fullmatch(row.breakdown):
            why = "is not a breakdown: write it as sex:boys or fsm:eligible"
            yield "breakdown", f"{row.breakdown!r} {why}"


class ValueFitsUnit(Rule):
    """A percentage lies between 0 and 100; a rate or a count is not negative."""

    def plainly_valid(self, batch, writable):
        shares = list(compress(batch.value, map(SHARES.__contains__, batch.unit)))
        counted = list(compress(batch.value, map(COUNTED.__contains__, batch.unit)))
        within = not shares or (min(shares) >= 0 and max(shares) <= 100)
        return within and (not counted or min(counted) >= 0)

    def problems(self, row, writable):
        value = row.value
        if value is None:
            return
        if row.unit in SHARES and not 0 <= value <= 100:
            yield "value", f"{value:g} is not a percentage between 0 and 100"
        elif row.unit in COUNTED and value < 0:
            yield "value", f"{value:g} is negative, but a {row.unit} cannot be"


class CountsAddUp(Rule):
    """A denominator is more than 0, a numerator not negative, and a percentage's
    numerator no more than its denominator."""

    def plainly_valid(self, batch, writable):
        if not any_given(batch.numerator) and not any_given(batch.denominator):
            return True  # a national file's usual batch: published values, no counts
        numerators = [n for n in batch.numerator if n is not None]
        denominators = [d for d in batch.denominator if d is not None]
        if (numerators and min(numerators) < 0) or (denominators and min(denominators) <= 0):
            return False
        counts = zip(batch.numerator, batch.denominator, batch.unit, strict=True)
        return all(
            n <= d for n, d, unit in counts if unit in SHARES and n is not None and d is not None
        )

    def problems(self, row, writable):
        numerator, denominator = row.numerator, row.denominator
        if denominator is not None and denominator <= 0:
            yield "denominator", f"{denominator:g} must be more than 0"
        elif numerator is not None and numerator < 0:
            yield "numerator", f"{numerator:g} must not be negative"
        elif (
            row.unit in SHARES and None not in (numerator, denominator) and numerator > denominator
        ):
            yield "numerator", f"{numerator:g} is more than the denominator {denominator:g}"


class LimitsHoldValue(Rule):
    """Published limits (95%, or 99.8%) come both or neither, and contain the value."""

    def __init__(self, lower: str = "lower", upper: str = "upper") -> None:
        self.lower, self.upper = lower, upper

    def plainly_valid(self, batch, writable):
        lower, upper = getattr(batch, self.lower), getattr(batch, self.upper)
        if not any_given(lower) and not any_given(upper):
            return True
        return (
            None not in lower
            and None not in upper
            and all(map(le, lower, batch.value))
            and all(map(le, batch.value, upper))
        )

    def problems(self, row, writable):
        value, lower, upper = row.value, getattr(row, self.lower), getattr(row, self.upper)
        if (lower is None) != (upper is None):
            if row.unread.isdisjoint({self.lower, self.upper}):
                column = self.upper if upper is None else self.lower
                yield column, "give both confidence limits or neither"
        elif lower is not None and value is not None and not contains(lower, upper, value):
            message = f"the limits {lower:g} to {upper:g} do not contain the value {value:g}"
            yield self.lower, message


class AreaWritable(Rule):
    """Whoever imports may write the area's values (``indicators/permissions.py``)."""

    def plainly_valid(self, batch, writable):
        return writable.every_area or set(batch.area_id) <= writable.ids

    def problems(self, row, writable):
        if row.area_id is not None and not writable.allows(row.area_id):
            yield "area", writable.refusal(row.area_id, row.area_name)


RULES: list[Rule] = [
    ValueGiven(),
    StatusKnown(),
    BreakdownWritten(),
    ValueFitsUnit(),
    CountsAddUp(),
    LimitsHoldValue(),
    LimitsHoldValue("lower998", "upper998"),
    AreaWritable(),
]


def contains(lower: float, upper: float, value: float) -> bool:
    """Whether the limits contain the value as it was written: a value published
    rounded (Fingertips' 17 for 17.048%, limits 17.025 to 17.072) is contained if
    rounding the limits to its places would contain it."""
    if lower <= value <= upper:
        return True
    places = len(repr(float(value)).partition(".")[2].rstrip("0"))
    if "e" in repr(float(value)):
        return False
    half = 0.5 * 10**-places
    return lower - half <= value <= upper + half


def any_given(numbers: Sequence[float | None]) -> bool:
    """Whether any number in the column is given: 0 is, though any() would say not."""
    return numbers.count(None) != len(numbers)
