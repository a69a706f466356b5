"""Records saved in bulk (an import's actions) are recorded together, in one statement,
with entries the same as auditlog's signals write for records saved one by one, and the
data versions moved on as those entries would move them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict

from goldenthread.audit.context import Source, acting
from goldenthread.audit.data_versions import data_version
from goldenthread.audit.models import AuditEntry
from goldenthread.audit.records import record_created
from goldenthread.partnerships.models import Membership, Role
from goldenthread.partnerships.tests.factories import PartnershipFactory
from goldenthread.plans.models import Action, ActionUpdate
from goldenthread.plans.tests.factories import ActionFactory
from goldenthread.plans.tests.seed import import_seed

# What differs between two entries written for one record at two moments.
NOT_COMPARED = {"id", "timestamp"}


def written_by_signals(instance) -> dict:
    """The 'created' entry auditlog's signals wrote when the record was saved."""
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(instance),
        object_pk=str(instance.pk),
        action=AuditEntry.Action.CREATE,
    )
    return comparable(entry)


def comparable(entry: AuditEntry) -> dict:
    return {k: v for k, v in model_to_dict(entry).items() if k not in NOT_COMPARED}


def test_entries_written_together_are_those_signals_write_one_by_one(partnership, manager):
    """A plan's record, a partnership's, and a user account (shared, its password masked),
    each saved as a manager on the web would save it."""
    with acting(manager, Source.WEB, "192.0.2.7"):
        action = ActionFactory(objective__aim__plan__partnership=partnership, code="8.11")
        someone = get_user_model().objects.create(username="sam", password="md5$x$hash")
        role = Membership.objects.create(user=someone, partnership=partnership, role=Role.VIEWER)
        other = PartnershipFactory(name="Elsewhere", slug="elsewhere")
    records = [action, someone, role, other]
    expected = [written_by_signals(record) for record in records]

    with acting(manager, Source.WEB, "192.0.2.7"):
        entries = record_created(records)

    assert [comparable(AuditEntry.objects.get(pk=entry.pk)) for entry in entries] == expected
    assert {(e["actor"], e["source"], e["remote_addr"]) for e in expected} == {
        (manager.pk, Source.WEB, "192.0.2.7")
    }
    assert [e["partnership"] for e in expected] == [partnership.pk, None, partnership.pk, other.pk]


def test_outside_a_request_entries_are_a_commands(action):
    (entry,) = record_created([action])
    assert entry.source == Source.COMMAND and entry.actor is None


def test_entries_are_written_in_one_statement_and_move_each_version_once(
    action, django_assert_num_queries
):
    """Actions saved in bulk, as an import saves them."""
    actions = Action.objects.bulk_create(
        ActionFactory.build(
            objective=action.objective, delivery_plan=action.delivery_plan, code=f"1.{n}"
        )
        for n in range(1, 6)
    )
    partnership = action.delivery_plan.plan.partnership
    before = data_version(partnership)
    # Which actions were carried on from these (auditlog records it), the entries' insert,
    # and the version's upsert; the content types are cached.
    with django_assert_num_queries(3):
        record_created(actions)
    assert data_version(partnership) != before


def test_nothing_to_record_writes_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert record_created([]) == []


@pytest.fixture
def elsewhere(db):
    return PartnershipFactory(name="Elsewhere", slug="elsewhere")


def test_an_import_records_its_actions_and_moves_its_partnerships_version_alone(plan, elsewhere):
    partnership = plan.partnership
    before, theirs = data_version(partnership), data_version(elsewhere)

    import_seed(partnership)

    assert data_version(partnership) != before
    assert data_version(elsewhere) == theirs
    for model in (Action, ActionUpdate):
        recorded = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            action=AuditEntry.Action.CREATE,
            partnership=partnership,
            source=Source.COMMAND,
        )
        assert recorded.count() == model.objects.count() > 0
