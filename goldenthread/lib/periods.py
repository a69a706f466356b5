"""Financial years as councils write them: April to March, shown as ``2014/15``.

A value belongs to a period, never to a bare year, so a financial year is parsed from
what people type ("2014/15", "2014/2015", "2014-15", "14/15") and always written back
in the one form users expect.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

_FINANCIAL_YEAR = re.compile(r"^\s*(?:FY\s*)?(\d{2}|\d{4})\s*[/\-–]\s*(\d{1,4})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class FinancialYear:
    """The financial year that starts on 1 April of ``start``."""

    start: int

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Read ``2014/15``, ``2014/2015``, ``2014-15``, ``2014/5`` or ``14/15``.

        Raises ValueError, saying what was expected, for anything else, including a
        bare year (which could mean either of two financial years).
        """
        match = _FINANCIAL_YEAR.match(text or "")
        if not match:
            raise ValueError(
                f"{text!r} is not a financial year: write it as 2014/15 (April 2014 to March 2015)."
            )
        first, second = match.groups()
        start = int(first) if len(first) == 4 else 2000 + int(first)
        expected_end = start + 1
        # "2014/5", "2014/15" and "2014/2015" all name the year that ends in 2015.
        modulus = 10 ** len(second)
        if int(second) != expected_end % modulus:
            raise ValueError(
                f"{text!r} is not a financial year: {second} does not follow {first} "
                f"(did you mean {cls(start)}?)."
            )
        return cls(start)

    @classmethod
    def containing(cls, day: dt.date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def end(self) -> int:
        return self.start + 1

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start, 4, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.end, 3, 31)

    @property
    def slug(self) -> str:
        """The form used in URLs, where a slash cannot go: ``2014-15``."""
        return f"{self.start}-{self.end % 100:02d}"

    def next(self) -> FinancialYear:
        return FinancialYear(self.start + 1)

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start - 1)

    def __str__(self) -> str:
        return f"{self.start}/{self.end % 100:02d}"


