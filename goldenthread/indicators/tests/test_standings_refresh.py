"""An import refreshes only the standings its values can move, and leaves every standing
as a full recompute would."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goldenthread.areas.models import Area, BoundarySet, Neighbour, NeighbourSet
from goldenthread.areas.signals import reference_data_changed
from goldenthread.indicators.importers.definitions import import_definitions
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.indicator_edits import change_indicator
from goldenthread.indicators.models import Indicator, Polarity, Standing
from goldenthread.indicators.standings import COLUMNS, refresh_standings
from goldenthread.indicators.target_edits import record_data_point

from .world import OTHER_AUTHORITIES, make_indicator, row, write_values

AUTHORITIES = ["E06000034", *OTHER_AUTHORITIES]
YEARS = ["2009/10", "2010/11", "2011/12", "2012/13", "2013/14"]


def stored() -> dict[tuple[int, int], tuple]:
    """Every stored standing, every field but its id."""
    return {
        (s["indicator_id"], s["area_id"]): tuple(s[c] for c in COLUMNS)
        for s in Standing.objects.values(*COLUMNS)
    }


def as_recomputed() -> dict[tuple[int, int], tuple]:
    """The standings a full recompute of every indicator stores."""
    refresh_standings(Indicator.objects.values_list("pk", flat=True))
    return stored()


def ids() -> dict[tuple[int, int], int]:
    return {(s.indicator_id, s.area_id): s.pk for s in Standing.objects.all()}


def rewritten(before: dict[tuple[int, int], int]) -> set[tuple[int, int]]:
    """The standings written again since ``before``: a refresh deletes and inserts."""
    return {key for key, pk in ids().items() if before.get(key) != pk}


@pytest.fixture
def geography(areas):
    """Two boundary sets (one authority in both) and statistical neighbours that change."""
    upper = BoundarySet.objects.create(name="Counties & UAs", tier="upper")
    lower = BoundarySet.objects.create(name="Districts & UAs", tier="lower")
    upper.areas.add(*Area.objects.filter(code__in=AUTHORITIES[:5]))
    lower.areas.add(*Area.objects.filter(code__in=AUTHORITIES[4:]))
    thurrock = areas["thurrock"]
    for day, members in {
        dt.date(2010, 4, 1): OTHER_AUTHORITIES[:3],
        dt.date(2013, 4, 1): OTHER_AUTHORITIES[3:6],
    }.items():
        chosen = NeighbourSet.objects.create(area=thurrock, model="DfE", in_force_from=day)
        for rank, code in enumerate(members, start=1):
            Neighbour.objects.create(neighbour_set=chosen, area=areas[code], rank=rank)
    return areas


@pytest.fixture
def national(geography, tmp_path):
    """Three indicators (either polarity and none); authorities whose latest year
    differs; England, the region and the neighbours' published average."""
    make_indicator("ks2-rwm", polarity="high_is_good")
    make_indicator("absence", polarity="low_is_good", unit="rate", per=1000)
    make_indicator("pupils", polarity="no_judgement", unit="count")
    rng = random.Random(19)
    rows = []
    for code in ["ks2-rwm", "absence", "pupils"]:
        for n, area in enumerate([*AUTHORITIES, "E92000001", "E12000006", "SN-E06000034"]):
            for year in YEARS[: len(YEARS) - n % 3]:  # some stop a year or two early
                value = f"{rng.uniform(40, 90):.1f}"
                rows.append(row(code, area, year, value, lower=str(float(value) - 2),
                                upper=str(float(value) + 2)))  # fmt: skip
                rows.append(row(code, area, year, str(float(value) + 1), breakdown="sex:girls"))
    import_values(write_values(tmp_path / "national.csv", rows))
    return tmp_path


def imported(folder, name: str, rows: list[dict]) -> None:
    import_values(write_values(folder / f"{name}.csv", rows))


CHANGES = {
    "a new year for some authorities, England and the region": [
        row(code, area, "2014/15", value)
        for code in ["ks2-rwm", "absence"]
        for area, value in [
            ("E06000034", "71"),
            ("E08000002", "64"),
            ("E08000005", "80"),
            ("E92000001", "70"),
            ("E12000006", "69"),
        ]
    ],
    "an authority's value revised three years back": [
        row("ks2-rwm", "E08000001", "2010/11", "55.5", lower="50", upper="60")
    ],
    "an authority's missing year filled in before its latest": [
        row("absence", "E08000003", "2008/09", "61")
    ],
    "England revised in a year that is some authorities' latest": [
        row("ks2-rwm", "E92000001", "2012/13", "66.6"),
        row("pupils", "E92000001", "2013/14", "12000"),
    ],
    "a neighbour revised in Thurrock's latest year": [row("ks2-rwm", "E08000005", "2013/14", "99")],
    "a value marked provisional, with a note": [
        row("absence", "E08000004", "2012/13", "48", status="provisional", note="Revised later")
    ],
    "a value tying another authority's": [row("pupils", "E08000006", "2011/12", "60")],
}


