"""Administrators decide who may sign in to the partnership, and in which role."""

from django.core import mail
from django.urls import reverse

from goldenthread.mail.testing import deliver_waiting
from goldenthread.partnerships.models import Membership, Role
from goldenthread.people.models import Person

MEMBERS = reverse("people:members", args=["thurrock"])
ADD = reverse("people:add_member", args=["thurrock"])


def role_url(membership):
    return reverse("people:member_role", args=["thurrock", membership.pk])


def test_only_administrators_manage_members(client, partnership, manager, administrator):
    assert client.get(MEMBERS).status_code == 302  # to sign in
    client.force_login(manager)
    assert client.get(MEMBERS).status_code == 403
    assert (
        client.post(ADD, {"name": "X", "email": "x@example.org", "role": "manager"}).status_code
        == 403
    )
    client.force_login(administrator)
    page = client.get(MEMBERS).content.decode()
    assert "Members and roles" in page and manager.email in page


def test_a_new_member_gets_an_account_without_a_password_and_an_email_to_set_one(
    client, partnership, administrator
):
    Person.objects.create(partnership=partnership, name="Omar Hussain", email="omar@nhs.example")
    client.force_login(administrator)
    response = client.post(
        ADD,
        {"name": "Omar Hussain", "email": "Omar@NHS.example", "role": Role.CONTRIBUTOR},
        follow=True,
    )

    assert "omar@nhs.example is now contributor" in response.content.decode()
    membership = Membership.objects.get(partnership=partnership, user__email="omar@nhs.example")
    assert membership.role == Role.CONTRIBUTOR
    assert not membership.user.has_usable_password()
    assert Person.objects.get(email="omar@nhs.example").user == membership.user
    deliver_waiting()  # by the worker, after the request
    [email] = mail.outbox
    assert email.to == ["omar@nhs.example"]
    assert "/accounts/reset/" in email.body and "Choose your password" in email.body


def test_an_existing_account_is_given_the_role_without_an_email(
    client, partnership, administrator, outsider
):
    client.force_login(administrator)
    client.post(ADD, {"name": "Oscar", "email": outsider.email, "role": Role.VIEWER})
    assert Membership.objects.get(user=outsider, partnership=partnership).role == Role.VIEWER
    deliver_waiting()
    assert mail.outbox == []


def test_bad_input_is_named(client, partnership, administrator):
    client.force_login(administrator)
    page = client.post(ADD, {"name": "", "email": "not an email", "role": "king"}).content.decode()
    assert "Enter the person&#x27;s full name" in page
    assert "Enter an email address, such as name@example.org" in page
    assert "Select a valid choice" in page
    assert Membership.objects.count() == 1


def test_roles_change_and_members_are_removed(client, partnership, administrator, viewer):
    client.force_login(administrator)
    membership = Membership.objects.get(user=viewer)
    client.post(role_url(membership), {f"m{membership.pk}-role": Role.MANAGER})
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER
    client.post(role_url(membership), {"remove": "1"})
    assert not Membership.objects.filter(user=viewer).exists()


def test_the_last_administrator_cannot_remove_or_demote_themselves(
    client, partnership, administrator
):
    client.force_login(administrator)
    membership = Membership.objects.get(user=administrator)
    response = client.post(role_url(membership), {"remove": "1"}, follow=True)
    assert "the partnership&#x27;s only administrator" in response.content.decode()
    response = client.post(role_url(membership), {f"m{membership.pk}-role": Role.VIEWER})
    membership.refresh_from_db()
    assert membership.role == Role.ADMINISTRATOR


def test_an_administrator_of_one_partnership_cannot_touch_anothers_members(
    client, partnership, private_partnership
):
    from goldenthread.partnerships.tests.factories import member

    theirs = member(private_partnership, Role.VIEWER, username="theirs")
    boss = member(private_partnership, Role.ADMINISTRATOR, username="boss")
    mine = member(partnership, Role.ADMINISTRATOR, username="mine")
    client.force_login(mine)
    membership = Membership.objects.get(user=theirs)
    assert client.post(role_url(membership), {"remove": "1"}).status_code == 404
    url = reverse("people:member_role", args=["elsewhere", membership.pk])
    assert client.post(url, {"remove": "1"}).status_code == 403
    assert Membership.objects.filter(user=theirs).exists() and boss
