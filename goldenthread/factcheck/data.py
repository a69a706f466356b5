"""The partnership's indicator data as the fact check reads it: which indicator a
sentence is about, and its value, England's, the region's and the statistical
neighbours' for a period.

The indicator is found by its own names (``indicators.names``: title, aliases, code
words, unit), first in the sentence's own words, then with the sentences before it in
its paragraph, then with the headings above it: the nearest words that name one decide,
and words naming two equally decide nothing. Values come from the one place the
scorecard's come from (``indicators.standings.standings_of``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Q

from goldenthread.indicators.models import Indicator, Period, Unit
from goldenthread.indicators.names import IndicatorNames, ValueKind, indicator_for
from goldenthread.indicators.standings import Geography, Worked, standings_of
from goldenthread.lib.periods import Period as PeriodValue
from goldenthread.partnerships.models import Partnership

from .sentences import Sentence

# How recent the latest value must be for a sentence that names no period to mean it.
LATEST_YEARS = 2
_YEAR_PAIR = re.compile(r"\b((?:19|20)\d{2})\s*[/\-–]\s*(\d{2}|\d{4})\b")
_YEAR = re.compile(r"(?<![/\-–\d])\b((?:19|20)\d{2})\b(?!\s*[/\-–]\s*\d)")
# A year a change is measured from is not the period of the value: "since 2011",
# "rose by 3% on 2013", "from 52.8% in 2012/13".
_BASELINE = re.compile(
    r"\b(?:since|on|from|than|after)\s+(?:[\d.]+%\s+)?(?:in\s+)?(?:the\s+)?"
    r"(?:(?:19|20)\d{2}(?:\s*[/\-–]\s*\d{2,4})?)",
    re.IGNORECASE,
)


@dataclass
class Figure:
    """An indicator's standing in one period: its value and its comparators'."""

    indicator: Indicator
    period: PeriodValue
    standing: Worked

    def comparator(self, area: str) -> float | None:
        return getattr(self.standing, area)


@dataclass
class IndicatorData:
    partnership: Partnership
    as_of: dt.date | None
    indicators: dict[str, Indicator] = field(default_factory=dict)
    names: list[IndicatorNames] = field(default_factory=list)
    _series: dict[str, list[Figure]] = field(default_factory=dict)
    _geography: Geography | None = None
    _periods: dict[int, PeriodValue] = field(default_factory=dict)

    @classmethod
    def load(cls, partnership: Partnership, as_of: dt.date | None) -> IndicatorData:
        """The indicators with values for the partnership's area."""
        data = cls(partnership, as_of)
        if partnership.area_id is None:
            return data
        indicators = Indicator.objects.filter(
            Q(partnership=None) | Q(partnership=partnership),
            data__area=partnership.area_id,
        ).distinct()
        data.indicators = {i.code: i for i in indicators}
        data.names = [IndicatorNames.of(i) for i in data.indicators.values()]
        return data

    def indicator_of(
        self, sentence: Sentence, kind: ValueKind, *, confident: bool = False
    ) -> Indicator | None:
        """The indicator the sentence is about, by the nearest words that name one.
        ``confident``: only by its own words or with its nearest heading, and not where
        it is about a group within the area ("among boys", "pupils eligible for FSM")
        that the indicator's names do not name: a value may then be disagreed with."""
        contexts = sentence.context[:1] if confident else sentence.context
        if confident and sentence.headings:
            contexts = sentence.headings[:1]
        texts = [sentence.text]
        for context in (None, *contexts):
            if context is not None:
                texts.append(context)
            found = indicator_for(texts, kind, self.names)
            if found is not None:
                indicator = self.indicators.get(found.code) if found.code else None
                if confident and indicator is not None and _about_a_group(sentence, indicator):
                    return None
                return indicator
        return None

    def named_by(self, text: str, kind: ValueKind) -> Indicator | None:
        """The indicator the words themselves name, if one."""
        found = indicator_for([text], kind, self.names) if self.names else None
        return self.indicators.get(found.code) if found and found.code else None

    def series(self, indicator: Indicator) -> list[Figure]:
        """The area's standings in every period, oldest first."""
        if indicator.code not in self._series:
            # Where the areas sit and the periods are read once for every indicator.
            if self._geography is None:
                self._geography = Geography.load()
                self._periods = {p.pk: p.value for p in Period.objects.all()}
            worked = standings_of(
                indicator,
                area_id=self.partnership.area_id,
                geography=self._geography,
                periods=self._periods,
            )
            self._series[indicator.code] = [
                Figure(indicator, self._periods[w.period_id], w) for w in worked
            ]
        return self._series[indicator.code]

    def figure(self, indicator: Indicator, sentence: Sentence) -> Figure | None:
        """The period the words name, where they name one the data has; else the latest
        at the date checked, if it ended within ``LATEST_YEARS`` of it and the sentence
        is not in a table (whose columns, unread, may say the period). None where the
        words name a period the data does not have, or more than one (then which value
        is which is not clear)."""
        series = self.series(indicator)
        named = named_periods(sentence.text, series)
        if named is None:
            return None
        if named:
            return named[0] if len(named) == 1 else None
        if sentence.in_table:
            return None
        known = [f for f in series if self.as_of is None or f.period.end <= self.as_of]
        if not known:
            return None
        latest = known[-1]
        if self.as_of and (self.as_of - latest.period.end).days > LATEST_YEARS * 366:
            return None  # an old value: "the latest" cannot be what the sentence means
        return latest


# Words that narrow a value to a group within the area: a value for the group is not
# the indicator's unless the indicator's own names say so.
_GROUP = re.compile(
    r"\b(?:among|amongst|boys|girls|males?|females?|men|women|disadvantaged|eligible"
    r"|fsm|sen|statemented|non[- ]\w+|cohort|wards?|schools?)\b",
    re.IGNORECASE,
)


def _about_a_group(sentence: Sentence, indicator: Indicator) -> bool:
    names = " ".join([indicator.title, indicator.aliases or ""]).lower()
    return any(m.group(0).lower() not in names for m in _GROUP.finditer(sentence.text))


def named_periods(text: str, series: list[Figure]) -> list[Figure] | None:
    """The figures whose periods the text names ("2013/14", "in 2014"); [] where it
    names none; None where it names a period the series does not have."""
    found: list[Figure] = []
    text = _BASELINE.sub(" ", text)
    for first, _ in _YEAR_PAIR.findall(text):
        start = int(first)
        matches = [f for f in series if f.period.start.year == start and f.period.years == 1]
        if not matches:
            return None
        found += [f for f in matches if f not in found]
    for year in _YEAR.findall(text):
        matches = [f for f in series if f.period.end.year == int(year) and f.period.years == 1]
        if len(matches) != 1:
            return None
        if matches[0] not in found:
            found.append(matches[0])
    return found


def kind_of(indicator: Indicator) -> ValueKind:
    return ValueKind.PERCENTAGE if indicator.unit == Unit.PERCENTAGE else ValueKind.COUNT
