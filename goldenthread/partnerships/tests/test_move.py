"""Partnerships and memberships moved here from plans and accounts without losing a row,
and the audit trail still names each entry's kind."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("partnerships", None),
    ("plans", "0005_via_api"),
    ("accounts", "0002_alter_membership_role"),
    ("audit", "0001_initial"),
    ("areas", "0002_area_parents_and_groups"),
    ("contenttypes", "0002_remove_content_type_name"),
]
AFTER = [("plans", "0006_moved_to_partnerships")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.fixture
def migrated_forward_after():
    """Leave the database as every other test expects it: at the latest migrations."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.migrations
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_forward_after")
@pytest.mark.parametrize("new_kind_made_already", [False, True])
def test_the_move_keeps_rows_ids_and_the_kinds_audit_entries_name(new_kind_made_already):
    old = migrate(BEFORE)
    ContentType = old.get_model("contenttypes", "ContentType")
    if new_kind_made_already:  # a database migrated back and forth
        ContentType.objects.get_or_create(app_label="partnerships", model="partnership")
    area = old.get_model("areas", "Area").objects.create(code="E06000034", name="Thurrock")
    partnership = old.get_model("plans", "Partnership").objects.create(
        name="Thurrock", slug="thurrock", area=area
    )
    user = old.get_model("auth", "User").objects.create(username="mandy")
    membership = old.get_model("accounts", "Membership").objects.create(
        user=user, partnership=partnership, role="manager"
    )
    kind, _ = ContentType.objects.get_or_create(app_label="plans", model="partnership")
    entry = old.get_model("audit", "AuditEntry").objects.create(
        content_type=kind,
        object_pk=str(partnership.pk),
        object_repr="Thurrock",
        action=0,
        partnership_id=partnership.pk,
    )

    new = migrate(AFTER)
    Partnership = new.get_model("partnerships", "Partnership")
    moved = Partnership.objects.get(pk=partnership.pk)
    assert (moved.name, moved.slug, moved.area_id) == ("Thurrock", "thurrock", area.pk)
    assert new.get_model("partnerships", "Membership").objects.get(pk=membership.pk).role == (
        "manager"
    )
    entry = new.get_model("audit", "AuditEntry").objects.get(pk=entry.pk)
    kind = new.get_model("contenttypes", "ContentType").objects.get(pk=entry.content_type_id)
    assert (kind.app_label, kind.model) == ("partnerships", "partnership")
    assert not ContentType.objects.filter(app_label="plans", model="partnership").exists()
    assert new.get_model("plans", "Plan")._meta.get_field("partnership").related_model is (
        Partnership
    )
