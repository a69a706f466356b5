"""Odd query values on the main pages: never a server error (issue 18).

``?aim=²`` once gave 500: "²" is a digit to ``str.isdigit`` but not to ``int``. Each
page's query parameters are filled with values people and scanners send (other scripts'
digits, NUL, huge numbers, impossible years, markup, very long text), then with text
Hypothesis makes up; a page may ignore them, say "not found" or say what is wrong, but
never fail. Bounded: a fixed list, and a few derandomised examples.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.boards.tests.factories import BoardFactory
from goldenthread.conftest import built_once
from goldenthread.indicators.tests.world import make_indicator
from goldenthread.lib.query import whole_number
from goldenthread.partnerships.models import Visibility
from goldenthread.partnerships.tests.factories import PartnershipFactory, UserFactory
from goldenthread.plans.tests.factories import ActionFactory, PlanFactory

ODD = [
    "²",  # a digit to str.isdigit, not to int
    "١٢",  # Arabic-Indic digits
    "\x00",
    "-1",
    "9" * 40,
    "2014-99",
    "<b>'\"" + "x" * 3000,
]


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    def build():
        partnership = PartnershipFactory(slug="fuzzed", visibility=Visibility.PUBLIC)
        action = ActionFactory(objective__aim__plan=PlanFactory(partnership=partnership))
        make_indicator(code="fuzzed-indicator", partnership=partnership).objectives.add(
            action.objective
        )
        BoardFactory(partnership=partnership, slug="fuzzed-board")
        return UserFactory(username="fuzzer", is_superuser=True, is_staff=True).pk

    yield from built_once(django_db_blocker, build)


# Each page with the query parameters it reads.
PAGES: list[tuple[str, dict, tuple[str, ...]]] = [
    ("plans:overview", {}, ("year",)),
    ("plans:tree", {"year": "2014-15"}, ("aim", "status", "lead", "q")),
    ("indicators:scorecard", {}, ("aim", "rag", "show", "kind", "year")),
    ("indicators:indicator", {"code": "fuzzed-indicator"}, ("map",)),
    ("boards:forward_plan", {}, ("board",)),
    ("audit:trail", {}, ("page", "since", "kind")),
    ("commentary:write", {"code": "fuzzed-indicator"}, ("period",)),
    ("checks:check", {"year": "2014-15"}, ("format",)),
    ("api:partnership-evaluations", {}, ("aim", "rag", "year", "page")),
]


def url(name: str, kwargs: dict) -> str:
    return reverse(name, kwargs={"slug": "fuzzed", **kwargs})


@pytest.fixture
def signed_in(client, fuzz_world, db):
    client.force_login(UserFactory._meta.model.objects.get(pk=fuzz_world))
    return client


@pytest.mark.slow  # every main page with every odd value: make test-fast leaves it out
@pytest.mark.parametrize(("name", "kwargs", "params"), PAGES, ids=[p[0] for p in PAGES])
def test_odd_query_values_never_fail(signed_in, name, kwargs, params):
    for param in params:
        for value in ODD:
            response = signed_in.get(url(name, kwargs), {param: value})
            assert response.status_code in (200, 400, 404), (name, param, value)


@pytest.mark.fuzz
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    page=st.sampled_from(PAGES),
    values=st.lists(st.text(max_size=12), min_size=1, max_size=4),
)
def test_made_up_query_values_never_fail(signed_in, page, values):
    name, kwargs, params = page
    query = dict(zip(params, values, strict=False))
    response = signed_in.get(url(name, kwargs), query)
    assert response.status_code in (200, 400, 404), (name, query)


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("", None),
        ("7", 7),
        (" 12 ", 12),
        ("²", "bad"),
        ("١٢", "bad"),
        ("-1", "bad"),
        ("9" * 40, "bad"),
    ],
)
def test_a_whole_number_is_ascii_digits_of_a_sensible_size(given, read):
    from goldenthread.lib.query import BadQuery

    if read == "bad":
        with pytest.raises(BadQuery):
            whole_number(given, "aim")
    else:
        assert whole_number(given, "aim") == read
