"""Rows an export repeats, checked a column at a time.

A national export says the same few things a million times over: the same hundred
indicators, the same areas with the same parents and types, a few dozen periods spelt
the same way. The survey checks each of those the first time a row says it, a row at a
time, and keeps what it found fine (``Survey.fine``). The rows of a batch that say only
what has been found fine are then checked and learnt from a column at a time, as the
values importer reads a plainly valid batch: numbers read with ``float`` column by
column, limits compared with ``all(map(le, …))``, rows counted by ``Counter``. Anything
new, or any doubt (a blank value, a number not plainly one, limits that do not plainly
hold the value), sends the rows the careful way (``Survey.checked``), which names every
problem; so what the quick way accepts, the careful way would have accepted too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import and_, attrgetter, is_not, itemgetter, le
from typing import cast

from goldenthread.indicators.fingertips.survey import (
    AREA_SAID,
    AT_AREA,
    AT_CATEGORY_TYPE,
    AT_ID,
    AT_JUDGED,
    AT_PERIOD,
    COUNT,
    DENOMINATOR,
    ENGLAND,
    LIMIT_AT,
    LOWER95,
    NUMBER_PLACES,
    PERIOD_SAID,
    POSITION,
    UPPER95,
    VALUE,
    Checked,
    Counted,
    Line,
    Survey,
)
from goldenthread.indicators.importers.rules import any_given
from goldenthread.indicators.importers.values import Doubtful, floats_of
from goldenthread.lib.periods import Period

GROUP_AT = [POSITION[name] for name in ("sex", "age", "category_type", "category")]
BETTER_OR_WORSE = frozenset({"Better", "Worse"})
_CELLS = attrgetter("cells")


@dataclass
class PlainRows:
    """Rows checked the quick way, a column at a time: the export's cells by their place
    in ``HEADINGS``, and each row's period and numbers (in ``NUMBERS`` order) as read."""

    lines: list[Line]
    columns: list[tuple[str, ...]]
    periods_said: list[tuple[str, ...]]  # each row's, as ``PERIOD_SAID``
    periods: dict[tuple[str, ...], Period]  # what each said came to, as read
    numbers: list[list[float | None]]
    groups: list[tuple[str, str, str, str]]  # whom each row counts: sex, age, category

    def column(self, name: str) -> tuple[str, ...]:
        return self.columns[POSITION[name]]


def read(survey: Survey, lines: list[Line]) -> tuple[list[Checked], PlainRows | None]:
    """A batch's rows checked: those read the careful way (the first row to say each new
    thing, every row of a category such as a deprivation decile, and every row of a
    batch in doubt), and the rest the quick way."""
    cells = list(map(_CELLS, lines))
    periods_said, areas_said = list(map(PERIOD_SAID, cells)), list(map(AREA_SAID, cells))
    periods, areas = set(periods_said), set(areas_said)
    careful_rows = _careful_rows(survey, cells, (periods_said, periods), (areas_said, areas))
    careful = list(survey.checked(lines[i] for i in careful_rows))
    if careful_rows:
        lines = lines[:]  # the caller's list left as it was
        for i in reversed(careful_rows):  # few: taken out where they are
            del lines[i], cells[i], periods_said[i]
        if not (periods <= survey.fine_periods.keys() and areas <= survey.fine_areas):
            # a row said something wrong (or only rows of a category said it): the
            # rest are read carefully
            return careful + list(survey.checked(lines)), None
    if not lines:
        return careful, None
    try:
        plain = _checked(lines, cells, periods_said)
    except (Doubtful, ValueError, OverflowError):
        return careful + list(survey.checked(lines)), None
    plain.periods = {said: survey.fine_periods[said] for said in set(periods_said)}
    survey.rows += len(lines)
    _learn(survey, plain)
    return careful, plain


def _careful_rows(
    survey: Survey,
    cells: list[tuple],
    periods: tuple[list[tuple], set[tuple]],
    areas: tuple[list[tuple], set[tuple]],
) -> dict[int, None]:
    """The rows to read carefully, in order: each row of a category, and the first row
    to say each thing no row before has said with nothing wrong. ``periods`` and
    ``areas``: what each row says of them, and the set of it."""
    categories = list(map(itemgetter(AT_CATEGORY_TYPE), cells))
    rows = dict.fromkeys(compress(range(len(cells)), categories)) if any(categories) else {}
    for said, distinct, fine in (
        (*periods, survey.fine_periods.keys()),
        (*areas, survey.fine_areas),
    ):
        if new := distinct - fine:
            first = dict(zip(reversed(said), range(len(said) - 1, -1, -1), strict=True))
            rows |= dict.fromkeys(map(first.__getitem__, new))
    return dict.fromkeys(sorted(rows))  # in order: read in order, taken out from the end


