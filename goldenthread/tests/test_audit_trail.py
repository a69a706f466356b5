"""Every change to plan, indicator, target, board and user data is in the audit trail:
who, when, what, old and new, and from where; managers read it; nobody edits it."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from goldenthread.audit.context import Source, acting, client_address
from goldenthread.audit.models import AuditEntry
from goldenthread.boards.tests.factories import BoardFactory, MeetingFactory
from goldenthread.indicators.models import DataPoint, Target
from goldenthread.indicators.tests.world import build_areas, make_indicator, row, write_values
from goldenthread.partnerships.models import Membership, Role
from goldenthread.partnerships.tests.factories import member
from goldenthread.people.models import Person
from goldenthread.plans.models import Action, ActionUpdate
from goldenthread.plans.tests.factories import make_lead

TRAIL = reverse("audit:trail", args=["thurrock"])


def entries_for(model, pk) -> list[AuditEntry]:
    content_type = ContentType.objects.get_for_model(model)
    return list(
        AuditEntry.objects.filter(content_type=content_type, object_pk=str(pk)).order_by("pk")
    )


def test_a_managers_edit_on_the_web_is_recorded_with_old_and_new(client, seeded, manager):
    action = Action.objects.get(code="8.21")
    client.force_login(manager)
    client.post(
        reverse("plans:edit_action", args=["thurrock", action.pk]),
        {
            "text": action.text,
            "measure": action.measure,
            "lead": "Head of Safeguarding",
            "due": "",
            "version": action.version,
        },
    )
    entry = entries_for(Action, action.pk)[-1]
    assert entry.actor == manager and entry.source == Source.WEB
    assert entry.partnership_id == seeded.pk
    assert entry.changes["lead"] == ["", "Head of Safeguarding"]
    assert entry.remote_addr == "127.0.0.1"


def test_an_update_by_a_lead_is_recorded(client, seeded, contributor):
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    client.force_login(contributor)
    client.post(
        reverse("plans:action", args=["thurrock", action.pk]),
        {
            "status": "completed",
            "commentary": "Presented to the LSCB",
            "version": action.version,
        },
    )
    update = ActionUpdate.objects.get(commentary="Presented to the LSCB")
    [created] = entries_for(ActionUpdate, update.pk)
    assert (created.actor, created.source, created.action) == (contributor, Source.WEB, 0)
    assert created.changes["commentary"] == [None, "Presented to the LSCB"]
    status = [e for e in entries_for(Action, action.pk) if "status" in (e.changes or {})][-1]
    assert status.changes["status"] == ["not_started", "completed"]


def test_imports_are_recorded_as_imports(plan, tmp_path, partnership):
    from goldenthread.plans.tests.seed import SEED

    call_command(
        "import_report",
        str(SEED),
        "--year",
        "2014/15",
        "--partnership",
        "thurrock",
        stdout=io.StringIO(),
    )
    action = Action.objects.get(code="8.13")
    [created] = entries_for(Action, action.pk)
    assert (created.source, created.actor, created.partnership_id) == (
        Source.IMPORT,
        None,
        partnership.pk,
    )

    partnership.area = build_areas()["thurrock"]
    partnership.save()
    make_indicator()
    values = write_values(tmp_path / "values.csv", [row(), row(period="2014/15", value="79")])
    call_command("import_data", str(values), stdout=io.StringIO(), stderr=io.StringIO())
    [imported] = entries_for(DataPoint, "values.csv")
    assert imported.source == Source.IMPORT
    assert imported.changes["added"] == [None, 2]
    assert imported in AuditEntry.objects.for_partnership(partnership)  # Thurrock's values


def test_target_board_and_membership_changes_are_recorded(partnership, manager, administrator):
    indicator = make_indicator()
    with acting(manager, Source.WEB):
        target = Target.objects.create(partnership=partnership, indicator=indicator, value=80)
        target.value = 82
        target.save()
        board = BoardFactory(partnership=partnership)
        meeting = MeetingFactory(board=board)
        meeting.place = "Civic Offices"
        meeting.save()
    assert entries_for(Target, target.pk)[-1].changes["value"] == [80.0, 82.0]
    assert entries_for(type(meeting), meeting.pk)[-1].changes["place"] == [
        "Council Chamber",
        "Civic Offices",
    ]
    assert entries_for(type(board), board.pk)[0].partnership_id == partnership.pk

    with acting(administrator, Source.WEB):
        membership = Membership.objects.get(user=manager)
        membership.role = Role.VIEWER
        membership.save()
    entry = entries_for(Membership, membership.pk)[-1]
    assert entry.actor == administrator and entry.changes["role"] == ["manager", "viewer"]


def test_a_password_change_is_recorded_without_the_password(client, partnership, manager):
    client.force_login(manager)
    new = "amber kettle orbit lantern"
    client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": new,
            "new_password2": new,
        },
    )
    manager.refresh_from_db()
    entry = entries_for(type(manager), manager.pk)[-1]
    old_hash, new_hash = entry.changes["password"]
    assert manager.password not in (old_hash, new_hash)
    algorithm = manager.password.split("$")[0]
    assert algorithm not in str(entry.changes) and "amber" not in str(entry.serialized_data)


def test_only_the_partnerships_managers_read_its_trail(
    client, seeded, viewer, contributor, manager
):
    assert client.get(TRAIL).status_code == 302
    for reader in (viewer, contributor, member(_other(), Role.MANAGER, username="them")):
        client.force_login(reader)
        assert client.get(TRAIL).status_code == 403
    client.force_login(manager)
    page = client.get(TRAIL).content.decode()
    assert "Audit trail" in page and "Import" in page


def _other():
    from goldenthread.partnerships.tests.factories import PartnershipFactory

    return PartnershipFactory(slug="elsewhere")


def test_another_partnerships_entries_never_show(client, seeded, manager):
    other = _other()
    with acting(None, Source.COMMAND):
        make_indicator()
        Target.objects.create(partnership=other, indicator=make_indicator("other"), value=1)
    client.force_login(manager)
    assert not AuditEntry.objects.for_partnership(seeded).filter(partnership=other).exists()
    rows = list(csv.reader(io.StringIO(_download(client, TRAIL.replace("/audit/", "/audit.csv")))))
    assert all(row[4] != "target" for row in rows[1:])


def _download(client, url: str) -> str:
    response = client.get(url)
    assert response["Content-Type"] == "text/csv"
    return b"".join(response.streaming_content).decode()


def test_the_trail_filters_and_exports_what_it_shows(client, seeded, manager):
    action = Action.objects.get(code="8.21")
    client.force_login(manager)
    client.post(
        reverse("plans:edit_action", args=["thurrock", action.pk]),
        {
            "text": action.text,
            "measure": action.measure,
            "lead": "Head of Safeguarding",
            "due": "",
            "version": action.version,
        },
    )

    page = client.get(TRAIL, {"source": "web"}).content.decode()
    assert "Head of Safeguarding" in page and "1 entry" in page
    page = client.get(TRAIL, {"who": manager.username, "kind": "plans.action"}).content.decode()
    assert "1 entry" in page
    page = client.get(TRAIL, {"words": "Safeguarding", "source": "import"}).content.decode()
    assert "No entries match these filters" in page
    page = client.get(TRAIL, {"since": "2030-01-01"}).content.decode()
    assert "No entries match" in page
    page = client.get(TRAIL, {"since": "2030-01-02", "until": "2030-01-01"}).content.decode()
    assert "The to date must be on or after the from date" in page

    text = _download(client, reverse("audit:csv", args=["thurrock"]) + "?source=web")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == [
        "when",
        "who",
        "source",
        "action",
        "kind",
        "item id",
        "item",
        "field",
        "old",
        "new",
    ]
    lead = [r for r in rows if r[7] == "lead"]
    assert lead == [
        [
            lead[0][0],
            manager.username,
            "web",
            "changed",
            "action",
            str(action.pk),
            str(action),
            "lead",
            "",
            "Head of Safeguarding",
        ]
    ]

    item = client.get(reverse("audit:item", args=["thurrock", "plans.action", action.pk]))
    assert "Head of Safeguarding" in item.content.decode()
    assert client.get(reverse("audit:item", args=["thurrock", "auth.group", 1])).status_code == 404


@pytest.mark.parametrize("entries", [5, 60])
def test_the_trail_page_takes_the_same_queries_however_long(
    client, partnership, manager, entries, django_assert_max_num_queries
):
    indicator = make_indicator()
    with acting(manager, Source.WEB):
        target = Target.objects.create(partnership=partnership, indicator=indicator, value=0)
        for value in range(entries):
            target.value = value + 1
            target.save()
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        assert client.get(TRAIL).status_code == 200


def test_nobody_can_edit_the_trail_in_the_admin(client, seeded, superuser):
    client.force_login(superuser)
    entry = AuditEntry.objects.first()
    base = "/admin/audit/auditentry/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{base}{entry.pk}/change/", {"object_repr": "rewritten"})
    entry.refresh_from_db()
    assert entry.object_repr != "rewritten"


def test_behind_a_reverse_proxy_the_address_recorded_is_the_one_the_proxy_saw(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.2")
    settings.BEHIND_PROXY = False
    assert client_address(request) == "10.0.0.2"
    settings.BEHIND_PROXY = True
    assert client_address(request) == "203.0.113.7"


def test_the_trail_and_the_history_show_labels_not_codes_field_names_or_ids(
    client, seeded, manager
):
    from goldenthread.plans.services import apply_changes, set_lead

    action = Action.objects.get(code="8.21")
    nina = Person.objects.create(partnership=seeded, name="Nina Patel", email="n@example.org")
    with acting(manager, Source.WEB):
        set_lead(action, person=None, organisation=None, by=manager, expected_version=None)
        set_lead(action, person=nina, organisation=None, by=manager, expected_version=None)
        apply_changes(action, {"status": "in_progress"}, by=manager)
    client.force_login(manager)

    trail = client.get(reverse("audit:item", args=["thurrock", "plans.action", action.pk]))
    history = client.get(reverse("plans:action", args=["thurrock", action.pk]))

    for page in (trail.content.decode(), history.content.decode()):
        assert "“In progress”" in page and "“in_progress”" not in page
        assert "lead_person" not in page and "“not_started”" not in page
    assert (
        f"“{nina.pk}”" not in trail.content.decode()
        and "“2015-03-31”" not in trail.content.decode()
    )
    assert nina.name in trail.content.decode()
