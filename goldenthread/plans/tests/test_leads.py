"""Who leads an action: set by managers, recorded like any change, and one rule for who
that is, followed by "my actions", update rounds, permissions, exports and reports."""

import pytest
from django.urls import reverse

from goldenthread.audit.versions import EditConflict
from goldenthread.people.models import Person
from goldenthread.plans.models import NO_LEAD_LABEL, Action, ActionChange, Status
from goldenthread.plans.permissions import can_update_action
from goldenthread.plans.services import set_lead
from goldenthread.plans.tests.factories import ActionFactory


def test_setting_a_lead_is_recorded_like_any_change(action, lead, nhs, manager):
    set_lead(action, person=lead, organisation=nhs, by=manager, expected_version=action.version)

    action.refresh_from_db()
    assert (action.lead_person, action.lead_organisation, action.version) == (lead, nhs, 2)
    changes = {
        c.field: (c.old_value, c.new_value, c.changed_by) for c in ActionChange.objects.all()
    }
    assert changes == {
        "lead_person": ("", "Nina Patel", manager),
        "lead_organisation": ("", "CCG", manager),
    }


def test_setting_the_same_lead_again_records_nothing(action, lead, manager):
    set_lead(action, person=lead, organisation=None, by=manager, expected_version=action.version)
    set_lead(action, person=lead, organisation=None, by=manager, expected_version=action.version)
    assert ActionChange.objects.count() == 1


def test_setting_a_lead_on_an_action_changed_meanwhile_is_refused(action, lead, manager):
    with pytest.raises(EditConflict):
        set_lead(
            action, person=lead, organisation=None, by=manager, expected_version=action.version - 1
        )


def test_a_lead_from_another_partnership_is_refused(action, private_partnership):
    stranger = Person.objects.create(
        partnership=private_partnership, name="X", email="x@example.org"
    )
    with pytest.raises(ValueError, match="is not in"):
        set_lead(action, person=stranger, organisation=None, by=None, expected_version=None)


def test_the_lead_page_sets_the_lead(client, manager, action, lead, nhs):
    client.force_login(manager)
    url = reverse("plans:action_lead", args=[action.delivery_plan.plan.partnership.slug, action.pk])
    response = client.post(
        url, {"lead_person": lead.pk, "lead_organisation": nhs.pk, "version": action.version}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.lead_person == lead


def test_a_contributor_cannot_set_a_lead(client, contributor, action):
    client.force_login(contributor)
    url = reverse("plans:action_lead", args=[action.delivery_plan.plan.partnership.slug, action.pk])
    assert client.get(url).status_code == 403


def test_a_person_leads_their_actions_and_their_organisations_unnamed_ones(action, lead, nhs):
    theirs = ActionFactory(objective=action.objective, code="8.12", lead_person=lead)
    team = ActionFactory(objective=action.objective, code="8.13", lead_organisation=nhs)
    someone_elses = Person.objects.create(
        partnership=lead.partnership, name="Z", email="z@example.org"
    )
    ActionFactory(
        objective=action.objective, code="8.14", lead_person=someone_elses, lead_organisation=nhs
    )

    assert set(Action.objects.led_by(lead)) == {theirs, team}


def test_a_lead_organisation_counts_only_where_no_lead_person_is_named(
    client, partnership, action, contributor, lead, nhs
):
    """Connor is in the CCG, which is named as lead organisation beside a lead person,
    Nina: the action is Nina's, not Connor's, on every page, in every email and for
    every permission."""
    connor = Person.objects.create(
        partnership=partnership, name="Connor", email="connor@example.org", user=contributor
    )
    connor.organisations.add(nhs)
    Action.objects.filter(pk=action.pk).update(lead_person=lead, lead_organisation=nhs)
    action.refresh_from_db()

    assert not action.is_led_by(contributor)
    assert not can_update_action(contributor, action)
    assert list(Action.objects.led_by(connor)) == []
    assert list(Action.objects.led_by(lead)) == [action]
    client.force_login(contributor)
    refused = client.post(
        action.get_absolute_url(), {"commentary": "Done.", "version": action.version}
    )
    assert refused.status_code == 403


def test_an_action_its_organisation_leads_with_no_one_named_is_each_of_its_peoples(
    partnership, action, contributor, lead, nhs
):
    connor = Person.objects.create(
        partnership=partnership, name="Connor", email="connor@example.org", user=contributor
    )
    connor.organisations.add(nhs)
    Action.objects.filter(pk=action.pk).update(lead_organisation=nhs)
    action.refresh_from_db()

    assert action.is_led_by(contributor) and can_update_action(contributor, action)
    assert list(Action.objects.led_by(connor)) == list(Action.objects.led_by(lead)) == [action]
    assert action.lead_name == "CCG"


def test_the_lead_everyone_is_shown_is_the_person_then_the_organisation_then_the_words(
    action, lead, nhs
):
    assert action.lead_name == "Head of Children's Social Care"  # as the plan writes it
    Action.objects.filter(pk=action.pk).update(lead_organisation=nhs)
    assert Action.objects.with_leads().get(pk=action.pk).lead_name == "CCG"
    Action.objects.filter(pk=action.pk).update(lead_person=lead)
    assert Action.objects.with_leads().get(pk=action.pk).lead_name == "Nina Patel"


def test_an_action_with_no_lead_is_shown_with_the_one_phrase_for_it(client, viewer, action):
    Action.objects.filter(pk=action.pk).update(lead="")
    action.refresh_from_db()
    assert action.lead_name == NO_LEAD_LABEL
    client.force_login(viewer)

    page = client.get(reverse("plans:action", args=["thurrock", action.pk]))

    assert NO_LEAD_LABEL in page.content.decode()


def test_lists_and_reports_show_the_lead_person_with_their_organisation(action, lead, nhs):
    def shown() -> str:
        return Action.objects.with_leads().get(pk=action.pk).lead_in_full

    assert shown() == "Head of Children's Social Care"  # as the plan writes it
    Action.objects.filter(pk=action.pk).update(lead_organisation=nhs)
    assert shown() == "CCG"
    Action.objects.filter(pk=action.pk).update(lead_person=lead)
    assert shown() == "Nina Patel, CCG"
    Action.objects.filter(pk=action.pk).update(lead_organisation=None)
    assert shown() == "Nina Patel"
    Action.objects.filter(pk=action.pk).update(lead_person=None, lead="")
    assert shown() == NO_LEAD_LABEL


def test_unfinished_is_not_started_in_progress_or_not_known(plan):
    for n, status in enumerate(["", *Status.values]):
        ActionFactory(objective__aim__plan=plan, code=f"{n + 1}.11", status=status)

    unfinished = Action.objects.unfinished()

    assert {a.status for a in unfinished} == {"", Status.NOT_STARTED, Status.IN_PROGRESS}
    assert all(a.is_unfinished == (a in unfinished) for a in Action.objects.all())
