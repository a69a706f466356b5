"""Reading a plan's "Key milestones" cell: where one milestone ends, its date, its
number, and the indicator its words name (by the indicators' own titles, aliases,
code words and units: no list of words fitted to one council).

Pure functions, no database: the importer decides what to store. Milestones are kept
exactly as written, unfinished ones ("from x to y", "specify", "(TBC)%") included,
because finding those is the point of the plan's quality check.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from goldenthread.indicators.names import (
    IndicatorMatch,
    IndicatorNames,
    ValueKind,
    indicator_for,
)
from goldenthread.lib.periods import MONTHS, Period, PeriodKind

_MONTH_NAMES = "|".join(MONTHS)
# "2013: All schools above floor standard …": one milestone per year.
_YEAR_PREFIX = re.compile(r"^((?:19|20)\d{2}):\s*")
_YEAR_SPLIT = re.compile(r"\s+(?=(?:19|20)\d{2}:\s)")
# "… by September 2013 800 places by September 2014": a dated milestone ends at its
# date when another starts after it (with a number, a capital or a bracket), not when
# the sentence goes on ("by September 2014 including new agreements").
_DATED_END = re.compile(
    rf"\bby (?:{_MONTH_NAMES}) (?:19|20)\d{{2}}(?:/\d{{2,4}})*\b\.?\s+(?=[\d(A-Z])"
)
# A month and year that is a due date: not a start ("from April 2013") and not a
# list of years ("by March 2013/14/15", which leaves the year unsaid).
_MONTH_YEAR = re.compile(rf"(?<!from )\b({_MONTH_NAMES}) ((?:19|20)\d{{2}})\b(?![/\d])")
_PERCENT = re.compile(r"(?<![\w./-])(\d+(?:\.\d+)?)%")
# A number after these words names a group or a stage ("post 16", "aged 0-25",
# "level 2", "year 6"), not an amount.
_NAMING_WORD = re.compile(
    r"\b(?:post|pre|aged?|level|stage|year|years|under|over|top|bottom)\s+$", re.IGNORECASE
)
_COUNT = re.compile(r"(?<![\w./-])(\d+(?:\.\d+)?)(?![\w./%-])")


@dataclass(frozen=True)
class Due:
    date: dt.date
    label: str  # as written: "September 2013", or the period a bare year means


@dataclass(frozen=True)
class ReadMilestone:
    text: str
    context: str  # the words around it that name its indicator ("L2 (adults)")
    due: Due | None
    value: float | None  # only with a due date: a number by a date is a target


def split_milestones(cell: str) -> list[tuple[str, str]]:
    """The milestones in a key-milestones cell, each with the paragraph it is in.

    A year heading ("2013: … 2014: …") starts a milestone that runs to the next one.
    Otherwise paragraphs (two spaces or more apart in the extracted text) are
    milestones, and a paragraph splits again after each "by <month> <year>" that
    another milestone follows. The paragraph is kept as context, so "74.1% by October
    2014" still says it is about "L2 (adults)". Words are kept as written; only runs
    of spaces become one.
    """
    out = []
    for part in _YEAR_SPLIT.split(cell.strip()):
        if _YEAR_PREFIX.match(part):
            out.append((_spaced(part), _spaced(part)))
            continue
        for paragraph in re.split(r"\s{2,}", part.strip()):
            if paragraph.strip():
                paragraph = _spaced(paragraph)
                out += [(piece, paragraph) for piece in _split_after_dates(paragraph)]
    return out


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _split_after_dates(text: str) -> list[str]:
    pieces, start = [], 0
    for match in _DATED_END.finditer(text):
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def due_of(text: str, year_kind: PeriodKind = PeriodKind.ACADEMIC_YEAR) -> Due | None:
    """When a milestone is due: the end of the month it names, or, for a year heading
    ("2014: KS2 above NA"), the end of the period of ``year_kind`` ending that year.

    Year headings in a plan head results that arrive by academic year (key stages), so
    the academic year is the default; an indicator measured by financial year passes
    its own kind. A start date ("from April 2013") and a list of years ("March
    2013/14/15") are not due dates.
    """
    heading = _YEAR_PREFIX.match(text)
    if heading:
        year = int(heading.group(1))
        if year_kind == PeriodKind.FINANCIAL_YEAR:
            period = Period.financial_year(year - 1)
        else:
            period = Period.academic_year(year - 1)
        return Due(period.end, f"{period} {period.kind.label.lower()}")
    found = _MONTH_YEAR.findall(text)
    if not found:
        return None
    month, year = found[-1]  # "piloted by July 2013 for implementation by April 2014"
    return Due(Period.parse(f"{month} {year}").end, f"{month} {year}")


def value_of(text: str) -> float | None:
    """The milestone's number: its first percentage, else its first count that is not
    a year, an age range ("16-18"), part of a name ("L2", "KS4", "2014/15") or the
    name of a group or stage ("post 16", "level 3")."""
    without_dates = _MONTH_YEAR.sub("", _YEAR_PREFIX.sub("", text))
    percent = _PERCENT.search(without_dates)
    if percent:
        return float(percent.group(1))
    for match in _COUNT.finditer(without_dates):
        number = float(match.group(1))
        named = _NAMING_WORD.search(without_dates[: match.start()])
        if not named and not (1900 <= number <= 2099 and number.is_integer()):
            return number
    return None


def read_milestone(
    text: str, context: str, year_kind: PeriodKind | None = None, due: Due | None = None
) -> ReadMilestone:
    """A milestone's date and number; ``due`` is the date its row gives when its own
    words give none."""
    due = due_of(text, year_kind or PeriodKind.ACADEMIC_YEAR) or due
    value = value_of(text) if due else None
    return ReadMilestone(text, context, due, value if due else None)


# Which indicator a milestone is about ------------------------------------------------

# A percentage that is a change ("by at least 20% year on year", "a 0.5% per annum
# reduction", "an increase of 0.5%") can be a change in any indicator; a percentage
# that is a level ("to 4.5%", "90% of two year olds") only in a percentage.
_CHANGE = re.compile(
    r"(?:\b(?:increase|reduction|decrease|rise|fall|improvement|growth)s?\s+(?:of|by)\s+"
    r"(?:at least\s+)?\(?[\d.]+\)?%)"
    r"|(?:\bby\s+(?:at least\s+)?[\d.]+%)"
    r"|(?:[\d.]+%\s+(?:per annum|a year|each year|every year|year on year|annual))",
    re.IGNORECASE,
)


def value_kind(text: str) -> ValueKind:
    """What a milestone's number is, to say which indicators it can be about."""
    if _CHANGE.search(text):
        return ValueKind.CHANGE
    if _PERCENT.search(_MONTH_YEAR.sub("", text)):
        return ValueKind.PERCENTAGE
    return ValueKind.COUNT if value_of(text) is not None else ValueKind.NONE


def indicator_named(
    milestone: str, paragraph: str, commitment: str, indicators: list[IndicatorNames]
) -> IndicatorMatch:
    """The indicator a milestone names: by its own words first, then by its paragraph's
    ("74.1% by October 2014" after "L2 (adults) 69.1% …"), then with its commitment's
    ("400 places" under "… early education to two-year olds"), but only for a
    milestone with a number: a number needs a subject, while words that name no
    indicator ("2015: all KS results move into next quartile") are about their
    commitment as a whole, not a measure of it. The nearest words that name any
    indicator decide, even when they name two equally."""
    kind = value_kind(milestone)
    contexts = [[milestone], [paragraph]]
    if kind != ValueKind.NONE:
        contexts.append([paragraph, commitment])
    for texts in contexts:
        found = indicator_for(texts, kind, indicators)
        if found is not None:
            return found
    return IndicatorMatch()
