"""Managers change and retire the partnership's people and organisations: each change in
the audit trail, stale changes refused, and a retired lead kept where they led."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from goldenthread.audit.models import AuditEntry
from goldenthread.partnerships.tests.factories import member
from goldenthread.people.models import Organisation, Person, Sector


def url(name: str, record) -> str:
    return reverse(f"people:{name}", args=[record.partnership.slug, record.pk])


def details(person: Person, **changes) -> dict:
    return {
        "name": person.name,
        "email": person.email,
        "job_title": person.job_title,
        "organisations": [o.pk for o in person.organisations.all()],
        "version": person.version,
        **changes,
    }


@pytest.fixture
def police(partnership):
    return Organisation.objects.create(
        partnership=partnership, name="Essex Police", sector="police"
    )


def test_a_manager_changes_a_person_and_the_trail_has_old_and_new(client, manager, lead, police):
    client.force_login(manager)
    people = client.get(reverse("people:people", args=[lead.partnership.slug])).content.decode()
    assert url("edit_person", lead) in people

    response = client.post(
        url("edit_person", lead),
        details(lead, job_title="Designated nurse", organisations=[police.pk]),
    )

    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.job_title, list(lead.organisations.all()), lead.version) == (
        "Designated nurse",
        [police],
        2,
    )
    entries = AuditEntry.objects.get_for_object(lead).order_by("timestamp", "pk")
    assert [e.changes for e in entries][-2:] == [
        {"job_title": ["", "Designated nurse"]},
        {"member_of": ["CCG", "Essex Police"]},
    ]
    assert {e.actor for e in entries[1:]} == {manager}
    assert all(e.partnership_id == lead.partnership_id for e in entries)
    trail = client.get(reverse("audit:trail", args=[lead.partnership.slug])).content.decode()
    assert "Member of" in trail and "Essex Police" in trail and "Designated nurse" in trail


def test_the_second_of_two_editors_of_a_person_is_refused(client, manager, lead, partnership):
    read_by_both = Person.objects.get(pk=lead.pk)
    client.force_login(member(partnership, "manager", username="another-manager"))
    client.post(url("edit_person", lead), details(read_by_both, name="Nina Patel-Jones"))

    client.force_login(manager)
    response = client.post(url("edit_person", lead), details(read_by_both, job_title="Nurse"))
    page = response.content.decode()
    assert "changed by someone else after you read it" in page
    assert "name is now &#x27;Nina Patel-Jones&#x27;" in page
    lead.refresh_from_db()
    assert (lead.name, lead.job_title) == ("Nina Patel-Jones", "")


def test_an_email_another_person_has_is_refused(client, manager, lead, partnership):
    other = Person.objects.create(partnership=partnership, name="Omar", email="omar@example.org")
    client.force_login(manager)
    response = client.post(url("edit_person", other), details(other, email="NINA@example.org"))
    assert response.context["form"].errors["email"] == [
        "Someone in the partnership already has nina@example.org"
    ]


def test_a_manager_renames_an_organisation(client, manager, nhs):
    client.force_login(manager)
    sent = {"name": "Thurrock CCG", "sector": Sector.NHS, "version": nhs.version}
    assert client.post(url("edit_organisation", nhs), sent).status_code == 302
    nhs.refresh_from_db()
    assert nhs.name == "Thurrock CCG"
    entry = AuditEntry.objects.get_for_object(nhs).latest("timestamp")
    assert entry.changes == {"name": ["CCG", "Thurrock CCG"]} and entry.actor == manager


def test_a_retired_lead_stays_on_their_actions_and_is_not_offered_for_new_ones(
    client, manager, lead, action
):
    action.lead_person = lead
    action.save()
    client.force_login(manager)
    response = client.post(
        url("retire_person", lead), {"retired_on": "31/03/2016", "version": lead.version}
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.retired_on == dt.date(2016, 3, 31)
    action.refresh_from_db()
    assert action.lead_person == lead
    partnership = lead.partnership
    choose = reverse("plans:action_lead", args=[partnership.slug, action.pk])
    assert (
        f'<option value="{lead.pk}" selected>Nina Patel</option>'
        in client.get(choose).content.decode()
    )
    type(action).objects.filter(pk=action.pk).update(lead_person=None)
    assert "Nina Patel" not in client.get(choose).content.decode()
    people = client.get(reverse("people:people", args=[partnership.slug])).content.decode()
    assert 'Nina Patel <strong class="govuk-tag govuk-tag--grey">Retired' in people
    entry = AuditEntry.objects.get_for_object(lead).latest("timestamp")
    assert entry.changes["retired_on"] == [None, "2016-03-31"]


def test_a_retired_organisation_is_not_offered_and_can_be_brought_back(client, manager, nhs):
    client.force_login(manager)
    client.post(url("retire_organisation", nhs), {"retired_on": "31/03/2016", "version": 1})
    assert nhs not in Organisation.objects.current()
    assert nhs in Organisation.objects.for_new_leads(keeping=nhs.pk)
    client.post(url("retire_organisation", nhs), {"version": 2})
    nhs.refresh_from_db()
    assert nhs.retired_on is None


def test_a_bad_retirement_date_is_named(client, manager, lead):
    client.force_login(manager)
    response = client.post(url("retire_person", lead), {"retired_on": "soon", "version": 1})
    assert response.context["form"].errors["retired_on"] == [
        "Enter the date as a date, such as 31/03/2016"
    ]


@pytest.mark.parametrize("who", ["viewer", "contributor"])
def test_only_managers_change_people(client, request, who, lead, nhs):
    client.force_login(request.getfixturevalue(who))
    for name, record in [
        ("edit_person", lead),
        ("retire_person", lead),
        ("edit_organisation", nhs),
        ("retire_organisation", nhs),
    ]:
        assert client.post(url(name, record), {"version": 1}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, lead):
    response = client.post(url("edit_person", lead), details(lead, name="X"))
    assert response.status_code == 302 and "sign-in" in response.url


def test_another_partnerships_manager_cannot_reach_our_people(client, lead, private_partnership):
    client.force_login(member(private_partnership, "manager", username="elsewhere-manager"))
    theirs = reverse("people:edit_person", args=[private_partnership.slug, lead.pk])
    assert client.post(theirs, details(lead, name="X")).status_code == 404
    lead.refresh_from_db()
    assert lead.name == "Nina Patel"


def test_the_people_page_lists_many_in_few_queries(
    client, manager, partnership, nhs, django_assert_max_num_queries
):
    for n in range(20):
        person = Person.objects.create(
            partnership=partnership, name=f"Person {n}", email=f"p{n}@example.org"
        )
        person.organisations.add(nhs)
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        client.get(reverse("people:people", args=[partnership.slug]))
