"""What the API's write endpoints make of odd input: a value written as people write it is
read as the importer reads it (201, the value as stored); anything else is a 400 problem
naming the field, with nothing saved. Never a 500, and its own 500s and 503s are
problem objects too, not HTML pages."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.db import OperationalError
from django.test import RequestFactory

from goldenthread.api import problems
from goldenthread.api.tests.conftest import PROBLEM
from goldenthread.indicators.models import DataPoint, Target

VALUES = "/api/v1/data-points/"


def value(**given) -> dict:
    return {"indicator": "ks2-rwm", "area": "E06000034", "period": "2014/15", "value": 77} | given


def post(api, body, path: str = VALUES):
    """Send the body as it is: a dict as JSON, a str or bytes as written."""
    data = json.dumps(body) if isinstance(body, dict) else body
    return api.generic("POST", path, data, content_type="application/json")


# As written, and as stored: what people write for a period or a breakdown is read as the
# importer reads it, and the value is answered as it was stored.
WRITTEN = [
    ({"breakdown": "SEX:BOYS"}, "breakdown", "sex:boys"),
    ({"breakdown": " Sex:Boys "}, "breakdown", "sex:boys"),
    ({"period": "2011-12"}, "period", "2011/12"),
    ({"period": "2012-2013"}, "period", "2012/13"),
    ({"period": "2012/2013"}, "period", "2012/13"),
    ({"period": "2013–14"}, "period", "2013/14"),
    ({"indicator": "looked-after", "period": "2011-12"}, "period", "2011/12"),
    ({"indicator": "births", "period": "2011"}, "period", "Jan to Dec 2011"),
    ({"value": "77"}, "value", 77.0),
    ({"value": 77.5}, "value", 77.5),
]


@pytest.mark.parametrize(("given", "field", "stored"), WRITTEN, ids=[str(w[0]) for w in WRITTEN])
def test_a_value_written_as_people_write_it_is_stored_and_answered_as_stored(
    manager_api, given, field, stored
):
    first = post(manager_api, value(**given))
    again = post(manager_api, value(**given))

    assert first.status_code == 201, first.content
    assert first.json()[field] == stored
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert DataPoint.objects.count() == 1


# What cannot be read, and the field the problem names.
REFUSED = [
    ({"value": True}, "value"),
    ({"value": False}, "value"),
    ({"numerator": True}, "numerator"),
    ({"lower": True, "upper": 80}, "lower"),
    ({"value": "seventy"}, "value"),
    ({"value": "NaN"}, "value"),
    ({"value": "Infinity"}, "value"),
    ({"value": "-inf"}, "value"),
    ({"value": 1e300}, "value"),
    ({"indicator": "births", "period": "2011", "value": 1e300}, "value"),
    ({"indicator": "births", "period": "2011", "value": -(10**16)}, "value"),
    ({"denominator": 10**400}, "denominator"),
    ({"value": [77]}, "value"),
    ({"value": {"value": 77}}, "value"),
    ({"value": None}, "value"),
    ({"value": "7" * 2000}, "value"),
    ({"period": "2011-13"}, "period"),
    ({"period": "twenty eleven"}, "period"),
    ({"indicator": "births", "period": "2011/12"}, "period"),
    ({"period": True}, "period"),
    ({"period": ["2014/15"]}, "period"),
    ({"breakdown": "Sex: Boys"}, "breakdown"),
    ({"breakdown": "sex:boys:girls"}, "breakdown"),
    ({"breakdown": False}, "breakdown"),
    ({"area": 6000034}, "area"),
    ({"area": "E06000034\x00"}, "area"),
    ({"indicator": True}, "indicator"),
    ({"indicator": {"code": "ks2-rwm"}}, "indicator"),
    ({"status": True}, "status"),
    ({"note": ["a"]}, "note"),
    ({"note": "\ud800"}, "note"),
    ({"note": "a\x00b"}, "note"),
]


@pytest.mark.parametrize(("given", "field"), REFUSED, ids=[str(r[0])[:40] for r in REFUSED])
def test_what_cannot_be_read_is_a_400_naming_the_field_and_nothing_is_saved(
    manager_api, given, field
):
    refused = post(manager_api, value(**given))

    assert refused.status_code == 400, refused.content
    assert refused["Content-Type"] == PROBLEM
    assert field in [error["field"] for error in refused.json()["errors"]]
    assert not DataPoint.objects.exists()


def test_a_target_of_true_or_of_infinity_is_refused_naming_the_field(manager_api, partnership):
    targets = f"/api/v1/targets/?partnership={partnership.slug}"
    target = {"indicator": "ks2-rwm", "value": 80, "due_label": "2015/16"}

    for field, odd in [("value", True), ("value", "Infinity"), ("amount", 1e300)]:
        refused = post(manager_api, target | {field: odd}, targets)

        assert refused.status_code == 400, refused.content
        assert [e["field"] for e in refused.json()["errors"]] == [field]
    assert not Target.objects.exists()


BODIES = [
    "[" * 100_000,
    "{" * 100_000,
    '{"a":' * 50_000,
    "[" * 5_000 + "]" * 5_000,
    "",
    "null",
    "true",
    "77",
    '"a string"',
    "[]",
    '[{"indicator": "ks2-rwm"}]',
    '{"value": NaN}',
    '{"value": Infinity}',
    '{"value": 1e400}',
    '{"value": -1e999}',
    '{"value": 1' + "0" * 5000 + "}",
    '{"indicator": "ks2-rwm", "indicator": true}',
    '{"value": 77',
    '{"value": "\\ud800"}',
    "\xff\xfe{",
]


@pytest.mark.parametrize(
    "path",
    [VALUES, "/api/v1/targets/?partnership=thurrock", "/api/v1/actions/{}/updates/"],
    ids=["values", "targets", "updates"],
)
def test_odd_json_is_answered_with_a_problem_never_a_server_error(manager_api, action, path):
    path = path.format(action.pk)
    for body in BODIES:
        data = body.encode("latin-1") if body.startswith("\xff") else body
        answered = manager_api.generic("POST", path, data, content_type="application/json")

        assert answered.status_code == 400, (body[:40], answered.status_code)
        assert answered["Content-Type"] == PROBLEM
        assert answered.json()["status"] == 400
    assert not DataPoint.objects.exists() and not Target.objects.exists()
    assert not action.updates.exists()


def test_a_body_nested_too_deep_is_a_400_that_says_so(manager_api):
    refused = post(manager_api, "[" * 100_000)

    assert refused.status_code == 400
    assert "nested" in refused.json()["detail"]


def test_a_locked_database_is_a_503_problem_with_when_to_try_again(manager_api, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("goldenthread.api.views.record_data_point", locked)

    answered = post(manager_api, value())

    assert answered.status_code == 503
    assert answered["Content-Type"] == PROBLEM
    assert answered["Retry-After"] == "60"
    assert answered.json()["title"] == "The service is unavailable"
    assert "database is locked" not in answered.content.decode()  # nothing of our insides


def test_a_fault_of_ours_is_a_500_problem_and_is_logged(manager_api, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr("goldenthread.api.views.record_data_point", broken)

    answered = post(manager_api, value())

    assert answered.status_code == 500
    assert answered["Content-Type"] == PROBLEM
    assert answered.json()["title"] == "Something went wrong on our side"
    assert "a bug of ours" not in answered.content.decode()
    assert "a bug of ours" in caplog.text  # the operator still sees the traceback


def test_a_value_is_never_saved_behind_a_500(manager_api, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("cannot answer")

    monkeypatch.setattr(
        "goldenthread.api.serializers.DataPointSerializer.to_representation", broken
    )

    answered = post(manager_api, value())

    assert answered.status_code == 500
    assert not DataPoint.objects.exists()


@pytest.mark.parametrize(
    ("error", "status"),
    [(DisallowedHost("evil.example"), 400), (RequestDataTooBig("too big"), 413)],
)
def test_what_django_refuses_as_the_callers_stays_a_4xx_problem(
    manager_api, monkeypatch, error, status
):
    def refused(*args, **kwargs):
        raise error

    monkeypatch.setattr("goldenthread.api.views.record_data_point", refused)

    answered = post(manager_api, value())

    assert answered.status_code == status
    assert answered["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    ("error", "status"), [(OperationalError("database is locked"), 503), (KeyError("x"), 500)]
)
def test_a_failure_outside_the_api_views_is_a_problem_on_api_addresses(error, status):
    request = RequestFactory().post(VALUES)
    try:
        raise error
    except type(error):
        answered = problems.server_error(request)

    assert answered.status_code == status
    assert answered["Content-Type"] == PROBLEM
    assert json.loads(answered.content)["status"] == status


def test_a_failure_elsewhere_is_still_the_html_page():
    request = RequestFactory().get("/thurrock/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        answered = problems.server_error(request)

    assert answered.status_code == 503
    assert answered["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("aim", ["²", "٣", "1" * 40, "-1", "1.5"])
def test_an_aim_that_is_not_a_plain_number_is_a_400_naming_it(manager_api, partnership, aim):
    url = f"/api/v1/partnerships/{partnership.slug}/evaluations/"

    refused = manager_api.get(url, {"aim": aim})

    assert refused.status_code == 400, refused.content
    assert refused["Content-Type"] == PROBLEM
    assert [e["field"] for e in refused.json()["errors"]] == ["aim"]


def test_a_value_saved_is_a_201_even_if_redrawing_the_charts_cannot_be_queued(
    manager_api, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(
        "goldenthread.reports.tasks.draw_report_charts", SimpleNamespace(enqueue=locked)
    )

    with django_capture_on_commit_callbacks(execute=True):
        saved = post(manager_api, value(breakdown="SEX:BOYS", period="2011-12"))

    assert saved.status_code == 201, saved.content
    assert saved.json()["breakdown"] == "sex:boys" and saved.json()["period"] == "2011/12"
    assert DataPoint.objects.count() == 1
    assert "database is locked" in caplog.text  # the operator sees what was not queued
