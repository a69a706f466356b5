"""A record brought up to date with a file: only what differs is written."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from goldenthread.areas.models import Area
from goldenthread.lib.records import save_changes


def test_only_what_differs_is_saved_and_a_related_record_is_compared_by_key(db):
    england = Area.objects.create(code="E92000001", name="England", kind="country")
    region = Area.objects.create(code="E12000006", name="East", kind="region", parent=england)
    region = Area.objects.get(pk=region.pk)  # as read, its parent not

    with CaptureQueriesContext(connection) as queries:
        assert save_changes(region, {"name": "East", "parent": england}) == []
    assert len(queries) == 0

    with CaptureQueriesContext(connection) as queries:
        assert save_changes(region, {"name": "East of England", "parent": england}) == ["name"]
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1 and "parent" not in updates[0]
    assert Area.objects.get(pk=region.pk).name == "East of England"