def _checked(lines: list[Line], cells: list[tuple], periods_said: list[tuple]) -> PlainRows:
    """The rows, if every number is plainly one, every row has a value and its limits
    plainly hold it; else raises Doubtful."""
    columns = list(zip(*cells, strict=True))
    numbers = [floats_of(columns[at]) for at in NUMBER_PLACES]
    value = numbers[VALUE]
    if None in value:
        raise Doubtful  # a row that publishes no value: counted the careful way
    for at_lower, at_upper in LIMIT_AT:
        lower, upper = numbers[at_lower], numbers[at_upper]
        if not any_given(lower) and not any_given(upper):
            continue
        if None in lower or None in upper:
            raise Doubtful
        if not (all(map(le, lower, value)) and all(map(le, value, upper))):  # type: ignore[arg-type]
            raise Doubtful
    groups = list(zip(*(columns[at] for at in GROUP_AT), strict=True))
    return PlainRows(lines, columns, periods_said, {}, numbers, groups)


def _learn(survey: Survey, plain: PlainRows) -> None:
    """What the rows say of their indicators, as ``Survey._learn`` learns it a row at a
    time: England's values, the rows of each group and judgement, and the counts."""
    ids, codes, texts = plain.columns[AT_ID], plain.columns[AT_AREA], plain.columns[AT_PERIOD]
    groups, lower95 = plain.groups, plain.numbers[LOWER95]
    value = cast(list[float], plain.numbers[VALUE])  # every row has one: see _checked
    seen = survey.indicators
    for i in compress(range(len(ids)), map(ENGLAND.__eq__, codes)):
        survey.england[(ids[i], texts[i], *groups[i])] = value[i]
    comparable = map(and_, map(ENGLAND.__ne__, codes), map(is_not, lower95, repeat(None)))
    for indicator_id, rows in Counter(compress(ids, comparable)).items():
        seen[indicator_id].comparable_rows += rows
    for indicator_id, counted in _counted_by_indicator(ids, groups):
        seen[indicator_id].rows_of.update(counted)
    judged = plain.columns[AT_JUDGED]
    if any(judged):
        for indicator_id, counted in _counted_by_indicator(ids, judged):
            counted.pop("", None)
            seen[indicator_id].judgements.update(counted)
        for i in compress(range(len(ids)), map(BETTER_OR_WORSE.__contains__, judged)):
            key = (ids[i], texts[i], *groups[i])
            seen[ids[i]].better_or_worse.append((judged[i], value[i], key))
    counts, denominators = plain.numbers[COUNT], plain.numbers[DENOMINATOR]
    if any_given(counts):
        upper95 = plain.numbers[UPPER95]
        every_row = None not in counts and all(denominators) and None not in lower95
        given: list[Sequence] = [
            tuple(map(attrgetter("number"), plain.lines)), codes, value, counts, denominators,
            lower95, upper95,
        ]  # fmt: skip
        indicators = set(ids)
        for indicator_id in indicators:
            columns = given
            if len(indicators) > 1:  # each indicator's rows, column by column
                mine = list(map(indicator_id.__eq__, ids))
                columns = [list(compress(column, mine)) for column in given]
            with_counts = Counted(plain.lines[0].file, *columns)  # a batch is of one file
            survey.learn_counts(seen[indicator_id], with_counts, counted=every_row)


def _counted_by_indicator(ids: Sequence[str], column: Sequence) -> Iterator[tuple[str, Counter]]:
    """Each indicator's count of each value in the column: one count when the rows are
    all of one indicator, as nearly every batch's are."""
    if ids.count(ids[0]) == len(ids):
        yield ids[0], Counter(column)
        return
    split: dict[str, Counter] = defaultdict(Counter)
    for (indicator_id, value), rows in Counter(zip(ids, column, strict=True)).items():
        split[indicator_id][value] += rows
    yield from split.items()
