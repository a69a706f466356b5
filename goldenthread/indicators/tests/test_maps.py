"""The indicator page's map, coloured by significance against England or by quintile,
on the NEET world of ``test_compare_areas.py``."""

import re
from html import unescape

import pytest

from goldenthread.areas.models import Boundary
from goldenthread.charts.colours import NO_DATA, QUINTILES, significance_colour, significance_word
from goldenthread.conftest import built_once
from goldenthread.indicators import stats
from goldenthread.indicators.models import DataPoint, Indicator

from .test_compare_areas import NEET, build_neet, judgement, page, table_rows


@pytest.fixture(scope="module")
def neet_world(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from built_once(django_db_blocker, build_neet, tmp_path_factory.mktemp("neet"))


@pytest.fixture
def neet(neet_world, db):
    return Indicator.objects.get(code="neet")


def area_fills(markup: str) -> dict[str, str]:
    return dict(re.findall(r'<g id="[^"]*area-(\w+)">\s*<path[^>]*style="fill: (#\w+)', markup))


def test_the_map_colours_each_authority_by_its_judgement_against_england(client, neet):
    markup = page(client)

    assert area_fills(markup) == {
        code: significance_colour(judgement(neet, code)) for code in NEET
    }  # the map with every authority, not the one with Thurrock alone
    label = unescape(
        re.search(r'aria-label="([^"]*) The table below gives every area\."', markup).group(1)
    )
    assert "coloured by comparison with England" in label
    assert (
        f"Thurrock, outlined, is {significance_word(judgement(neet, 'E06000034')).lower()}" in label
    )
    rows = table_rows(markup, "Areas on the map, 2014/15")
    assert sorted(r[2] for r in rows) == sorted(
        significance_word(judgement(neet, code)) for code in NEET
    )


def test_the_map_can_show_quintiles_instead(client, neet):
    markup = page(client, map="quintile")

    values = [v for v, _, _ in NEET.values()]
    assert area_fills(markup) == {
        code: QUINTILES[stats.quintile(v, values, "low_is_good") - 1]
        for code, (v, _, _) in NEET.items()
    }
    assert 'href="?map=significance#map"' in markup
    assert "coloured by fifths of all values" in markup


def test_values_without_limits_are_mapped_by_quintile(client, neet):
    DataPoint.objects.filter(indicator=neet).update(lower=None, upper=None)

    markup = page(client)

    assert "cannot be judged against England, as they have no confidence limits" in markup
    assert set(area_fills(markup).values()) <= set(QUINTILES) | {NO_DATA}


def test_without_a_stored_map_the_page_has_no_map(client, neet):
    Boundary.objects.all().delete()

    markup = page(client)

    assert "Compare areas" in markup and 'id="map"' not in markup


@pytest.mark.parametrize("asked", ["nonsense", ""])
def test_an_unknown_map_colouring_falls_back_to_significance(client, neet, asked):
    markup = page(client, map=asked)

    assert area_fills(markup)["E06000034"] == significance_colour(judgement(neet, "E06000034"))
