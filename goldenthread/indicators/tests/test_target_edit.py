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
