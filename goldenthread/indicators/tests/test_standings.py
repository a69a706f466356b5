import pytest

from goldenthread.areas.models import Area
from goldenthread.indicators import stats
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.models import Standing
from goldenthread.indicators.standings import standings_of

from .world import OTHER_AUTHORITIES, make_indicator, row, write_values

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
    assert thurrock.trend == [["2011/12", 70], ["2012/13", 72], ["2013/14", 77]]


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