@pytest.mark.parametrize("change", CHANGES)
def test_after_an_import_every_standing_is_as_a_full_recompute_would_store_it(national, change):
    imported(national, "change", CHANGES[change])
    refreshed = stored()

    assert refreshed == as_recomputed()


def test_a_series_of_imports_keeps_every_standing_as_a_full_recompute_would(national):
    for n, rows in enumerate(CHANGES.values()):
        imported(national, f"change-{n}", rows)
    refreshed = stored()

    assert refreshed == as_recomputed()


def test_a_value_sent_alone_refreshes_as_an_import_does(national):
    ks2 = Indicator.objects.get(code="ks2-rwm")
    before = ids()

    record_data_point(indicator="ks2-rwm", area="E08000007", period="2010/11", value="58")

    assert rewritten(before) == {(ks2.pk, area_id("E08000007"))}
    refreshed = stored()
    assert refreshed == as_recomputed()


def area_id(code: str) -> int:
    return Area.objects.get(code=code).pk


def latest_in(indicator: Indicator, year: str) -> set[tuple[int, int]]:
    return {
        (indicator.pk, s.area_id)
        for s in Standing.objects.filter(indicator=indicator, period__label=year)
    }


def test_an_old_value_revised_rewrites_only_that_authoritys_standing(national):
    ks2 = Indicator.objects.get(code="ks2-rwm")
    before = ids()

    imported(national, "one", [row("ks2-rwm", "E08000001", "2010/11", "55.5")])

    assert rewritten(before) == {(ks2.pk, area_id("E08000001"))}


def test_a_value_in_a_year_rewrites_the_standings_whose_latest_year_it_is(national):
    """A new value can change the rank and comparators of every authority whose latest
    year it falls in, and nobody else's."""
    absence = Indicator.objects.get(code="absence")
    in_latest_year = latest_in(absence, "2012/13")
    assert 0 < len(in_latest_year) < Standing.objects.filter(indicator=absence).count()
    before = ids()

    imported(national, "one", [row("absence", "E92000001", "2012/13", "50")])

    assert rewritten(before) == in_latest_year


def test_breakdowns_and_unchanged_values_rewrite_no_standing(national):
    before = ids()

    imported(
        national, "girls", [row("ks2-rwm", "E08000001", "2013/14", "50", breakdown="sex:girls")]
    )
    ks2 = Standing.objects.get(indicator__code="ks2-rwm", area__code="E08000002")
    same = f"{ks2.value:g}"
    imported(national, "same", [row("ks2-rwm", "E08000002", ks2.period.label, same,
                                    lower=f"{ks2.lower:g}", upper=f"{ks2.upper:g}")])  # fmt: skip

    assert rewritten(before) == set()


def test_a_new_indicator_gets_every_standing(national):
    make_indicator("reading", polarity="high_is_good")
    imported(national, "new", [row("reading", code, "2013/14", str(60 + n))
                               for n, code in enumerate(AUTHORITIES)])  # fmt: skip

    assert Standing.objects.filter(indicator__code="reading").count() == len(AUTHORITIES)
    refreshed = stored()
    assert refreshed == as_recomputed()


def one_value_queries(folder) -> int:
    with CaptureQueriesContext(connection) as captured:
        imported(folder, "one", [row("ks2-rwm", "E08000001", "2010/11", "56.5")])
    return len(captured)


def test_a_small_import_asks_as_many_queries_of_a_larger_database(national):
    """The queries of a one-value import do not grow with the indicators, years and
    values stored: nothing is read for every indicator or every value."""
    small = one_value_queries(national)
    for n in range(20):
        make_indicator(f"more-{n}", polarity="high_is_good")
    rows = [row(f"more-{n}", code, year, str(50 + n)) for n in range(20)
            for code in AUTHORITIES for year in YEARS]  # fmt: skip
    imported(national, "more", rows)
    imported(national, "back", [row("ks2-rwm", "E08000001", "2010/11", "55.5")])

    assert one_value_queries(national) == small


