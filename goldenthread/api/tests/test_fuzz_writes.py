"""Generated JSON against the API's write endpoints, and odd query parameters against its
lists: whatever is sent, the answer is a success or a problem object the caller can act
on, never a server error. Bounded: a fixed number of derandomised examples and a fixed
table, so it runs the same, in well under a minute, every time."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.api.tests.conftest import PROBLEM

pytestmark = pytest.mark.fuzz

FIELDS = [
    "indicator", "area", "period", "breakdown", "value", "numerator", "denominator", "lower",
    "upper", "status", "note", "source", "kind", "due_label", "amount", "rule", "commentary",
    "confidence", "evidence_url", "expected_version",
]  # fmt: skip
ODD_TEXT = st.sampled_from(
    ["", " ", "ks2-rwm", "E06000034", "2014/15", "2011-12", "SEX:BOYS", "NaN", "Infinity",
     "1e400", "-0", "true", "\u202e", "\x00", "😀", "a" * 3000, '=HYPERLINK("x")']
)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | ODD_TEXT
    | st.text(max_size=20)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
BODIES = st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=8) | JSON


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/data-points/",
        "/api/v1/targets/?partnership=thurrock",
        "/api/v1/actions/{}/updates/",
    ],
    ids=["values", "targets", "updates"],
)
@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=BODIES)
def test_no_json_body_gets_a_server_error(manager_api, action, path, body):
    answered = manager_api.generic(
        "POST", path.format(action.pk), json.dumps(body), content_type="application/json"
    )

    assert answered.status_code < 500, (body, answered.content[:300])
    if answered.status_code >= 400:
        assert answered["Content-Type"] == PROBLEM


LISTS = [
    "actions", "aims", "objectives", "plans", "data-points", "targets", "boards", "meetings",
    "indicators", "partnerships", "partnerships/thurrock/evaluations",
]  # fmt: skip
PARAMETERS = [
    "aim", "objective", "plan", "year", "status", "page", "page_size", "indicator", "area",
    "period", "breakdown", "partnership", "overdue", "confidence", "rag", "board",
]  # fmt: skip
ODD_QUERIES = ["²", "٣", "1" * 40, "1e400", "NaN", "-1", "\x00", "'", "%", "9" * 400]


@pytest.mark.parametrize("path", LISTS)
def test_no_odd_query_gets_a_server_error(manager_api, action, path):
    for name in PARAMETERS:
        for odd in ODD_QUERIES:
            answered = manager_api.get(f"/api/v1/{path}/", {name: odd})

            assert answered.status_code < 500, (name, odd, answered.status_code)
