"""``import_areas`` on DfE's and ONS's own files (in ``../shared``; skipped where absent),
imported once for the module (goldenthread/conftest.py tells how)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from goldenthread.areas.importers import Summary, import_area_files
from goldenthread.areas.models import Area, BoundarySet, NeighbourSet
from goldenthread.testing.corpus import shared_file

# Slow, so make test-fast leaves it out: every national reference file, imported whole.
pytestmark = pytest.mark.slow

DFE = "reference-data/dfe-analytical-services__dfe-published-data-qa/data/"
LAIT = "reference-data/dfe-analytical-services__local-authority-interactive-tool/01_data/02_prod/"
ONS = "reference-data/jtrim-ons__ons-lookups/csv/"
REFERENCE = [
    DFE + "las.csv",
    DFE + "regions.csv",
    DFE + "region_la_hierarchy.csv",
    LAIT + "la_code_list.xlsx",
    ONS + "177.csv",
    ONS + "014.csv",
    "reference-data/ONSvisual__uk-topojson/input/changes.csv",
]
SMAPEY = "reference-data/dfe-analytical-services__smapey-dashboard/Data/"
# (file, when its model came into force): the workbooks do not say. The dashboard's
# model was in use by 2018–19 (../shared/reference-data/SOURCES.md).
NEIGHBOURS = [
    (LAIT + "sn_april_2021.xlsx", dt.date(2021, 4, 1)),
    (LAIT + "sn_may_2025.xlsx", dt.date(2025, 5, 1)),
    (SMAPEY + "combined_long_data_2019_R_v1_postbeta_sup.csv", dt.date(2018, 4, 1)),
]


def import_everything(paths) -> list[Summary]:
    reference, neighbours = paths
    summaries = import_area_files(reference)
    for path, day in neighbours:
        summaries += import_area_files([path], in_force_from=day)
    return summaries


@pytest.fixture(scope="module")
def paths():
    """The files, or the module is skipped saying which is missing."""
    reference = [shared_file(name) for name in REFERENCE]
    return reference, [(shared_file(name), day) for name, day in NEIGHBOURS]


@pytest.fixture(scope="module")
def areas_world(paths, django_db_setup, django_db_blocker):
    """Imported once, in a transaction the module's tests run in, rolled back after
    them: ``built_once`` of goldenthread/conftest.py, which this layer may not import."""
    with django_db_blocker.unblock(), transaction.atomic():
        lines = [summary.line() for summary in import_everything(paths)]
        with django_db_blocker.block():
            yield lines
        transaction.set_rollback(True)


@pytest.fixture
def imported(areas_world, db) -> list[str]:
    """What each import said; every file above is imported."""
    return areas_world


def named(code: str) -> Area:
    return Area.objects.get(code=code)


def test_thurrock_is_883_in_the_east_of_england(imported):
    thurrock = named("E06000034")
    assert thurrock.la_number == "883"
    assert thurrock.parent.name == "East of England"
    assert thurrock.parent.parent.code == "E92000001"
    assert Area.objects.filter(kind=Area.Kind.REGION).count() == 9  # not Inner/Outer London


def test_dorset_county_council_ended_in_march_2019_and_dorset_council_followed(imported):
    county = named("E10000009")
    assert county.valid_to == dt.date(2019, 3, 31)
    assert list(county.successors.values_list("code", flat=True)) == ["E06000059"]
    assert [s.name for s in county.boundary_sets.all()] == ["County & UA (pre 4/19)"]
    assert named("E06000059").valid_from == dt.date(2019, 4, 1)


def test_bournemouth_and_poole_merged_into_bcp(imported):
    bcp = named("E06000058")
    assert set(bcp.predecessors.values_list("code", flat=True)) >= {"E06000028", "E06000029"}
    assert bcp.la_number == "839"


def test_counties_split_into_unitaries_are_succeeded_by_each(imported):
    """Through their districts' mergers (ONS's lookup and changes)."""
    northants = named("E10000021").successors.values_list("code", flat=True)
    assert set(northants) == {"E06000061", "E06000062"}


def test_a_reused_la_number_names_the_authority_of_the_day(imported):
    """825 is Buckinghamshire County Council in the 2018 model, the unitary in 2021."""
    county, unitary = named("E10000002"), named("E06000060")
    assert county.la_number == unitary.la_number == "825"
    assert unitary in county.successors.all()
    older = NeighbourSet.objects.in_force(county, dt.date(2019, 1, 1))
    newer = NeighbourSet.objects.in_force(unitary, dt.date(2022, 1, 1))
    assert older.neighbour_set.area == county and newer.neighbour_set.area == unitary


def test_authorities_are_in_the_boundary_sets_of_their_years(imported):
    thurrock, bcp = named("E06000034"), named("E06000058")
    spans = BoundarySet.objects.filter(tier=BoundarySet.Tier.UPPER)
    assert set(thurrock.boundary_sets.filter(tier=BoundarySet.Tier.UPPER)) == set(spans)
    assert "County & UA (pre 4/19)" not in {s.name for s in bcp.boundary_sets.all()}
    district = Area.objects.get(name="Basildon")
    assert district.parent.code == "E10000012"  # Essex
    assert {s.tier for s in district.boundary_sets.all()} == {BoundarySet.Tier.LOWER}


def test_thurrocks_2021_neighbours_in_rank_order(imported):
    chosen = NeighbourSet.objects.in_force(named("E06000034"), dt.date(2023, 1, 1))
    assert chosen.neighbour_set.in_force_from == dt.date(2021, 4, 1)
    names = [named_pk(pk) for pk in chosen.neighbour_set.member_ids()]
    assert names[:3] == ["Medway", "Bexley", "Havering"]
    assert len(names) == 10
    bands = chosen.neighbour_set.neighbour_set.values_list("closeness", flat=True)
    assert all(band == band.capitalize() for band in bands)  # "Very Close" → "Very close"


def named_pk(pk: int) -> str:
    return Area.objects.get(pk=pk).name


def test_a_date_before_every_set_gets_the_earliest_and_says_so(imported):
    thurrock = named("E06000034")
    earliest = NeighbourSet.objects.in_force(thurrock, dt.date(2016, 1, 1))
    assert earliest.before_any
    assert earliest.neighbour_set.in_force_from == dt.date(2018, 4, 1)
    assert "the earliest set held" in earliest.describe()
    names = [named_pk(pk) for pk in earliest.neighbour_set.member_ids()]
    assert names[:4] == ["Medway", "Bexley", "Havering", "Dudley"]  # SOURCES.md's pre-2021


def test_the_comparator_group_has_the_latest_neighbours(imported):
    thurrock = named("E06000034")
    group = named("SN-E06000034")
    latest = NeighbourSet.objects.in_force(thurrock, dt.date.today()).neighbour_set
    assert group.comparator_for == thurrock
    assert set(group.members.values_list("pk", flat=True)) == set(latest.member_ids())


def test_the_summaries_say_what_was_passed_over(imported):
    by_file = {line.split(" ")[0]: line for line in imported}
    assert "3 rows combined" in by_file["las.csv"]
    assert (
        "no neighbours given for Cumberland, Westmorland and Furness"
        in by_file["sn_april_2021.xlsx"]
    )
    assert "old sets kept for authorities abolished" in by_file["sn_may_2025.xlsx"]


def test_importing_again_changes_nothing(imported, paths):
    assert [s.line() for s in import_everything(paths) if s.changes] == []


def test_the_command_prints_a_line_a_file(imported, paths):
    out = StringIO()
    path, day = paths[1][0]
    call_command("import_areas", str(path), "--in-force-from", day.isoformat(), stdout=out)
    assert out.getvalue().startswith("sn_april_2021.xlsx (DfE statistical neighbours): ")
    assert "unchanged" in out.getvalue()
