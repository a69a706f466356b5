"""Real Fingertips exports, as analysts download them, imported and judged as Fingertips
judges them.

The world imports every shared export (``../shared/real-data/fingertips``: three sets,
two header spellings, England repeated in eight regional files, a district file that
Fingertips judged "Not compared" throughout) with Fingertips' own judgement columns
blanked, so that what goldenthread says is its own; the tests then compare it with what
Fingertips said.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from django.core.management import call_command

from goldenthread.areas.models import Area, BoundarySet
from goldenthread.conftest import built_once
from goldenthread.indicators.fingertips.columns import column_of, recognise
from goldenthread.indicators.fingertips.importing import import_fingertips
from goldenthread.indicators.fingertips.writing import write_export
from goldenthread.indicators.models import (
    TOTAL,
    Comparison,
    DataPoint,
    DataRevision,
    Indicator,
    Polarity,
    Unit,
)
from goldenthread.testing.corpus import FINGERTIPS, shared_file

SETS = {
    "jezzaay_mental_health_2019__children_young_people": 8,
    "gsscogs_family_disability": 1,
    "brc_covid19_vulnerability": 1,
}
JUDGEMENTS = ("vs_england", "vs_region")
KEY = ("indicator_id", "area_code", "time_period", "sex", "age", "category_type", "category")
# Slow, so make test-fast leaves it out: every real export, imported whole.
pytestmark = pytest.mark.slow


def exports() -> list[Path]:
    files = []
    for folder, count in SETS.items():
        found = sorted(shared_file(f"real-data/fingertips/{folder}").glob("*.csv"))
        assert len(found) == count, folder
        files += found
    return files


def read(path: Path) -> list[dict[str, str]]:
    """An export's rows by our column names."""
    with path.open(newline="", encoding="utf-8-sig") as file:
        reader = csv.reader(file)
        found = recognise(next(reader))
        return [{name: cells[i] for name, i in found.items()} for cells in reader]


def blanked(path: Path, folder: Path) -> Path:
    """A copy of an export with Fingertips' judgement columns emptied."""
    with path.open(newline="", encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    judged = [i for i, heading in enumerate(rows[0]) if column_of(heading) in JUDGEMENTS]
    for cells in rows[1:]:
        for i in judged:
            cells[i] = ""
    copy = folder / f"{path.parent.name}-{path.name}"
    with copy.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file, lineterminator="\r\n").writerows(rows)
    return copy


@cache
def published_judgements() -> dict[tuple, dict[str, str]]:
    """Fingertips' own judgements, by row, for every row that publishes a value."""
    return {
        tuple(row[k].strip() for k in KEY): {j: row[j] for j in JUDGEMENTS}
        for path in exports()
        for row in read(path)
        if row["value"]
    }


def exported_rows() -> list[dict[str, str]]:
    """goldenthread's values as its export in Fingertips' shape writes them."""
    file = io.StringIO()
    write_export(file, Indicator.objects.order_by("external_id"))
    file.seek(0)
    reader = csv.reader(file)
    found = recognise(next(reader))
    return [{name: cells[i] for name, i in found.items()} for cells in reader]


def ours() -> dict[tuple, dict[str, str]]:
    """goldenthread's judgements, by row."""
    rows = exported_rows()
    return {tuple(row[k] for k in KEY): {j: row[j] for j in JUDGEMENTS} for row in rows}


