"""The values importer's seam: records in (row number, cells by column name), problems
out, from any source: a file, a web upload, the API, and formats to come."""

from __future__ import annotations

import gc

import pytest

from goldenthread.audit.models import AuditEntry
from goldenthread.indicators.importers import values as values_module
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.importers.values import import_records
from goldenthread.indicators.models import DataPoint

from .world import row


def records(*rows: dict, first: int = 2) -> list[tuple[int, dict[str, str]]]:
    return list(enumerate(rows, start=first))


def test_records_from_any_source_are_imported_and_recorded_by_its_name(ks2, areas):
    given = iter(records(row(value="77"), row(area="E92000001", value="79")))

    result = import_records(given, source="Fingertips export, sheet 2")

    assert result.headline() == (
        "Fingertips export, sheet 2: 2 rows read; added 2 values, revised 0, 0 unchanged."
    )
    assert sorted(DataPoint.objects.values_list("value", flat=True)) == [77, 79]
    entry = AuditEntry.objects.get(object_pk="Fingertips export, sheet 2")
    assert entry.changes["added"] == [None, 2]


def test_every_problem_names_the_source_row_and_column_and_nothing_is_written(ks2, areas):
    given = records(
        row(value="77"),
        row(value="104", period="2012/13"),
        {"indicator": "ks2-rwm", "area": "E06000034", "period": "2011/12"},  # no value
        row(period="2010/11", valeu="77"),
        first=7,
    )

    with pytest.raises(TableError) as raised:
        import_records(given, source="plan.docx")

    assert str(raised.value).splitlines() == [
        "plan.docx, row 8, column value: 104 is not a percentage between 0 and 100",
        "plan.docx, row 9, column value: is empty: leave out a row that has no value",
        (
            "plan.docx, row 10, column valeu: is not a column values can have (expected "
            "indicator, area, period, value, breakdown, numerator, denominator, lower, "
            "upper, lower998, upper998, status, note, source)"
        ),
    ]
    assert not DataPoint.objects.exists()


def test_a_dry_run_counts_and_progress_is_told(ks2, areas, monkeypatch):
    monkeypatch.setattr(values_module, "BATCH", 2)
    monkeypatch.setattr(values_module, "PROGRESS_EVERY", 2)
    told = []
    years = [f"{year}/{(year + 1) % 100:02d}" for year in range(2009, 2014)]

    result = import_records(
        records(*[row(period=year) for year in years]),
        source="values",
        dry_run=True,
        progress=told.append,
    )

    assert (result.added, result.dry_run, told) == (5, True, [2, 4])
    assert not DataPoint.objects.exists()


def test_the_cycle_collector_is_back_on_after_an_import_good_or_bad(ks2, areas):
    import_records(records(row()), source="good")
    with pytest.raises(TableError):
        import_records(records(row(area="nowhere")), source="bad")

    assert gc.isenabled()
