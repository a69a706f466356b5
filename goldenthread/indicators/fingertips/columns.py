"""The columns of a Fingertips "all data" export, recognised in every spelling.

Exports have been written ``Indicator ID`` and ``IndicatorID``, ``Lower CI 95.0 limit``
and ``Lower_CI_95.0_limit``, ``Time period`` and ``Timeperiod``; the region comparison
column is headed with the word Region or with the region's own name. A heading is
recognised squeezed: lower case, with everything but letters, digits and the point
dropped.
"""

from __future__ import annotations

import re

# Our name for each column, and the heading today's exports give it.
HEADINGS = {
    "indicator_id": "Indicator ID",
    "indicator_name": "Indicator Name",
    "parent_code": "Parent Code",
    "parent_name": "Parent Name",
    "area_code": "Area Code",
    "area_name": "Area Name",
    "area_type": "Area Type",
    "sex": "Sex",
    "age": "Age",
    "category_type": "Category Type",
    "category": "Category",
    "time_period": "Time period",
    "value": "Value",
    "lower95": "Lower CI 95.0 limit",
    "upper95": "Upper CI 95.0 limit",
    "lower998": "Lower CI 99.8 limit",
    "upper998": "Upper CI 99.8 limit",
    "count": "Count",
    "denominator": "Denominator",
    "value_note": "Value note",
    "recent_trend": "Recent Trend",
    "vs_england": "Compared to England value or percentiles",
    "vs_region": "Compared to Region value or percentiles",
    "sortable": "Time period Sortable",
    "new_data": "New data",
    "vs_goal": "Compared to goal",
    "period_range": "Time period range",
}
# What an export must have for its values to be read; the rest are Fingertips' own
# judgements and flags, which goldenthread works out for itself.
READ = [
    "indicator_id",
    "indicator_name",
    "parent_code",
    "parent_name",
    "area_code",
    "area_name",
    "area_type",
    "sex",
    "age",
    "category_type",
    "category",
    "time_period",
    "value",
    "lower95",
    "upper95",
    "lower998",
    "upper998",
    "count",
    "denominator",
    "value_note",
]
# A file with these is taken for an export, and then must have every column in READ.
SIGNATURE = {"indicator_id", "area_code", "time_period"}
_COMPARED_TO = re.compile(r"^comparedto(.+)valueorpercentiles$")


def squeezed(heading: str) -> str:
    return re.sub(r"[^a-z0-9.]", "", (heading or "").lower())


_BY_SQUEEZED = {squeezed(heading): name for name, heading in HEADINGS.items()}


def column_of(heading: str) -> str | None:
    """Our name for a heading of an export, or None for one we do not know."""
    word = squeezed(heading)
    if word in _BY_SQUEEZED:
        return _BY_SQUEEZED[word]
    if match := _COMPARED_TO.match(word):
        return "vs_england" if match.group(1) == "england" else "vs_region"
    return None


def recognise(header: list[str]) -> dict[str, int] | None:
    """Where each known column is, if the header is a Fingertips export's; else None."""
    found: dict[str, int] = {}
    for index, heading in enumerate(header):
        name = column_of(heading)
        if name is not None and name not in found:
            found[name] = index
    return found if found.keys() >= SIGNATURE else None


def missing(found: dict[str, int]) -> list[str]:
    """The headings of the columns an export needs but lacks, as Fingertips writes them."""
    return [HEADINGS[name] for name in READ if name not in found]
