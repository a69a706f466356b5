"""Financial years as councils write them: April to March, shown as ``2014/15``.

A value belongs to a period, never to a bare year, so a financial year is parsed from
what people type ("2014/15", "2014/2015", "2014-15", "14/15") and always written back
in the one form users expect.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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
