import datetime as dt

import pytest

from goldenthread.audit.context import Source
from goldenthread.audit.versions import EditConflict
from goldenthread.people.models import Person
from goldenthread.plans.models import ActionChange, Status, StatusSource
from goldenthread.plans.services import (
    add_update,
    apply_changes,
    confirm_status,
    edit_action,
    inferred_status_fields,
)


def test_it_records_each_changed_field_with_who_when_old_and_new(action, manager):
    edit_action(action, by=manager, expected_version=1, measure="Annual report", lead="LSCB")

    changes = {c.field: c for c in action.changes.all()}
    assert set(changes) == {"measure", "lead"}
    assert changes["measure"].old_value == "Progress report"
    assert changes["measure"].new_value == "Annual report"
    assert changes["lead"].changed_by == manager
    assert changes["lead"].via == Source.WEB
    assert changes["lead"].changed_at is not None
    action.refresh_from_db()
    assert action.measure == "Annual report"
    assert action.version == 2


def test_it_records_nothing_when_nothing_changed(action, manager):
    assert edit_action(action, by=manager, expected_version=1, measure=action.measure) == []
    assert not ActionChange.objects.exists()
    action.refresh_from_db()
    assert action.version == 1


def test_it_detects_a_concurrent_edit_and_keeps_the_first(action, manager, contributor):
    stale_copy = type(action).objects.get(pk=action.pk)
    edit_action(action, by=manager, expected_version=1, lead="LSCB")

    with pytest.raises(EditConflict, match="was changed by .* after you opened it"):
        edit_action(stale_copy, by=contributor, expected_version=1, lead="Police")

    action.refresh_from_db()
    assert action.lead == "LSCB"
    assert action.changes.count() == 1


def test_it_refuses_fields_that_are_not_plan_fields(action, manager):
    with pytest.raises(ValueError, match="status"):
        edit_action(action, by=manager, expected_version=1, status=Status.COMPLETED)


def test_an_update_with_a_status_makes_it_reported(action, contributor):
    apply_changes(
        action, inferred_status_fields(Status.NOT_STARTED, "pending", "still pending", True)
    )
    update = add_update(
        action,
        by=contributor,
        status=Status.COMPLETED,
        commentary="Report presented to H&WBB on 13.11.14",
        evidence_url="https://example.org/minutes.pdf",
        date=dt.date(2014, 11, 13),
        expected_version=action.version,
    )

    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    assert action.status_source == StatusSource.REPORTED
    assert action.status_basis == ""
    assert action.latest_commentary == "Report presented to H&WBB on 13.11.14"
    assert action.latest_update_on == dt.date(2014, 11, 13)
    assert update.author_name == (contributor.get_full_name() or contributor.username)
    status_change = action.changes.filter(field="status").first()  # newest first
    assert (status_change.old_value, status_change.new_value) == ("not_started", "completed")


def test_an_update_without_a_status_keeps_the_status(action, contributor):
    apply_changes(action, {"status": Status.IN_PROGRESS, "status_source": StatusSource.REPORTED})
    add_update(action, by=contributor, commentary="Draft written")
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    assert action.updates.count() == 1


def test_confirming_an_inferred_status_clears_the_mark(action, manager):
    apply_changes(
        action, inferred_status_fields(Status.DEFERRED, "deferred", "being deferred", True)
    )
    confirm_status(action, by=manager)
    action.refresh_from_db()
    assert action.status == Status.DEFERRED
    assert not action.is_inferred
    assert action.changes.filter(field="status_source", new_value="reported").exists()


def test_confirming_needs_a_status_when_none_is_known(action, manager):
    with pytest.raises(ValueError, match="Choose a status"):
        confirm_status(action, by=manager)


def test_a_conflict_names_whoever_added_the_last_update(action, contributor, manager):
    add_update(action, by=contributor, commentary="Draft written", expected_version=1)
    with pytest.raises(EditConflict, match=f"changed by {contributor.get_full_name()}"):
        edit_action(action, by=manager, expected_version=1, lead="LSCB")


def test_a_new_lead_with_the_same_name_as_the_old_is_still_a_change(action, manager):
    partnership = action.delivery_plan.plan.partnership
    first = Person.objects.create(partnership=partnership, name="Sam Reid", email="a@example.org")
    second = Person.objects.create(partnership=partnership, name="Sam Reid", email="b@example.org")
    apply_changes(action, {"lead_person": first}, by=manager, expected_version=1)

    [change] = apply_changes(action, {"lead_person": second}, by=manager, expected_version=2)

    action.refresh_from_db()
    assert action.lead_person == second
    assert (change.field, change.old_value, change.new_value) == (
        "lead_person",
        "Sam Reid",
        "Sam Reid",
    )
