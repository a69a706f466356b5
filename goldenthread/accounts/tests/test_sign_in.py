from unittest import mock

from django.db import connection
from django.db.models.deletion import Collector
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goldenthread.partnerships.tests.factories import UserFactory


def test_a_person_signs_in_and_out(client, db):
    UserFactory(username="mandy", first_name="Mandy")
    response = client.post(
        reverse("login"), {"username": "mandy", "password": "correct horse battery"}, follow=True
    )
    assert "Sign out Mandy" in response.content.decode()

    response = client.post(reverse("logout"), follow=True)
    assert "Sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_explained(client, db):
    UserFactory(username="mandy")
    response = client.post(reverse("login"), {"username": "mandy", "password": "wrong"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Please enter a correct username and password" in page


def test_a_sign_in_writes_only_what_it_must(client, db):
    """On SQLite every write, even a delete of nothing, waits for the one write lock."""
    UserFactory(username="mandy")
    with (
        CaptureQueriesContext(connection) as queries,
        mock.patch.object(Collector, "delete", return_value=(0, {})) as deleting,
    ):
        client.post(reverse("login"), {"username": "mandy", "password": "correct horse battery"})
    assert client.session["_auth_user_id"]
    statements = [query["sql"] for query in queries.captured_queries]
    writes = [sql.split('"')[1] for sql in statements if sql.split()[0] in {"INSERT", "UPDATE"}]
    assert sorted(set(writes)) == ["auth_user", "axes_accesslog", "django_session"]
    assert not deleting.called  # no earlier failures, so nothing to clear
