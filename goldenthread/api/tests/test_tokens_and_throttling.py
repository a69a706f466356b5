"""API tokens: their use noted without making a read wait, their hint, and rate limits
per token and per address."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import time
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from goldenthread.api.models import ApiToken
from goldenthread.partnerships.tests.factories import UserFactory

ACTIONS = "/api/v1/actions/?page_size=1"


def with_token(user, name: str = "tests") -> tuple[APIClient, ApiToken]:
    api = APIClient()
    stored, token = ApiToken.issue(user, name)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api, stored


@contextlib.contextmanager
def another_writer() -> Iterator[None]:
    """Another connection in the middle of a long write, as an import would be."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            if other.vendor == "sqlite":
                other.connection.execute("BEGIN IMMEDIATE")
            else:
                cursor.execute("BEGIN")
                cursor.execute("LOCK TABLE api_apitoken IN EXCLUSIVE MODE")  # reads go on
            yield
            other.connection.rollback()
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_a_token_read_answers_at_once_while_another_process_writes():
    api, stored = with_token(UserFactory())
    with another_writer():
        started = time.monotonic()
        response = api.get(ACTIONS)
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < 2, f"{elapsed:.1f} s"
    stored.refresh_from_db()
    assert stored.last_used_at is None  # skipped, the database being busy

    assert api.get(ACTIONS).status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None  # noted by the next use


def test_a_tokens_use_is_noted_after_the_response_at_most_every_quarter_hour(db):
    api, stored = with_token(UserFactory())
    api.get(ACTIONS)
    stored.refresh_from_db()
    first = stored.last_used_at
    assert timezone.now() - first < dt.timedelta(seconds=30)

    api.get(ACTIONS)
    stored.refresh_from_db()
    assert stored.last_used_at == first

    ApiToken.objects.filter(pk=stored.pk).update(last_used_at=first - dt.timedelta(minutes=16))
    api.get(ACTIONS)
    stored.refresh_from_db()
    assert stored.last_used_at > first


def test_a_token_is_recognised_by_its_last_four_characters(client, db):
    person = UserFactory()
    client.force_login(person)
    page = client.post(reverse("tokens:list"), {"name": "Power BI"}).content.decode()
    token = page.split('<code class="gt-token">')[1].split("</code>")[0]
    stored = ApiToken.objects.get(user=person)
    assert stored.hint == token[-4:]
    assert str(stored) == f"Power BI (…{token[-4:]})"
    assert f"<code>…{token[-4:]}</code>" in client.get(reverse("tokens:list")).content.decode()


def test_hints_kept_from_a_tokens_start_are_forgotten_not_shown_as_its_end(client, db):
    person = UserFactory()
    old, _ = ApiToken.issue(person, "Old")
    ApiToken.objects.filter(pk=old.pk).update(hint="gt_AbCdEfG")
    new, token = ApiToken.issue(person, "New")
    migration = importlib.import_module("goldenthread.api.migrations.0002_token_hint_last_four")

    migration.forget_first_characters(apps, None)

    assert ApiToken.objects.get(pk=old.pk).hint == ""
    assert ApiToken.objects.get(pk=new.pk).hint == token[-4:]
    client.force_login(person)
    page = client.get(reverse("tokens:list")).content.decode()
    assert "Not known" in page and "gt_AbCdEfG" not in page


# --- Rate limits ---


def test_one_token_is_limited_and_told_when_to_come_back(db, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "api": "3/minute"}
    busy, _ = with_token(UserFactory())
    for _ in range(3):
        assert busy.get(ACTIONS).status_code == 200

    response = busy.get(ACTIONS)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["title"]) == (429, "Too many requests")
    assert problem["detail"]
    # Another program, with its own token, is not held up.
    other, _ = with_token(UserFactory())
    assert other.get(ACTIONS).status_code == 200


def test_anonymous_callers_are_limited_by_address(db, settings):
    settings.BEHIND_PROXY = True
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "api-anonymous": "2/minute"}
    api = APIClient(REMOTE_ADDR="127.0.0.1")
    for _ in range(2):
        assert api.get(ACTIONS, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200
    assert api.get(ACTIONS, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert api.get(ACTIONS, HTTP_X_FORWARDED_FOR="198.51.100.20").status_code == 200


def test_the_default_rates_let_a_dashboard_refresh(db, settings):
    api, _ = with_token(UserFactory())
    assert all(api.get(ACTIONS).status_code == 200 for _ in range(15))


def test_throttle_counts_in_files_are_shared_by_every_process(db, settings, tmp_path):
    """As on a server: every process reads the counts the others wrote."""
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "api": "2/minute"}
    files = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"}
    one, _ = with_token(UserFactory())
    for _process in range(2):  # each time a fresh cache object, as another process has
        settings.CACHES = {**settings.CACHES, "throttle": {**files, "LOCATION": tmp_path}}
        assert one.get(ACTIONS).status_code == 200
    settings.CACHES = {**settings.CACHES, "throttle": {**files, "LOCATION": tmp_path}}
    assert one.get(ACTIONS).status_code == 429
