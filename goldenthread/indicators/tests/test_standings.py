import datetime as dt

import pytest

from goldenthread.areas.models import Area, BoundarySet, Neighbour, NeighbourSet
from goldenthread.indicators import stats
from goldenthread.indicators.evaluation import evaluate
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import Standing
from goldenthread.indicators.standings import standings_of
from goldenthread.lib.wording import ordinal

from .world import OTHER_AUTHORITIES, make_indicator, row, write_values

OLD_AND_NEW = ["County & UA (pre 4/19)", "Counties & UAs (from Apr 2023)"]

# Thurrock and seven other authorities in 2013/14; two of them tie.
VALUES = dict(zip(["E06000034", *OTHER_AUTHORITIES], [77, 81, 75, 79, 79, 70, 84, 73], strict=True))


@pytest.fixture
def imported(ks2, areas, tmp_path):
    rows = [row(area=code, value=str(value)) for code, value in VALUES.items()]
    rows += [
        row(area="E92000001", value="79", lower="78.9", upper="79.1"),
        row(area="E12000006", value="78"),
        row(period="2012/13", value="72"),
        row(period="2011/12", value="70"),
    ]
    import_values(write_values(tmp_path / "ks2.csv", rows))
    return ks2


def standing(code: str) -> Standing:
    """The authority's stored standing: its latest period's."""
    return Standing.objects.get(area__code=code)


def test_each_authority_is_ranked_best_first_with_ties_sharing_the_lowest_rank(imported):
    ranks = {code: standing(code).rank for code in VALUES}

    assert ranks == {
        code: stats.rank(value, list(VALUES.values()), "high_is_good")
        for code, value in VALUES.items()
    }
    assert ranks["E08000006"] == 1
    assert ranks["E08000003"] == ranks["E08000004"] == 3
    assert standing("E06000034").ranked == 8


def test_quartile_bands_match_the_statistics_module(imported):
    for code, value in VALUES.items():
        expected = stats.quartile_band(value, list(VALUES.values()), "high_is_good")
        assert standing(code).quartile_band == expected


def test_a_standing_puts_the_value_beside_england_the_region_and_neighbours(imported, areas):
    thurrock = standing("E06000034")

    assert (thurrock.england, thurrock.region) == (79, 78)
    # The neighbours' own values, averaged, as no group figure was published.
    assert thurrock.neighbours == pytest.approx((81 + 75 + 79) / 3)
    assert (thurrock.period.label, thurrock.previous_value, thurrock.previous_period.label) == (
        "2013/14",
        72,
        "2012/13",
    )
    # Each value with its 95% limits, here not known.
    assert thurrock.trend == [
        ["2011/12", 70, None, None],
        ["2012/13", 72, None, None],
        ["2013/14", 77, None, None],
    ]


def test_only_the_latest_standing_is_stored_and_earlier_ones_are_worked_out_on_request(imported):
    assert Standing.objects.filter(area__code="E06000034").count() == 1

    thurrock = standings_of(imported, area_id=Area.objects.get(code="E06000034").pk)

    assert [(s.value, s.previous_value) for s in thurrock] == [(70, None), (72, 70), (77, 72)]


def test_a_published_group_average_is_used_where_there_is_one(imported, tmp_path):
    import_values(write_values(tmp_path / "sn.csv", [row(area="SN-E06000034", value="76")]))

    assert standing("E06000034").neighbours == 76


def test_england_and_regions_are_not_ranked_among_authorities(imported):
    assert not Standing.objects.filter(area__code__in=["E92000001", "E12000006"]).exists()


def test_an_indicator_without_polarity_is_not_ranked(areas, tmp_path):
    make_indicator("lac-count", unit="count", polarity="no_judgement", period_type="snapshot")
    rows = [
        row("lac-count", area=code, period="31 March 2015", value=str(n))
        for n, code in enumerate(VALUES, start=200)
    ]
    import_values(write_values(tmp_path / "lac.csv", rows))

    thurrock = standing("E06000034")
    assert (thurrock.rank, thurrock.quartile_band) == (None, "")


def test_authorities_are_ranked_only_among_their_own_boundary_set(ks2, areas, tmp_path):
    """A county abolished in 2019 is never ranked against the unitary that followed it:
    each is ranked among the authorities of its own boundary set."""
    old, new = (BoundarySet.objects.create(name=n, tier="upper") for n in OLD_AND_NEW)
    codes = ["E06000034", *OTHER_AUTHORITIES]
    for code in codes[:5]:
        old.areas.add(Area.objects.get(code=code))
    for code in ["E06000034", *codes[5:]]:
        new.areas.add(Area.objects.get(code=code))
    rows = [row(area=code, value=str(VALUES[code])) for code in codes]
    import_values(write_values(tmp_path / "ks2.csv", rows))

    thurrock = standing("E06000034")
    in_old = [VALUES[c] for c in codes[:5]]
    assert (thurrock.boundary_set, thurrock.ranked) == (old, 5)
    assert thurrock.rank == stats.rank(VALUES["E06000034"], in_old, "high_is_good")
    assert thurrock.quintile == stats.quintile(VALUES["E06000034"], in_old, "high_is_good")
    assert standing(codes[6]).ranked == 4  # the newer set: its three and Thurrock


def test_neighbours_are_the_set_in_force_in_the_period(ks2, areas, tmp_path):
    thurrock = Area.objects.get(code="E06000034")
    sets = {
        dt.date(2012, 4, 1): OTHER_AUTHORITIES[:3],
        dt.date(2021, 4, 1): OTHER_AUTHORITIES[3:7],
    }
    for day, members in sets.items():
        chosen = NeighbourSet.objects.create(area=thurrock, model="DfE", in_force_from=day)
        for rank, code in enumerate(members, start=1):
            Neighbour.objects.create(
                neighbour_set=chosen, area=Area.objects.get(code=code), rank=rank
            )
    rows = [row(area=code, value=str(value)) for code, value in VALUES.items()]
    import_values(write_values(tmp_path / "ks2.csv", rows))

    standing_then = standing("E06000034")
    earlier = [VALUES[c] for c in OTHER_AUTHORITIES[:3]]
    assert standing_then.neighbour_set.in_force_from == dt.date(2012, 4, 1)
    assert standing_then.neighbours == pytest.approx(sum(earlier) / 3)
    everyone = [VALUES["E06000034"], *earlier]
    assert standing_then.neighbour_rank == stats.rank(77, everyone, "high_is_good")
    assert standing_then.neighbour_ranked == 4
    evaluation = evaluate(standing_then, [], {standing_then.period_id: standing_then.period.value})
    assert evaluation.neighbour_standing == f"{ordinal(standing_then.neighbour_rank)} of 4"
