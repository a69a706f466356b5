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


CONFIRM_MANY = reverse("plans:confirm_statuses", args=["thurrock", "2014-15"])


def versions(actions) -> dict[str, int]:
    return {f"version-{a.pk}": a.version for a in actions}


def test_selected_statuses_are_confirmed_as_inferred_in_one_go(client, seeded, manager):
    client.force_login(manager)
    chosen = list(Action.objects.filter(code__in=["1.11", "8.18"]))
    shown = list(Action.objects.filter(status_source=StatusSource.INFERRED))

    response = client.post(
        CONFIRM_MANY,
        {"selected": [a.pk for a in chosen], **versions(shown)},
        follow=True,
    )

    assert "2 actions confirmed as inferred." in response.content.decode()
    for action in chosen:
        before = action.status
        action.refresh_from_db()
        assert (action.status, action.status_source) == (before, StatusSource.REPORTED)
    assert Action.objects.filter(status_source=StatusSource.INFERRED).count() == len(shown) - 2


def test_confirm_all_confirms_every_status_known_and_leaves_those_not_known(
    client, seeded, manager
):
    client.force_login(manager)
    shown = list(Action.objects.filter(status_source=StatusSource.INFERRED))
    not_known = [a for a in shown if not a.status]

    response = client.post(CONFIRM_MANY, {"all": "1", **versions(shown)}, follow=True)

    page = response.content.decode()
    assert f"{len(shown) - len(not_known)} actions confirmed as inferred." in page
    left = Action.objects.filter(status_source=StatusSource.INFERRED)
    assert sorted(left.values_list("pk", flat=True)) == sorted(a.pk for a in not_known)


def test_an_action_changed_since_the_page_was_read_is_not_confirmed(client, seeded, manager):
    client.force_login(manager)
    action = Action.objects.get(code="8.18")
    page_version = action.version
    Action.objects.filter(pk=action.pk).update(version=page_version + 1)

    response = client.post(
        CONFIRM_MANY, {"selected": [action.pk], f"version-{action.pk}": page_version}, follow=True
    )

    assert "8.18 changed since this page was read" in response.content.decode()
    action.refresh_from_db()
    assert action.status_source == StatusSource.INFERRED


def test_the_review_page_offers_to_confirm_selected_or_all(client, seeded, manager):
    client.force_login(manager)
    page = client.get(REVIEW).content.decode()
    assert 'form="confirm-many"' in page
    assert "Confirm selected" in page and "Confirm all" in page