class PeriodKind(StrEnum):
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    CALENDAR_YEAR = "calendar_year"
    QUARTER = "quarter"
    MONTH = "month"
    SNAPSHOT = "snapshot"
    POOLED_YEARS = "pooled_years"  # 2013 - 15: three calendar years pooled
    POOLED_FINANCIAL = "pooled_financial"  # 2012/13 - 14/15: financial years pooled

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_NUMBERS = (
    {name.lower(): number for number, name in enumerate(MONTHS, 1)}
    | {name[:3].lower(): number for number, name in enumerate(MONTHS, 1)}
    | {"sept": 9}
)
_YEAR_PAIR = re.compile(r"^(\d{2}|\d{4})\s*[/\-–]\s*(\d{1,4})$")
_QUARTER = re.compile(r"^Q([1-4])\s+(.+)$", re.IGNORECASE)
_QUARTER_AFTER = re.compile(r"^(\d{4}\s*/\s*\d{2})\s+Q([1-4])$", re.IGNORECASE)  # Fingertips
# Pooled years as Fingertips writes them: 2013 - 15, 2012/13 - 14/15.
# (With spaces around a two-digit end, as 2015-02 is February 2015.)
_POOLED = re.compile(r"^(\d{4})(?:\s+[-–]\s+(\d{2})|\s*[-–]\s*(\d{4}))$")
_POOLED_FINANCIAL = re.compile(r"^(\d{4})\s*/\s*(\d{2})\s*[-–]\s*(\d{2})\s*/\s*(\d{2})$")
_CALENDAR = re.compile(
    r"^(?:calendar\s+year\s+|jan(?:uary)?\s*(?:to|-|–)\s*dec(?:ember)?\s+)?(\d{4})$", re.IGNORECASE
)
_MONTH = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$|^(\d{4})-(\d{2})$")
_SNAPSHOT_PREFIX = re.compile(r"^(?:as\s+(?:at|of)\s+|at\s+)", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    """A span of time a value belongs to, written as users write it.

    Periods order by when they end, and the shorter first, so a quarter sorts
    before the year that ends with it. ``previous()`` is the period of the same kind
    just before; a snapshot's previous is the same date a year earlier, because
    snapshots ("as at 31 March") are taken once a year.
    """

    end: dt.date
    start: dt.date
    kind: PeriodKind

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        return (self.end, -self.start.toordinal())

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    @classmethod
    def parse(cls, text: str, kind: PeriodKind | str | None = None) -> Period:
        """Read a period from what people type.

        ``kind`` is the indicator's period type. It decides whether ``2013/14`` is a
        financial or an academic year, and a period of another kind is refused, so a
        series never mixes quarters with years. Raises ValueError saying what was
        expected.
        """
        kind = PeriodKind(kind) if kind else None
        cleaned = " ".join((text or "").split())
        period = _read(cleaned, kind)
        if period is None:
            raise ValueError(
                f"{text!r} is not a period: {_EXPECTED.get(kind, _ANY) if kind else _ANY}."
            )
        if kind and period.kind != kind:
            raise ValueError(
                f"{text!r} is a {period.kind.label.lower()}, but this indicator is measured "
                f"by {kind.label.lower()}: {_EXPECTED[kind]}."
            )
        return period

    @classmethod
    def financial_year(cls, start_year: int) -> Period:
        return cls(
            dt.date(start_year + 1, 3, 31), dt.date(start_year, 4, 1), PeriodKind.FINANCIAL_YEAR
        )

    @classmethod
    def academic_year(cls, start_year: int) -> Period:
        return cls(
            dt.date(start_year + 1, 8, 31), dt.date(start_year, 9, 1), PeriodKind.ACADEMIC_YEAR
        )

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(dt.date(year, 12, 31), dt.date(year, 1, 1), PeriodKind.CALENDAR_YEAR)

    @classmethod
    def quarter(cls, number: int, financial_year_start: int) -> Period:
        """Quarters of the financial year: Q1 is April to June."""
        first_month = 4 + 3 * (number - 1)
        year = financial_year_start + (first_month - 1) // 12
        month = (first_month - 1) % 12 + 1
        return cls(_month_end(year, month + 2), dt.date(year, month, 1), PeriodKind.QUARTER)

    @classmethod
    def pooled_years(cls, first: int, last: int) -> Period:
        return cls(dt.date(last, 12, 31), dt.date(first, 1, 1), PeriodKind.POOLED_YEARS)

    @classmethod
    def pooled_financial_years(cls, first_start: int, last_start: int) -> Period:
        return cls(
            dt.date(last_start + 1, 3, 31), dt.date(first_start, 4, 1), PeriodKind.POOLED_FINANCIAL
        )

    @property
    def years(self) -> int:
        """How many years a pooled period spans; 1 for a year, 0 for anything shorter."""
        return max(0, round((self.end - self.start).days / 365.25))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(_month_end(year, month), dt.date(year, month, 1), PeriodKind.MONTH)

    @classmethod
    def snapshot(cls, day: dt.date) -> Period:
        return cls(day, day, PeriodKind.SNAPSHOT)

    def previous(self) -> Period:
        return self._shift(-1)

    def next(self) -> Period:
        return self._shift(1)

    def years_after(self, other: Period) -> float:
        """How many years this period comes after ``other`` (for yearly trajectories)."""
        return round((self.end - other.end).days / 365.25, 2)

    @property
    def label(self) -> str:
        return str(self)

    @property
    def phrase(self) -> str:
        """The period inside a sentence: "in 2014/15", "as at 31 March 2015"."""
        return f"as at {self}" if self.kind == PeriodKind.SNAPSHOT else f"in {self}"

    def __str__(self) -> str:
        if self.kind in (PeriodKind.FINANCIAL_YEAR, PeriodKind.ACADEMIC_YEAR):
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        if self.kind == PeriodKind.CALENDAR_YEAR:
            return f"Jan to Dec {self.start.year}"
        if self.kind == PeriodKind.QUARTER:
            year = FinancialYear.containing(self.start)
            return f"Q{(self.start.month - 4) % 12 // 3 + 1} {year}"
        if self.kind == PeriodKind.MONTH:
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        if self.kind == PeriodKind.POOLED_YEARS:
            return f"{self.start.year} - {self.end.year % 100:02d}"
        if self.kind == PeriodKind.POOLED_FINANCIAL:
            first, last = self.start.year, self.end.year - 1
            return f"{first}/{(first + 1) % 100:02d} - {last % 100:02d}/{(last + 1) % 100:02d}"
        return f"{self.end.day} {MONTHS[self.end.month - 1]} {self.end.year}"

    def _shift(self, steps: int) -> Period:
        if self.kind == PeriodKind.FINANCIAL_YEAR:
            return Period.financial_year(self.start.year + steps)
        if self.kind == PeriodKind.ACADEMIC_YEAR:
            return Period.academic_year(self.start.year + steps)
        if self.kind == PeriodKind.CALENDAR_YEAR:
            return Period.calendar_year(self.start.year + steps)
        if self.kind in (PeriodKind.POOLED_YEARS, PeriodKind.POOLED_FINANCIAL):
            # Pooled periods roll on a year at a time: 2012 - 14 comes before 2013 - 15.
            return Period(
                _same_day_in(self.end, self.end.year + steps),
                _same_day_in(self.start, self.start.year + steps),
                self.kind,
            )
        if self.kind in (PeriodKind.QUARTER, PeriodKind.MONTH):
            months = 3 if self.kind == PeriodKind.QUARTER else 1
            index = self.start.year * 12 + self.start.month - 1 + steps * months
            year, month = divmod(index, 12)
            if self.kind == PeriodKind.MONTH:
                return Period.month(year, month + 1)
            return Period(_month_end(year, month + 3), dt.date(year, month + 1, 1), self.kind)
        return Period.snapshot(_same_day_in(self.end, self.end.year + steps))


_ANY = (
    "write a financial or academic year as 2014/15, a quarter as Q3 2014/15, a month "
    "as March 2015 or a date as 31 March 2015"
)
_EXPECTED = {
    PeriodKind.FINANCIAL_YEAR: "write a financial year as 2014/15",
    PeriodKind.ACADEMIC_YEAR: "write an academic year as 2013/14",
    PeriodKind.CALENDAR_YEAR: "write a calendar year as 2014",
    PeriodKind.QUARTER: "write a quarter of the financial year as Q3 2014/15",
    PeriodKind.MONTH: "write a month as March 2015",
    PeriodKind.SNAPSHOT: "write the date of the snapshot as 31 March 2015",
    PeriodKind.POOLED_YEARS: "write calendar years pooled as 2013 - 15",
    PeriodKind.POOLED_FINANCIAL: "write financial years pooled as 2012/13 - 14/15",
}


def _read(text: str, kind: PeriodKind | None) -> Period | None:
    if match := _QUARTER_AFTER.match(text):
        text = f"Q{match.group(2)} {match.group(1)}"
    if (pooled := _read_pooled(text)) is not None:
        return pooled
    if match := _QUARTER.match(text):
        year = _year_pair(match.group(2))
        return Period.quarter(int(match.group(1)), year) if year is not None else None
    if (year := _year_pair(text)) is not None:
        # 2013/14 on its own is a financial year unless the indicator counts school years.
        if kind == PeriodKind.ACADEMIC_YEAR:
            return Period.academic_year(year)
        return Period.financial_year(year)
    if match := _CALENDAR.match(text):
        bare = match.group(0) == match.group(1)
        # A bare year is only a period where the indicator is counted by calendar year.
        if bare and kind != PeriodKind.CALENDAR_YEAR:
            return None
        return Period.calendar_year(int(match.group(1)))
    if (day := _read_date(_SNAPSHOT_PREFIX.sub("", text))) is not None:
        return Period.snapshot(day)
    return _read_month(text)


def _read_pooled(text: str) -> Period | None:
    """Years pooled, as Fingertips writes them; two consecutive years are one financial
    or academic year, not a pool."""
    if match := _POOLED_FINANCIAL.match(text):
        first, first_end, last, last_end = map(int, match.groups())
        last_start = first - first % 100 + last + (100 if last < first % 100 else 0)
        consecutive = (first + 1) % 100 == first_end and (last_start + 1) % 100 == last_end
        if consecutive and last_start > first:
            return Period.pooled_financial_years(first, last_start)
        return None
    if match := _POOLED.match(text):
        first = int(match.group(1))
        last = int(match.group(3) or first - first % 100 + int(match.group(2)))
        if last - first >= 2:
            return Period.pooled_years(first, last)
    return None


def _year_pair(text: str) -> int | None:
    match = _YEAR_PAIR.match(text.strip())
    if not match:
        return None
    try:
        return FinancialYear.parse(text).start
    except ValueError:
        return None


def _read_month(text: str) -> Period | None:
    match = _MONTH.match(text)
    if not match:
        return None
    if match.group(3):
        year, month = int(match.group(3)), int(match.group(4))
    else:
        month = _MONTH_NUMBERS.get(match.group(1).lower(), 0)
        year = int(match.group(2))
    return Period.month(year, month) if 1 <= month <= 12 else None


def _read_date(text: str) -> dt.date | None:
    try:
        if match := _ISO_DATE.match(text):
            return dt.date(*map(int, match.groups()))
        if match := _DAY_MONTH_YEAR.match(text):
            month = _MONTH_NUMBERS.get(match.group(2).lower())
            return dt.date(int(match.group(3)), month, int(match.group(1))) if month else None
        if match := _NUMERIC_DATE.match(text):
            day, month, year = map(int, match.groups())
            return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None
    return None


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _same_day_in(day: dt.date, year: int) -> dt.date:
    # 29 February has no twin in most years; the last day of February stands in.
    return day.replace(year=year, day=min(day.day, _month_end(year, day.month).day))
