"""A value sent to the API is one record for the values importer, checked as a file of
millions is, and written without a file."""

import tempfile

from rest_framework.test import APIClient

from goldenthread.api.models import ApiToken
from goldenthread.indicators.models import DataPoint, DataRevision


def test_a_value_sent_to_the_api_is_one_record_written_without_a_file(manager, ks2, monkeypatch):
    def no_files(*args, **kwargs):
        raise AssertionError("a value sent to the API needs no file")

    for name in ("TemporaryDirectory", "NamedTemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, no_files)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(manager, 'tests')[1]}")
    value = {"indicator": "ks2-rwm", "area": "E06000034", "period": "2014-15", "value": 77}

    assert api.post("/api/v1/data-points/", value, format="json").status_code == 201
    revised = api.post("/api/v1/data-points/", value | {"value": 78}, format="json")
    bad = api.post("/api/v1/data-points/", value | {"value": 140, "lower": 130}, format="json")

    assert revised.status_code == 201 and revised.json()["period"] == "2014/15"
    assert DataRevision.objects.get().replaced_from == "the API"
    assert bad.status_code == 400
    assert bad.json()["errors"] == [
        {"field": "value", "messages": ["140 is not a percentage between 0 and 100"]},
        {"field": "upper", "messages": ["give both confidence limits or neither"]},
    ]
    assert DataPoint.objects.get().value == 78
