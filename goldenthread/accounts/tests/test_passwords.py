"""Strong passwords, throttled guessing, and a reset by email."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from goldenthread.mail.testing import work_off
from goldenthread.partnerships.tests.factories import UserFactory

SIGN_IN = reverse("login")


@pytest.fixture
def mandy(db):
    return UserFactory(username="mandy", email="mandy@thurrock.example")


def test_five_wrong_passwords_lock_the_account_out_from_there(client, mandy, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        page = client.post(SIGN_IN, {"username": "mandy", "password": "guess"}).content.decode()
        assert "Please enter a correct username and password" in page
    response = client.post(SIGN_IN, {"username": "mandy", "password": "guess"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts to sign in" in page and "reset it by email" in page
    # Even the right password is refused until the wait is over.
    response = client.post(SIGN_IN, {"username": "mandy", "password": "correct horse battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_clears_earlier_mistakes(client, mandy, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(SIGN_IN, {"username": "mandy", "password": "guess"})
    client.post(SIGN_IN, {"username": "mandy", "password": "correct horse battery"})
    client.logout()
    response = client.post(SIGN_IN, {"username": "mandy", "password": "guess"})
    assert response.status_code == 200  # counting starts again


def test_a_forgotten_password_is_reset_by_email_and_must_be_strong(
    client, mandy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("password_reset"), {"email": "MANDY@thurrock.example"}, follow=True
        )
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []  # the worker sends it, after the request
    work_off()
    [email] = mail.outbox
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", email.body)[1]

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    weak = client.post(
        form.redirect_chain[-1][0], {"new_password1": "password1", "new_password2": "password1"}
    )
    page = weak.content.decode()
    assert "This password is too short. It must contain at least 12 characters." in page
    assert "This password is too common." in page

    good = "amber kettle orbit lantern"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": good, "new_password2": good}, follow=True
    )
    assert "Your password has been saved" in done.content.decode()
    mandy.refresh_from_db()
    assert mandy.check_password(good)
    assert (
        client.get(link, follow=True).content.decode().count("already been used or has expired")
        == 1
    )


def test_an_unknown_address_is_not_revealed(client, mandy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("password_reset"), {"email": "nobody@example.org"}, follow=True
        )
    assert "If an account has that email address" in response.content.decode()
    work_off()
    assert mail.outbox == []


def test_your_account_shows_your_roles_and_changes_your_password(client, partnership, manager):
    client.force_login(manager)
    page = client.get(reverse("account")).content.decode()
    assert "Thurrock" in page and "Manager" in page
    good = "amber kettle orbit lantern"
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": good,
            "new_password2": good,
        },
        follow=True,
    )
    assert "Your password has been changed" in response.content.decode()
    manager.refresh_from_db()
    assert manager.check_password(good)
