"""When an action is due, from what a plan or tracker writes in its "by when" column.

Councils write deadlines as dates ("31/03/2016", "31 March 2016"), months ("March 2016",
"Mar-16", "Sept 15"), quarters of the financial year ("Q3", "Q3 2015/16"), whole
years ("2015/16", "end of year"), seasons ("Spring 2016") or not at all ("Ongoing",
"TBC"). A month, quarter, season or year is due at its end. Where a cell names several
("June 2015 and March 2016") the last is the deadline. A cell that names no date is
not due on any day: it gives None, never a guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .periods import FinancialYear

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {calendar.month_name[number].lower(), calendar.month_abbr[number].lower()}
}
MONTHS["sept"] = 9
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_YEAR = r"(\d{4}|\d{2})"
SEASON_ENDS = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}

_NUMERIC = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+{_YEAR}\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\.?[\s\-']+{_YEAR}\b")
_QUARTER = re.compile(r"\bq([1-4])\b(?:\s*(?:of\s+)?((?:\d{4}|\d{2})\s*[/\-]\s*\d{2,4}))?")
_FINANCIAL = re.compile(r"\b((?:\d{4}|\d{2})\s*[/\-]\s*(?:\d{4}|\d{2}))\b")
_SEASON = re.compile(rf"\b(spring|summer|autumn|fall|winter)(?:\s+term)?\s+{_YEAR}\b")
_MONTH_ALONE = re.compile(rf"\b(?:end of\s+|by\s+)?{_MONTH}\b")
_YEAR_END = re.compile(r"\b(?:end of (?:the )?(?:financial )?year|year[\s-]end)\b")


def due_date_of(text: object, year: FinancialYear | None = None) -> dt.date | None:
    """The day ``text`` is due by, reading months and quarters without a year as in
    the financial ``year`` the action belongs to; None when it names no date."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    words = " ".join(str(text or "").lower().split())
    if not words:
        return None
    found = _dates_in(words, year)
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _dates_in(words: str, year: FinancialYear | None) -> list[tuple[int, dt.date]]:
    """Each date named, with where it is named, so the last one written wins."""
    found: list[tuple[int, dt.date]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], day: dt.date | None) -> None:
        span = match.span()
        if day is not None and not any(a <= span[0] < b for a, b in taken):
            found.append((span[0], day))
            taken.append(span)

    for match in _ISO.finditer(words):
        add(match, _day(int(match[1]), int(match[2]), int(match[3])))
    for match in _NUMERIC.finditer(words):
        add(match, _day(_full_year(match[3]), int(match[2]), int(match[1])))
    for match in _DAY_MONTH_YEAR.finditer(words):
        add(match, _day(_full_year(match[3]), MONTHS[match[2][:3]], int(match[1])))
    for match in _MONTH_YEAR.finditer(words):
        add(match, _month_end(_full_year(match[2]), MONTHS[match[1][:3]]))
    for match in _SEASON.finditer(words):
        add(match, _season_end(match[1], _full_year(match[2])))
    for match in _QUARTER.finditer(words):
        add(match, _quarter_end(int(match[1]), _financial(match[2]) if match[2] else year))
    for match in _FINANCIAL.finditer(words):
        financial = _financial(match[1])
        add(match, financial.last_day if financial else None)
    # A month alone ("March", "by June") is read only as the whole of a short cell:
    # in a sentence "may" and "march" are usually not months.
    if year is not None and not found and len(words.split()) <= 3:
        for match in _MONTH_ALONE.finditer(words):
            month = MONTHS[match[1][:3]]
            add(match, _month_end(year.start if month >= 4 else year.end, month))
    if year is not None:
        for match in _YEAR_END.finditer(words):
            add(match, year.last_day)
    return found


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _season_end(season: str, year: int) -> dt.date:
    month = SEASON_ENDS[season]
    return _month_end(year + 1 if month == 2 else year, month)


def _quarter_end(quarter: int, year: FinancialYear | None) -> dt.date | None:
    if year is None:
        return None
    month = (3 + 3 * quarter) % 12 or 12  # Q1 ends June … Q4 ends March
    return _month_end(year.end if quarter == 4 else year.start, month)


def _financial(text: str) -> FinancialYear | None:
    try:
        return FinancialYear.parse(text.replace(" ", ""))
    except ValueError:
        return None
