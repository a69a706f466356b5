from django.urls import reverse

from goldenthread.plans.models import Action, Status, StatusSource

REVIEW = reverse("plans:review", args=["thurrock", "2014-15"])


def confirm(client, code, status):
    action = Action.objects.get(code=code)
    return client.post(
        reverse("plans:confirm_status", args=["thurrock", action.pk]),
        {"status": status, "version": action.version},
        follow=True,
    )


def test_it_gathers_inferred_statuses_unsure_ones_first(client, seeded, manager):
    client.force_login(manager)
    page = client.get(REVIEW).content.decode()
    unsure = Action.objects.filter(status_certain=False).count()
    assert "82 actions in 2014/15 have a status inferred" in page
    assert f"{unsure} of them are unsure or not known, and come first" in page
    assert page.index('id="action-3.16"') < page.index('id="action-1.11"')


def test_confirming_keeps_the_status_and_removes_it_from_the_list(client, seeded, manager):
    client.force_login(manager)
    response = confirm(client, "8.18", Status.DEFERRED)
    page = response.content.decode()
    assert "Action 8.18 is now deferred." in page
    assert 'id="action-8.18"' not in page
    action = Action.objects.get(code="8.18")
    assert (action.status, action.status_source) == (Status.DEFERRED, StatusSource.REPORTED)
    assert action.changes.get(field="status_source").changed_by == manager


def test_correcting_sets_the_status_a_person_chose(client, seeded, manager):
    client.force_login(manager)
    confirm(client, "3.16", Status.IN_PROGRESS)
    action = Action.objects.get(code="3.16")
    assert (action.status, action.status_source) == (Status.IN_PROGRESS, StatusSource.REPORTED)
    assert action.changes.get(field="status").old_value == ""


def test_a_missing_status_is_explained(client, seeded, manager):
    client.force_login(manager)
    assert "Choose a status for action 3.16." in confirm(client, "3.16", "").content.decode()
    assert Action.objects.get(code="3.16").status_source == StatusSource.INFERRED
