"""The indicator page's "Compare areas" section, and the scorecard's spine chart, for a
world of eight authorities with NEET values and their limits, built once."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goldenthread.areas.models import Area, Boundary, BoundarySet
from goldenthread.conftest import THURROCK, built_once
from goldenthread.indicators import stats
from goldenthread.indicators.importers.values import import_values
from goldenthread.indicators.judgements import compared_with
from goldenthread.indicators.models import Indicator
from goldenthread.partnerships.tests.factories import PartnershipFactory

from .world import OTHER_AUTHORITIES, build_areas, make_indicator, row, write_values

# NEET by authority: value, lower and upper 95% limits; England's is 4.7%.
NEET = {"E06000034": (5.4, 4.8, 6.1)} | {
    code: (4 + n / 2, 3.6 + n / 2, 4.4 + n / 2) for n, code in enumerate(OTHER_AUTHORITIES)
}
ENGLAND = 4.7


def square(n: int) -> dict:
    west = n % 4 * 0.5
    south = 51 + n // 4 * 0.5
    ring = [[west, south], [west + 0.5, south], [west + 0.5, south + 0.5], [west, south + 0.5]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def build_neet(tmp_path) -> int:
    partnership = PartnershipFactory(**THURROCK)
    partnership.area = build_areas()["thurrock"]
    partnership.save()
    make_indicator(
        "neet",
        title="16 to 18 year olds not in education, employment or training",
        polarity="low_is_good",
        period_type="financial_year",
        decimals=1,
    )
    rows = [row("neet", area="E92000001", period="2014/15", value=str(ENGLAND))]
    rows += [row("neet", area="E06000034", period="2013/14", value="6.1", lower="5.5", upper="6.7")]
    rows += [
        row("neet", area=code, period="2014/15", value=str(v), lower=str(lo), upper=str(hi))
        for code, (v, lo, hi) in NEET.items()
    ]
    import_values(write_values(tmp_path / "neet.csv", rows))
    authorities = Area.objects.filter(code__in=NEET).order_by("code")
    for n, area in enumerate(authorities):
        Boundary.objects.create(map="squares", kind="shape", area=area, geometry=square(n))
    # A map with only Thurrock on it: never the one chosen.
    Boundary.objects.create(
        map="a-thurrock-only",
        kind="shape",
        area=authorities.get(code="E06000034"),
        geometry=square(0),
    )
    return partnership.pk


@pytest.fixture(scope="module")
def neet_world(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from built_once(django_db_blocker, build_neet, tmp_path_factory.mktemp("neet"))


@pytest.fixture
def neet(neet_world, db):
    return Indicator.objects.get(code="neet")


def page(client, **query) -> str:
    response = client.get(reverse("indicators:indicator", args=["thurrock", "neet"]), query)
    assert response.status_code == 200
    return response.content.decode()


def judgement(indicator, code: str) -> str:
    value, lower, upper = NEET[code]
    return compared_with(indicator, ENGLAND, value, lower, upper)


def table_rows(markup: str, caption: str) -> list[list[str]]:
    """A table's body as text, cell by cell, found by its caption."""
    table = markup[markup.index(caption) :]
    body = table[table.index("<tbody") : table.index("</tbody>")]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.DOTALL)]
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)
    ]  # fmt: skip


def test_the_page_compares_every_authority_with_england_in_a_chart_and_a_table(client, neet):
    markup = page(client)

    assert "Compare areas" in markup
    rows = table_rows(markup, "Areas compared, 2014/15")
    values = [v for v, _, _ in NEET.values()]
    expected = [
        [
            f"{name}" + (" ◆ (statistical neighbour)" if code in OTHER_AUTHORITIES[:3] else ""),
            f"{v:.1f}%",
            f"{lo:.1f}% to {hi:.1f}%",
            judgement(neet, code),
            f"{stats.rank(v, values, 'low_is_good')} of {len(NEET)}",
        ]
        for code, (v, lo, hi) in sorted(NEET.items(), key=lambda item: -item[1][0])
        for name in [Area.objects.get(code=code).name]
    ]
    assert rows == expected
    alternative = re.search(r'<div role="img" aria-label="([^"]*compared, 2014/15[^"]*)"', markup)
    assert alternative is not None
    thurrock = f"Thurrock: 5.4%, {judgement(neet, 'E06000034').lower()}"
    assert thurrock in html.unescape(alternative.group(1))


def test_the_chart_colours_each_bar_by_its_judgement(client, neet):
    from goldenthread.charts.colours import significance_colour

    markup = page(client)

    for code in NEET:
        bar = re.search(rf'<g id="[^"]*bar-{code}">\s*<path[^>]*style="fill: (#\w+)', markup)
        assert bar.group(1) == significance_colour(judgement(neet, code)), code


def test_only_the_authorities_of_thurrocks_boundary_set_are_compared(client, neet):
    counties = BoundarySet.objects.create(name="County & UA", tier="upper")
    districts = BoundarySet.objects.create(name="District & UA", tier="lower")
    for code in ["E06000034", *OTHER_AUTHORITIES[:4]]:
        Area.objects.get(code=code).boundary_sets.add(counties)
    for code in OTHER_AUTHORITIES[4:]:
        Area.objects.get(code=code).boundary_sets.add(districts)

    rows = table_rows(page(client), "Areas compared, 2014/15")

    assert len(rows) == 5
    assert all(r[4].endswith("of 5") for r in rows)
    assert "Borough 7" not in {r[0] for r in rows}


def test_the_trend_shows_thurrocks_95_percent_limits(client, neet):
    assert "95% limits" in page(client)


def test_the_page_reads_as_many_queries_however_many_authorities(client, neet, tmp_path):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page(client)
        return len(captured)

    before = queries()
    region = Area.objects.get(code="E12000006")
    more = [
        Area.objects.create(code=f"E0900000{n}", name=f"London {n}", kind="local_authority", parent=region)
        for n in range(1, 6)
    ]  # fmt: skip
    for n, area in enumerate(more, start=len(NEET)):
        Boundary.objects.create(map="squares", kind="shape", area=area, geometry=square(n))
    import_values(
        write_values(
            tmp_path / "more.csv",
            [row("neet", area=a.code, period="2014/15", value="5", lower="4.5", upper="5.5") for a in more],
        )
    )  # fmt: skip

    assert queries() == before


def test_the_scorecard_shows_thurrocks_profile_with_its_table(client, neet):
    response = client.get(reverse("indicators:scorecard", args=["thurrock"]))
    markup = response.content.decode()

    assert "Thurrock&#x27;s profile" in markup or "Thurrock's profile" in markup
    assert re.search(
        r'<div role="img" aria-label="Thurrock against England and every authority\.', markup
    )
    [neet_row] = table_rows(markup, "Thurrock against England and every authority</caption>")
    values = sorted(v for v, _, _ in NEET.values())
    # Low is good: the worst is the highest value, the best the lowest.
    assert neet_row[:4] == [neet.title, "5.4%", f"{ENGLAND}%", f"{values[-1]:.1f}%"]
    assert neet_row[-2:] == [f"{values[0]:.1f}%", judgement(neet, "E06000034")]