@pytest.fixture(scope="module")
def fingertips_world(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("blanked")

    def build():
        copies = [blanked(path, folder) for path in exports()]
        return import_fingertips(copies)

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def imported(fingertips_world, db):
    return fingertips_world


def test_both_spellings_of_the_header_are_recognised():
    underscores = read(shared_file(f"real-data/fingertips/{next(iter(SETS))}/cyp_east_mid.csv"))
    spaces = read(exports()[-1])
    for rows in (underscores, spaces):
        assert {"indicator_id", "lower95", "vs_england", "sortable"} <= rows[0].keys()
    assert recognise(["IndicatorID", "AreaCode", "Timeperiod", "Time period range"]) == {
        "indicator_id": 0,
        "area_code": 1,
        "time_period": 2,
        "period_range": 3,
    }
    assert column_of("Compared to East of England region value or percentiles") == "vs_region"


def test_everything_in_the_exports_is_kept(imported):
    published = [row for path in exports() for row in read(path)]
    with_value = {tuple(r[k] for k in KEY) for r in published if r["value"]}
    assert imported.without_value == sum(1 for r in published if not r["value"])
    assert DataPoint.objects.count() == len(with_value)
    ids = {r["indicator_id"] for r in published}
    assert set(Indicator.objects.values_list("external_id", flat=True)) == ids
    self_harm = Indicator.objects.get(external_id="90813")
    assert self_harm.title.startswith("Hospital admissions as a result of self-harm")
    assert (self_harm.unit, self_harm.per) == (Unit.RATE, 100_000)
    first = published[0]
    point = DataPoint.objects.get(
        indicator__external_id=first["indicator_id"],
        area__code=first["area_code"],
        breakdown=TOTAL,
    )
    assert point.value == float(first["value"])
    assert point.note == first["value_note"]


def test_areas_have_their_types_and_parents(imported):
    derby = Area.objects.get(code="E06000015")
    assert derby.parent.code == "E12000004"
    assert derby.parent.parent.code == "E92000001"
    assert set(derby.boundary_sets.values_list("name", flat=True)) == {
        "County & UA",
        "County & UA (pre 4/19)",
        "District & UA (pre 4/19)",
    }
    dorset = Area.objects.get(code="E10000009")  # the county abolished in April 2019
    assert dorset.kind == Area.Kind.LOCAL_AUTHORITY
    assert dorset.parent.code == "E12000009"
    district_set = BoundarySet.objects.get(name="District & UA (pre 4/19)")
    assert district_set.tier == BoundarySet.Tier.LOWER
    assert district_set.areas.count() == 324


def test_rows_that_publish_no_value_are_counted_not_stored(imported):
    # The district file's deprivation deciles publish no value (aggregated elsewhere).
    deciles = [
        row
        for row in read(exports()[-1])
        if row["category_type"] and row["area_code"] == "E92000001"
    ]
    assert deciles and not any(row["value"] for row in deciles)
    assert not DataPoint.objects.exclude(breakdown=TOTAL).exists()


def test_england_repeated_in_every_regional_file_is_one_value(imported):
    england = DataPoint.objects.filter(indicator__external_id="90813", area__code="E92000001")
    assert england.count() == england.values("period").distinct().count()
    assert not DataRevision.objects.exists()
    assert imported.unchanged > 0


def test_judgements_agree_with_fingertips_on_every_row_it_judged(imported):
    theirs, mine = published_judgements(), ours()
    compared = Counter()
    for key, judged in theirs.items():
        for column in JUDGEMENTS:
            if judged[column] != "Not compared":
                compared[column] += 1
                assert mine[key][column] == judged[column], (key, column)
    assert compared["vs_england"] > 250 and compared["vs_region"] > 250


def test_rows_without_limits_or_of_england_itself_are_not_compared(imported):
    theirs = published_judgements()
    unjudgeable = [
        row for row in exported_rows() if row["area_code"] == "E92000001" or not row["lower95"]
    ]
    assert len(unjudgeable) > 100
    for row in unjudgeable:
        key = tuple(row[k] for k in KEY)
        assert row["vs_england"] == theirs[key]["vs_england"] == "Not compared", key


def test_an_export_with_its_judgements_teaches_which_indicators_fingertips_compares(imported):
    """Fingertips does not compare some indicators at all, though their rows have limits
    (modelled prevalences, police-force rates): it publishes that with the indicator.
    Imported with its judgement column, the export teaches it, and then every row agrees."""
    result = import_fingertips(exports())
    assert (result.added, result.revised) == (0, 0)
    not_compared = Indicator.objects.filter(comparison=Comparison.NONE)
    assert set(not_compared.values_list("external_id", flat=True)) >= {"92315", "11202"}
    theirs, mine = published_judgements(), ours()
    assert mine == theirs


def test_polarity_is_learnt_from_the_judgement_column(imported):
    assert set(Indicator.objects.values_list("polarity", flat=True)) == {Polarity.UNKNOWN}
    import_fingertips(exports())
    judged = Indicator.objects.get(external_id="90813")  # Higher and Lower: no polarity
    assert judged.polarity == Polarity.NO_JUDGEMENT
    never_judged = Indicator.objects.get(external_id="92659")
    assert never_judged.polarity == Polarity.UNKNOWN


def test_limits_that_differ_from_the_counts_are_noted_not_refused(imported):
    notes = imported.notes
    assert notes and imported.more_notes >= 0
    assert any("Byar" in note for note in notes)
    assert all(", row " in note for note in notes)


def test_the_command_reads_several_exports_and_writes_them_back(imported, tmp_path):
    out = io.StringIO()
    call_command("import_data", *exports()[:2], stdout=out)
    assert "2 Fingertips exports" in out.getvalue()
    target = tmp_path / "out.csv"
    call_command("export_data", target, "--shape", "fingertips", "--indicator-id", "90813")
    rows = read(target)
    assert {r["indicator_id"] for r in rows} == {"90813"}
    assert len(rows) == DataPoint.objects.filter(indicator__external_id="90813").count()


@pytest.mark.skipif(not FINGERTIPS.exists(), reason="needs ../shared/real-data/fingertips")
def test_a_second_download_with_a_changed_value_is_a_revision(imported, tmp_path):
    path = exports()[0]
    rows = list(csv.reader(path.open(newline="", encoding="utf-8-sig")))
    value_at = rows[0].index("Value")
    changed = next(r for r in rows[1:] if r[value_at] and r[4] != "E92000001")
    changed[value_at] = str(float(changed[value_at]) + 0.5)
    later = tmp_path / "later.csv"
    with later.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    result = import_fingertips([later])
    assert result.revised == 1
    revision = DataRevision.objects.get()
    assert revision.replaced_from == "later.csv"
