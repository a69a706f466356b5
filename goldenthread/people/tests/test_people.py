"""Managers keep the partnership's organisations and people, and say who leads an action."""

import pytest
from django.urls import reverse

from goldenthread.people.leads import actions_led_by, set_lead
from goldenthread.people.models import Organisation, Person, Sector
from goldenthread.plans.models import ActionChange
from goldenthread.plans.services import EditConflict


@pytest.fixture
def nhs(partnership):
    return Organisation.objects.create(partnership=partnership, name="CCG", sector=Sector.NHS)


@pytest.fixture
def lead(partnership, nhs):
    person = Person.objects.create(
        partnership=partnership, name="Nina Patel", email="nina@example.org"
    )
    person.organisations.add(nhs)
    return person


def test_the_page_lists_people_and_organisations(
    client, manager, lead, django_assert_max_num_queries
):
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("people:people", args=[lead.partnership.slug])).content.decode()
    assert "Nina Patel" in page and "nina@example.org" in page and "NHS" in page


@pytest.mark.parametrize("user", ["viewer", "contributor"])
def test_only_managers_see_people(client, request, partnership, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("people:people", args=[partnership.slug])).status_code == 403


def test_a_manager_adds_a_person(client, manager, partnership, nhs):
    client.force_login(manager)
    response = client.post(reverse("people:add_person", args=[partnership.slug]), {
        "name": "Omar Hussain", "email": "Omar@Example.org", "job_title": "Safeguarding lead",
        "organisations": [nhs.pk],
    })  # fmt: skip
    assert response.status_code == 302
    person = Person.objects.get(name="Omar Hussain")
    assert (person.email, person.partnership, list(person.organisations.all())) == (
        "omar@example.org",
        partnership,
        [nhs],
    )


def test_the_same_email_twice_is_an_error_on_the_field(client, manager, lead):
    client.force_login(manager)
    response = client.post(reverse("people:add_person", args=[lead.partnership.slug]),
                           {"name": "Nina again", "email": "NINA@example.org"})  # fmt: skip
    assert response.context["form"].errors["email"] == [
        "Someone in the partnership already has nina@example.org"
    ]
    assert 'href="#id_email"' in response.content.decode()


def test_a_manager_adds_an_organisation(client, manager, partnership):
    client.force_login(manager)
    client.post(reverse("people:add_organisation", args=[partnership.slug]),
                {"name": "Youth Offending Service", "sector": "council"})  # fmt: skip
    assert partnership.organisations.get().get_sector_display() == "Council service"


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
    url = reverse(
        "people:action_lead", args=[action.delivery_plan.plan.partnership.slug, action.pk]
    )
    response = client.post(
        url, {"lead_person": lead.pk, "lead_organisation": nhs.pk, "version": action.version}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.lead_person == lead


def test_a_contributor_cannot_set_a_lead(client, contributor, action):
    client.force_login(contributor)
    url = reverse(
        "people:action_lead", args=[action.delivery_plan.plan.partnership.slug, action.pk]
    )
    assert client.get(url).status_code == 403


def test_a_person_leads_their_actions_and_their_organisations_unnamed_ones(action, lead, nhs):
    from goldenthread.plans.tests.factories import ActionFactory

    theirs = ActionFactory(objective=action.objective, code="8.12", lead_person=lead)
    team = ActionFactory(objective=action.objective, code="8.13", lead_organisation=nhs)
    someone_elses = Person.objects.create(
        partnership=lead.partnership, name="Z", email="z@example.org"
    )
    ActionFactory(
        objective=action.objective, code="8.14", lead_person=someone_elses, lead_organisation=nhs
    )

    assert set(actions_led_by(lead)) == {theirs, team}
