"""What an audit entry of a new record holds: the record's own fields as they were set,
not the relations that point at it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from goldenthread.audit.models import AuditEntry
from goldenthread.plans.models import Action, DeliveryPlan, Plan
from goldenthread.plans.tests.factories import ActionFactory


def test_a_new_record_is_recorded_with_its_own_fields_only(db):
    action = ActionFactory(text="Run a summer reading challenge")

    for model in (Action, DeliveryPlan, Plan):
        entry = AuditEntry.objects.get(
            action=AuditEntry.Action.CREATE, content_type__model=model._meta.model_name
        )
        own = {field.name for field in model._meta.concrete_fields}
        assert set(entry.changes_dict) <= own, model
    entry = AuditEntry.objects.get_for_object(action).get()
    assert entry.changes_dict["text"] == [None, "Run a summer reading challenge"]
    assert "updates" not in entry.changes_dict  # a relation pointing at it


def test_recording_a_new_record_reads_nothing_of_what_points_at_it(db):
    delivery_plan = ActionFactory().delivery_plan
    with CaptureQueriesContext(connection) as queries:
        DeliveryPlan.objects.create(
            plan=delivery_plan.plan, year_start=delivery_plan.year_start + 1
        )
    selects = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert not [sql for sql in selects if "plans_annualreport" in sql], selects
