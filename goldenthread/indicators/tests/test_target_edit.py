"""A manager changes a target on the web; of two managers editing it at once, the second
is refused and shown what changed meanwhile, and the change is in the audit trail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from goldenthread.audit.models import AuditEntry
from goldenthread.indicators.models import Target
from goldenthread.indicators.tests.world import make_indicator
from goldenthread.partnerships.tests.factories import member


@pytest.fixture
def target(partnership):
    return Target.objects.create(
        partnership=partnership,
        indicator=make_indicator(),
        value=80,
        due_label="2015/16",
        text="80% by 2015/16",
    )


def edit(client, target, **changes):
    url = reverse("indicators:edit_target", args=[target.partnership.slug, target.pk])
    form = {
        "value": target.value,
        "due": "",
        "due_label": target.due_label,
        "text": target.text,
        "version": target.version,
        **changes,
    }
    return client.post(url, form)


def test_a_manager_changes_a_target_from_the_indicator_page(client, target, manager):
    client.force_login(manager)
    page = client.get(reverse("indicators:indicator", args=[target.partnership.slug, "ks2-rwm"]))
    assert reverse("indicators:edit_target", args=[target.partnership.slug, target.pk]) in (
        page.content.decode()
    )
    response = edit(client, target, value="82", text="82% by 2015/16")
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.value, target.text, target.version) == (82, "82% by 2015/16", 2)
    entry = AuditEntry.objects.get_for_object(target).latest("timestamp")
    assert entry.actor == manager and entry.changes["value"] == [80.0, 82.0]


def test_the_second_of_two_editors_is_refused_and_told_what_changed(
    client, target, manager, partnership
):
    other = member(partnership, "manager", username="another-manager")
    read_by_both = Target.objects.get(pk=target.pk)  # both opened the form at version 1
    client.force_login(other)
    assert edit(client, read_by_both, value="82").status_code == 302

    client.force_login(manager)
    response = edit(client, read_by_both, value="85")
    assert response.status_code == 200
    page = response.content.decode()
    assert "changed by someone else after you read it" in page
    assert "value is now 82.0 (you sent 85.0)" in page
    assert 'value="85"' in page  # what they typed is still in the form
    target.refresh_from_db()
    assert (target.value, target.version) == (82, 2)


def test_a_value_that_is_not_a_number_is_named(client, target, manager):
    client.force_login(manager)
    response = edit(client, target, value="eighty")
    assert response.status_code == 200
    assert "Enter a number" in response.content.decode()
    target.refresh_from_db()
    assert target.value == 80


def test_contributors_may_not_change_targets(client, target, contributor):
    client.force_login(contributor)
    assert edit(client, target, value="1").status_code == 403


def test_a_manager_adds_a_target_from_the_indicator_page(client, manager, partnership, areas):
    indicator = make_indicator()
    client.force_login(manager)
    page = client.get(reverse("indicators:indicator", args=[partnership.slug, indicator.code]))
    add = reverse("indicators:add_target", args=[partnership.slug, indicator.code])
    assert add in page.content.decode()
    form = {"kind": "milestone", "value": "78", "due": "", "due_label": "2016/17", "text": ""}
    assert client.post(add, form).status_code == 302
    target = Target.objects.get(indicator=indicator)
    assert (target.partnership, target.value, target.due_label) == (partnership, 78, "2016/17")
    entry = AuditEntry.objects.get_for_object(target).get()
    assert entry.actor == manager and entry.partnership_id == partnership.pk


def test_a_target_with_no_kind_is_named(client, manager, partnership):
    indicator = make_indicator()
    client.force_login(manager)
    add = reverse("indicators:add_target", args=[partnership.slug, indicator.code])
    response = client.post(add, {"value": "x"})
    assert set(response.context["form"].errors) == {"kind", "value"}
    assert not Target.objects.exists()


def test_a_manager_removes_a_target_and_the_trail_keeps_it(client, target, manager):
    client.force_login(manager)
    remove = reverse("indicators:remove_target", args=[target.partnership.slug, target.pk])
    page = client.get(reverse("indicators:edit_target", args=[target.partnership.slug, target.pk]))
    assert remove in page.content.decode()
    assert client.post(remove, {"version": target.version}).status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()
    removed = AuditEntry.objects.get_for_object(target).latest("timestamp")
    assert removed.action == AuditEntry.Action.DELETE and removed.actor == manager
    assert removed.partnership_id == target.partnership_id


def test_a_target_changed_since_it_was_read_is_not_removed(client, target, manager):
    stale = target.version
    Target.objects.filter(pk=target.pk).update(version=stale + 1)
    client.force_login(manager)
    remove = reverse("indicators:remove_target", args=[target.partnership.slug, target.pk])
    response = client.post(remove, {"version": stale})
    assert "changed by someone else after you read it" in response.content.decode()
    assert Target.objects.filter(pk=target.pk).exists()


def test_another_partnerships_manager_cannot_touch_the_target(client, target, private_partnership):
    client.force_login(member(private_partnership, "manager", username="elsewhere-manager"))
    remove = reverse("indicators:remove_target", args=[private_partnership.slug, target.pk])
    assert client.post(remove, {"version": target.version}).status_code == 404
    own_url = reverse("indicators:remove_target", args=[target.partnership.slug, target.pk])
    assert client.post(own_url, {"version": target.version}).status_code == 403
    assert Target.objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize("who", ["viewer", "contributor"])
def test_only_managers_add_or_remove_targets(client, request, target, who):
    client.force_login(request.getfixturevalue(who))
    slug = target.partnership.slug
    remove = reverse("indicators:remove_target", args=[slug, target.pk])
    add = reverse("indicators:add_target", args=[slug, target.indicator.code])
    assert client.post(remove, {"version": 1}).status_code == 403
    assert client.post(add, {"kind": "milestone", "value": "1"}).status_code == 403
