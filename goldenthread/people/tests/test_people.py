"""Managers keep the partnership's organisations and people, and say who leads an action."""

import datetime as dt

import pytest
from django.urls import reverse

from goldenthread.people.models import Person


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
    response = client.post(
        reverse("people:add_person", args=[partnership.slug]),
        {
            "name": "Omar Hussain",
            "email": "Omar@Example.org",
            "job_title": "Safeguarding lead",
            "organisations": [nhs.pk],
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Omar Hussain")
    assert (person.email, person.partnership, list(person.organisations.all())) == (
        "omar@example.org",
        partnership,
        [nhs],
    )


def test_the_same_email_twice_is_an_error_on_the_field(client, manager, lead):
    client.force_login(manager)
    response = client.post(
        reverse("people:add_person", args=[lead.partnership.slug]),
        {"name": "Nina again", "email": "NINA@example.org"},
    )
    assert response.context["form"].errors["email"] == [
        "Someone in the partnership already has nina@example.org"
    ]
    assert 'href="#id_email"' in response.content.decode()


def test_a_manager_adds_an_organisation(client, manager, partnership):
    client.force_login(manager)
    client.post(
        reverse("people:add_organisation", args=[partnership.slug]),
        {"name": "Youth Offending Service", "sector": "council"},
    )
    assert partnership.organisations.get().get_sector_display() == "Council service"


def test_an_account_linked_to_someone_who_left_and_to_their_new_self_is_the_new_self(
    partnership, contributor
):
    left = Person.objects.create(
        partnership=partnership,
        name="Jo Smith",
        email="jo@old.example.org",
        user=contributor,
        retired_on=dt.date(2014, 3, 31),
    )
    now = Person.objects.create(
        partnership=partnership, name="Jo Smith", email="jo@example.org", user=contributor
    )

    assert Person.objects.linked_to(contributor, partnership) == now
    now.delete()
    assert Person.objects.linked_to(contributor, partnership) == left  # still their actions
