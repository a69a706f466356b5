"""Import Fingertips "all data" exports as published, several files as one set.

First every file is read and every row checked (``survey.py``); a problem anywhere
stops the import before anything is written. Then, in one transaction: the areas with
their types (boundary sets) and parents, the indicators (created with their Fingertips
ID where missing, polarity and comparison method learnt from the judgement column),
and each file's values through ``import_records``, the one path every value takes. So a
value repeated in another file (England's rows are in every regional file) changes
nothing, and a different one is a revision with its history.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from django.db import transaction

from goldenthread.areas.models import Area, BoundarySet
from goldenthread.indicators.fingertips import learning
from goldenthread.indicators.fingertips.columns import HEADINGS, missing, recognise
from goldenthread.indicators.fingertips.metadata import IndicatorMetadata
from goldenthread.indicators.fingertips.survey import POSITION, AreaSeen, Line, Survey
from goldenthread.indicators.importers.tables import NOT_UTF8, Problem, TableError
from goldenthread.indicators.importers.values import DataImportResult, import_records
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.permissions import areas_writable_by
from goldenthread.indicators.standings import refresh_standings
from goldenthread.lib.wording import counted
from goldenthread.partnerships.models import Someone

# The values importer's columns, as an export heads them: for its messages.
AS_HEADED = {
    "indicator": HEADINGS["indicator_id"],
    "area": HEADINGS["area_code"],
    "period": HEADINGS["time_period"],
    "breakdown": "Sex, Age or Category",
    "value": HEADINGS["value"],
    "numerator": HEADINGS["count"],
    "denominator": HEADINGS["denominator"],
    "lower": HEADINGS["lower95"],
    "upper": HEADINGS["upper95"],
    "lower998": HEADINGS["lower998"],
    "upper998": HEADINGS["upper998"],
    "note": HEADINGS["value_note"],
}


@dataclass
class FingertipsImportResult:
    files: list[DataImportResult] = field(default_factory=list)
    rows: int = 0
    without_value: int = 0
    indicators: set[int] = field(default_factory=set)
    indicators_created: int = 0
    areas_created: int = 0
    notes: list[str] = field(default_factory=list)  # rows whose limits differ from ours
    more_notes: int = 0
    dry_run: bool = False
    is_fingertips = True  # for pages that show either kind of result

    @property
    def name(self) -> str:
        return ", ".join(f.name for f in self.files)

    @property
    def added(self) -> int:
        return sum(f.added for f in self.files)

    @property
    def revised(self) -> int:
        return sum(f.revised for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    def headline(self) -> str:
        verb = "would add" if self.dry_run else "added"
        files = counted(len(self.files), "Fingertips export")
        return (
            f"{files}: {self.rows:,} rows read; {verb} {self.added:,} values, revised "
            f"{self.revised:,}, {self.unchanged:,} unchanged; "
            f"{counted(self.indicators_created, 'indicator')} and "
            f"{counted(self.areas_created, 'area')} new; "
            f"{counted(self.without_value, 'row')} with no value published."
        )


def is_export(path: Path | str) -> bool:
    """Whether a file is a Fingertips export, by its header."""
    path = Path(path)
    if path.suffix.lower() not in {".csv", ".txt", ""}:
        return False
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            header = next(csv.reader(file), [])
    except (UnicodeDecodeError, csv.Error, OSError):
        return False
    return recognise(header) is not None


def import_fingertips(
    paths: Sequence[Path | str],
    *,
    user: Someone | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    metadata: Mapping[str, IndicatorMetadata] | None = None,
) -> FingertipsImportResult:
    """Import exports as one set, or raise TableError naming the file, row and column of
    every problem and write nothing. ``user`` as for ``import_records``; ``metadata``
    what Fingertips publishes about the indicators, where known (see ``api.py``)."""
    files = [Path(p) for p in paths]
    survey = Survey(metadata)
    for path in files:
        try:
            survey.take(lines_of(path))
        except TableError as error:
            survey.refuse(error)
    survey.finish()
    survey.check_stored_parents()
    survey.check_new_allowed(areas_writable_by(user))
    survey.raise_problems()
    result = FingertipsImportResult(rows=survey.rows, dry_run=dry_run)
    result.notes, result.more_notes = survey.notes, survey.more_notes
    with transaction.atomic():
        result.areas_created = _save_areas(survey)
        indicators = _save_indicators(survey, result)
        for path in files:
            records = _records(path, indicators, result)
            try:
                done = import_records(
                    records,
                    source=path.name,
                    user=user,
                    progress=progress,
                    standings=False,
                    limits_from_counts=False,  # where Fingertips gives none, none can be
                )
            except TableError as error:
                raise _as_headed(error) from None
            result.files.append(done)
            result.indicators |= done.indicators
        refresh_standings(result.indicators)
        if dry_run:
            transaction.set_rollback(True)
    return result


def lines_of(path: Path) -> Iterator[Line]:
    """An export's rows, read with a CSV parser: quoted line breaks and CRLF are kept
    within their cells and rows. Raises TableError for a file that is not an export."""
    name = path.name
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            reader = csv.reader(file)
            found = recognise(next(reader, []))
            if found is None:
                why = "is not a Fingertips export: its header has no Indicator ID, Area Code "
                raise TableError(name, [Problem(1, "", why + "and Time period")])
            if lacking := missing(found):
                listed = ", ".join(lacking)
                why = f"looks like a Fingertips export but lacks the columns {listed}"
                raise TableError(name, [Problem(1, "", why)])
            # Each column at its place in HEADINGS; one the file lacks reads the "" added
            # at the end of every row.
            places = [found.get(column, -1) for column in HEADINGS]
            pick = itemgetter(*places)
            width = max(found.values()) + 1
            for number, cells in enumerate(reader, start=2):
                if any(cells):
                    if len(cells) < width:
                        cells += [""] * (width - len(cells))
                    cells.append("")
                    yield Line(name, number, pick(cells))
    except UnicodeDecodeError:
        raise TableError(name, [Problem(None, "", NOT_UTF8)]) from None
    except csv.Error as error:
        raise TableError(name, [Problem(None, "", f"cannot be read ({error})")]) from None


# Writing.


def _save_areas(survey: Survey) -> int:
    """Create the areas the files name that are not stored, parents first, and put each
    area in the boundary sets (Fingertips' area types) the files list it under."""
    stored = {a.code: a for a in Area.objects.all()}
    before = len(stored)
    for seen in sorted(survey.areas.values(), key=lambda a: _depth(a, survey)):
        parent = _parent(seen, stored, survey)
        area = stored.get(seen.code)
        if area is None:
            kind = learning.area_kind(seen.types, seen.code)
            area = Area.objects.create(code=seen.code, name=seen.name, kind=kind, parent=parent)
            stored[seen.code] = area
        elif area.parent_id is None and parent is not None and area.pk != parent.pk:
            area.parent = parent
            area.save(update_fields=["parent"])
        for name in seen.types - {""}:
            tier = BoundarySet.tier_of(name)
            boundary_set, _ = BoundarySet.objects.get_or_create(name=name, defaults={"tier": tier})
            boundary_set.areas.add(area)
    return len(stored) - before


def _depth(seen: AreaSeen, survey: Survey) -> int:
    depth, code = 0, seen.parent_code
    while code and code in survey.areas and depth < 10:
        depth, code = depth + 1, survey.areas[code].parent_code
    return depth


def _parent(seen: AreaSeen, stored: dict[str, Area], survey: Survey) -> Area | None:
    code = seen.parent_code
    if not code:
        return None
    if code not in stored:  # a parent the files name but never give a row of its own
        kind = learning.area_kind(set(), code)
        stored[code] = Area.objects.create(code=code, name=seen.parent_name or code, kind=kind)
    return stored[code]


def _save_indicators(survey: Survey, result: FingertipsImportResult) -> dict[str, Indicator]:
    found = {i.external_id: i for i in Indicator.objects.filter(external_id__in=survey.indicators)}
    for indicator_id, seen in survey.indicators.items():
        given = survey.metadata.get(indicator_id) or IndicatorMetadata(indicator_id)
        indicator = found.get(indicator_id)
        if indicator is None:
            indicator = learning.new_indicator(seen, given, survey)
            result.indicators_created += 1
        else:
            learning.update_indicator(indicator, seen, given, survey)
        learning.label_breakdowns(indicator, seen)
        indicator.save()
        found[indicator_id] = indicator
    return found


# The values importer's columns, and the export's columns they are read from as written.
AS_WRITTEN = {
    "area": "area_code",
    "value": "value",
    "numerator": "count",
    "denominator": "denominator",
    "lower": "lower95",
    "upper": "upper95",
    "lower998": "lower998",
    "upper998": "upper998",
    "note": "value_note",
}
_PICK = itemgetter(*(POSITION[column] for column in AS_WRITTEN.values()))


def _records(
    path: Path, indicators: dict[str, Indicator], result: FingertipsImportResult
) -> Iterator[tuple[int, dict[str, str]]]:
    """The file's rows as the values importer reads them; rows with no value are
    counted and left out."""
    breakdowns: dict[tuple, str] = {}
    periods: dict[str, str] = {}
    names = tuple(AS_WRITTEN)
    for line in lines_of(path):
        record = dict(zip(names, _PICK(line.cells), strict=True))
        if not record["value"]:
            result.without_value += 1
            continue
        indicator = indicators[line["indicator_id"]]
        key = (indicator.pk, line.group)
        if key not in breakdowns:
            breakdowns[key] = learning.breakdown_of(line.group, indicator)
        written = line["time_period"]
        if written not in periods:
            periods[written] = " ".join(written.split())
        record |= {
            "indicator": indicator.code,
            "period": periods[written],
            "breakdown": breakdowns[key],
            "source": learning.SOURCE,
        }
        yield line.number, record


def _as_headed(error: TableError) -> TableError:
    """The values importer's problems with the columns named as the export heads them."""
    problems = [
        Problem(p.row, AS_HEADED.get(p.column, p.column), p.message) for p in error.problems
    ]
    return TableError(error.name, problems, error.more)
