"""Who gets a whole cached page, who gets cached fragments, and what is never cached
(goldenthread/caching); the page cache on Redis, a throwaway server started here."""

from __future__ import annotations

import socket
import threading

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from goldenthread.caching.pages import storable
from goldenthread.partnerships.models import Partnership, Visibility
from goldenthread.plans.models import Action

TREE = reverse("plans:tree", args=["thurrock", "2014-15"])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_readers_share_one_page_and_signed_in_readers_never_get_it(seeded, manager):
    first = Client().get(TREE)
    assert "X-Page-Cache" not in first
    assert Client().get(TREE)["X-Page-Cache"] == "hit"
    page = signed_in(manager).get(TREE)
    assert "X-Page-Cache" not in page
    assert "Sign out" in page.content.decode() and "Add an action" in page.content.decode()


def test_a_cached_page_still_has_every_security_header(seeded):
    Client().get(TREE)
    hit = Client().get(TREE)
    assert hit["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert hit.has_header(header), header


def test_a_partnership_read_by_partners_only_is_never_cached_whole(seeded, viewer):
    Partnership.objects.filter(slug="thurrock").update(visibility=Visibility.PARTNERS)
    reader = signed_in(viewer)
    for _ in range(2):
        assert Client().get(TREE).status_code == 302
        assert "X-Page-Cache" not in reader.get(TREE)


def test_a_reader_with_a_message_waiting_gets_the_page_afresh(seeded):
    Client().get(TREE)
    reader = Client()
    reader.cookies["messages"] = "waiting"
    assert "X-Page-Cache" not in reader.get(TREE)


def test_an_answer_that_sets_a_cookie_or_is_private_is_not_kept(rf: RequestFactory):
    request = rf.get(TREE)
    plain = HttpResponse("page")
    assert storable(request, plain)
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "x")
    private = HttpResponse("page", headers={"Cache-Control": "private"})
    assert not storable(request, with_cookie) and not storable(request, private)
    assert not storable(request, HttpResponse("gone", status=404))


def test_a_signed_in_readers_second_read_takes_fewer_queries(seeded, manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reader = signed_in(manager)
    with CaptureQueriesContext(connection) as first:
        reader.get(TREE)
    with CaptureQueriesContext(connection) as again:
        reader.get(TREE)
    assert len(again) < len(first) / 2


def test_readers_of_different_roles_never_share_a_fragment(seeded, viewer, manager):
    signed_in(manager).get(TREE)
    page = signed_in(viewer).get(TREE).content.decode()
    assert "Add an action" not in page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_cache(settings):
    """A Redis server of the test's own (fakeredis' TCP server), as CACHE_URL=redis://
    would configure it."""
    import environ
    from fakeredis import TcpFakeServer

    port = free_port()
    server = TcpFakeServer(("127.0.0.1", port), server_type="redis")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = environ.Env.cache_url_config(f"redis://127.0.0.1:{port}/0")
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {**settings.CACHES, "redis": config}
    settings.PAGE_CACHE = "redis"
    yield caches["redis"]
    caches["redis"].close()
    server.shutdown()
    server.server_close()


def test_on_redis_a_page_is_shared_and_a_change_makes_it_fresh(seeded, manager, redis_cache):
    Client().get(TREE)
    assert Client().get(TREE)["X-Page-Cache"] == "hit"
    assert redis_cache._cache.get_client().keys("*")  # kept in Redis
    action = Action.objects.get(code="8.21")
    signed_in(manager).post(
        reverse("plans:edit_action", args=["thurrock", action.pk]),
        {"text": "Publish the neglect strategy widely", "measure": "", "lead": action.lead,
         "due_date": "31/03/2015", "version": action.version},
    )  # fmt: skip
    fresh = Client().get(TREE)
    assert "X-Page-Cache" not in fresh
    assert "Publish the neglect strategy widely" in fresh.content.decode()


def test_the_key_names_release_version_day_address_and_reader(
    rf: RequestFactory, partnership, viewer, manager, monkeypatch
):
    from django.contrib.auth.models import AnonymousUser

    from goldenthread.caching import keys

    def key(user=None, path=TREE, version="a.b"):
        request = rf.get(path)
        request.user = user or AnonymousUser()
        request.versioned_partnership, request.data_version = partnership, version
        return keys.key(request, "page")

    first = key()
    assert key() == first
    others = {key(viewer), key(manager), key(path=TREE + "?q=x"), key(version="c.b")}
    assert first not in others and len(others) == 4
    monkeypatch.setattr(keys, "release", lambda: "next deploy")
    assert key() != first