def plans(queries: list[dict]) -> list[str]:
    """SQLite's plan for each query that reads values."""
    found = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if sql.startswith("SELECT") and "indicators_datapoint" in sql:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                steps = [step[-1] for step in cursor.fetchall()]
                found += [step for step in steps if "indicators_datapoint" in step]
    return found


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans; PostgreSQL's differ")
def test_values_are_read_by_an_index_led_by_the_indicator_or_the_area(national, partnership):
    """Neither an import nor a scorecard reads the values table through, nor every
    indicator's values in a period: what they read follows the indicators they touch."""
    from goldenthread.indicators.scorecard import histories, scorecard, spine

    with CaptureQueriesContext(connection) as captured:
        record_data_point(indicator="absence", area="E08000002", period="2013/14", value="50")
        imported(national, "one", [row("ks2-rwm", "E92000001", "2012/13", "61")])
        rows = scorecard(partnership)
        spine(partnership, rows)
        histories(partnership, list(Indicator.objects.all()))
    steps = plans(captured.captured_queries)

    assert steps
    for step in steps:
        assert step.startswith("SEARCH"), step
        assert "(indicator_id=?" in step or "(area_id=?" in step, step


def test_a_fingertips_set_that_redefines_an_indicator_reworks_all_its_standings(db, tmp_path):
    """Values imported unchanged move no standing, but a polarity the set teaches
    moves every rank: the indicator's standings are all worked out again."""
    from goldenthread.indicators.fingertips.importing import import_fingertips
    from goldenthread.indicators.tests.test_fingertips_quick_way import row as export_row
    from goldenthread.indicators.tests.test_fingertips_quick_way import write

    places = [
        ("E92000001", "England", "", "England"),
        ("E12000001", "Region 1", "E92000001", "Region"),
    ]
    places += [(f"E0600000{n}", f"Authority {n}", "E12000001", "County & UA") for n in range(1, 7)]
    rng = random.Random(2)
    rows = [export_row(rng, "90002", *place, year, "Persons") for place in places
            for year in (2013, 2014)]  # fmt: skip
    export = write(tmp_path / "export.csv", rows)
    import_fingertips([export])
    indicator = Indicator.objects.get(external_id="90002")
    learnt = indicator.polarity
    indicator.polarity = Polarity.UNKNOWN  # not known when its standings were worked out
    indicator.save()
    refresh_standings([indicator.pk])
    assert not Standing.objects.filter(rank__isnull=False).exists()

    import_fingertips([export])

    indicator.refresh_from_db()
    assert indicator.polarity == learnt != Polarity.UNKNOWN
    refreshed = stored()
    assert Standing.objects.filter(rank__isnull=False).count() == 6
    assert refreshed == as_recomputed()


def ranks(code: str) -> dict[int, int]:
    return dict(
        Standing.objects.filter(indicator__code=code, rank__isnull=False).values_list(
            "area_id", "rank"
        )
    )


def test_a_polarity_turned_round_by_a_definitions_file_reranks_every_authority(national, tmp_path):
    before = ranks("ks2-rwm")
    path = tmp_path / "definitions.csv"
    path.write_text(
        "code,title,definition,unit,polarity,period_type\n"
        "ks2-rwm,Pupils at level 4 or above,,percentage,low_is_good,academic_year\n"
    )

    import_definitions(path)

    after = ranks("ks2-rwm")
    assert after != before and set(after) == set(before)
    assert stored() == as_recomputed()


def test_a_polarity_changed_on_the_web_reranks_and_other_changes_do_not(national, superuser):
    absence = Indicator.objects.get(code="absence")
    fields = {"title": "Persistent absence", "polarity": "low_is_good"}
    before = ids()

    change_indicator(absence, partnership=None, fields=fields, by=superuser, expected_version=1)
    assert rewritten(before) == set()  # the title is not in any standing

    fields["polarity"] = "high_is_good"
    change_indicator(absence, partnership=None, fields=fields, by=superuser, expected_version=2)
    assert rewritten(before) == {key for key in before if key[0] == absence.pk}
    assert stored() == as_recomputed()


def test_new_statistical_neighbours_rework_every_comparison_with_them(national, areas):
    thurrock = Standing.objects.get(indicator__code="ks2-rwm", area=areas["thurrock"])
    newest = NeighbourSet.objects.filter(area=areas["thurrock"]).latest("in_force_from")
    Neighbour.objects.filter(neighbour_set=newest).delete()
    Neighbour.objects.create(neighbour_set=newest, area=areas[OTHER_AUTHORITIES[0]], rank=1)

    reference_data_changed.send(sender=Area)  # as the area importers do

    changed = Standing.objects.get(indicator__code="ks2-rwm", area=areas["thurrock"])
    assert changed.neighbours != thurrock.neighbours
    assert stored() == as_recomputed()
