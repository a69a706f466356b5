"""No request talks to the mail server: a hung server (issue 18) held the write lock
of every request that sent mail. Requests queue the mail; the worker sends it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goldenthread.mail.models import OutgoingEmail
from goldenthread.mail.testing import work_off

pytestmark = pytest.mark.django_db


class Unreachable(AssertionError):
    pass


class NoServer:
    """A mail backend that fails the test if anything talks to it."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise Unreachable("a request talked to the mail server")


@pytest.fixture
def no_server(settings):
    settings.EMAIL_BACKEND = f"{__name__}.NoServer"


def test_adding_a_member_queues_their_invitation(
    client, partnership, administrator, no_server, settings, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:add_member", args=[partnership.slug]),
            {"name": "Omar Hussain", "email": "omar@nhs.example", "role": "viewer"},
            follow=True,
        )
    assert "on its way to them" in response.content.decode()
    [outgoing] = OutgoingEmail.objects.all()
    assert (outgoing.to, outgoing.status) == ("omar@nhs.example", "queued")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    work_off()
    assert mail.outbox[0].to == ["omar@nhs.example"]


def reset(client, email: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("password_reset"), {"email": email})
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_password_reset_answers_alike_for_an_account_and_for_nobody(
    client, no_server, django_capture_on_commit_callbacks
):
    """Same page, and the same work: no lookup of the address and no mail in the
    request, which timing could tell apart."""
    get_user_model().objects.create_user("mandy", "mandy@thurrock.example")
    with django_capture_on_commit_callbacks(execute=True):
        known, known_queries = reset(client, "mandy@thurrock.example")
        unknown, unknown_queries = reset(client, "nobody@example.org")

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert len(known_queries) == len(unknown_queries)
    assert not any("auth_user" in sql for sql in known_queries + unknown_queries)
    assert not OutgoingEmail.objects.exists()
