"""What the upload page offers to help fill in a file of values: the template, and the
codes its indicator and area columns accept.

The template's columns are the importer's own (``importers/values.py``), so the two
cannot drift apart. The area codes are those its managers may write values for
(``permissions.places_of``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from goldenthread.areas.models import Area
from goldenthread.lib.cells import SafeWriter
from goldenthread.partnerships.models import Partnership

from .importers.values import COLUMNS_GIVEN
from .models import Indicator
from .permissions import places_of

INDICATOR_HEADERS = ["indicator", "title", "unit", "period type"]
AREA_HEADERS = ["area", "name", "kind"]


def write_template(out: IO[str]) -> None:
    """The header row of a file of values: every column the importer reads."""
    SafeWriter(out).writerow(COLUMNS_GIVEN)


def indicator_rows() -> Iterable[list[str]]:
    """Every indicator's code, the values it takes and the periods it is given for:
    values are shared by every partnership, so any indicator defined may be given."""
    for indicator in Indicator.objects.order_by("code"):
        yield [
            indicator.code,
            indicator.title,
            indicator.unit_words or indicator.get_unit_display(),
            indicator.get_period_type_display(),
        ]


def area_rows(partnership: Partnership) -> Iterable[list[str]]:
    """The areas whose values the partnership's managers may write, its area first."""
    areas = Area.objects.filter(pk__in=places_of([partnership.area_id]))
    ordered = sorted(areas, key=lambda area: (area.pk != partnership.area_id, area.code))
    for area in ordered:
        yield [area.code, area.name, area.get_kind_display()]


def write_codes(out: IO[str], kind: str, partnership: Partnership) -> None:
    """The codes one column accepts, as CSV: ``kind`` is "indicator" or "area"."""
    writer = SafeWriter(out)
    if kind == "indicator":
        writer.writerow(INDICATOR_HEADERS)
        writer.writerows(indicator_rows())
    else:
        writer.writerow(AREA_HEADERS)
        writer.writerows(area_rows(partnership))
