"""The site-wide lock: another process's hold refuses at once, and a hold ends with its
block, with a failed transaction inside it, or with the holder's connection. A thread
has a connection of its own, so it stands for another app server."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction

from goldenthread.lib.locks import Held, _key, held_alone

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's"
)


def elsewhere(
    hold: Callable[[threading.Event, threading.Event], None],
) -> tuple[threading.Event, threading.Event]:
    """Run ``hold(holding, release)`` on a connection of its own: another server."""
    holding, release = threading.Event(), threading.Event()

    def run() -> None:
        try:
            hold(holding, release)
        finally:
            connection.close()

    threading.Thread(target=run, daemon=True).start()
    assert holding.wait(10)
    return holding, release


def hold_the_lock(holding: threading.Event, release: threading.Event) -> None:
    with held_alone("import"):
        holding.set()
        release.wait(10)


def try_it() -> bool:
    try:
        with held_alone("import"):
            return True
    except Held:
        return False


def had_soon() -> bool:
    """Whether the lock is had within five seconds: the other side lets go in its time."""
    for _ in range(100):
        if try_it():
            return True
        threading.Event().wait(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_lock_held_elsewhere_refuses_at_once_and_is_had_once_let_go():
    _, release = elsewhere(hold_the_lock)
    assert not try_it()
    assert try_it() is False  # asking again does not wait either
    release.set()
    assert had_soon(), "the lock was never let go"


def test_two_names_are_two_locks(db):
    with held_alone("import"), held_alone("restore"):
        pass  # two names, two locks: neither waits for the other


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_failed_transaction_inside_the_hold_still_lets_it_go():
    with (
        pytest.raises(DatabaseError),
        held_alone("import"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT 1 / 0")
    holding, release = elsewhere(hold_the_lock)
    assert holding.is_set()
    release.set()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_server_that_dies_holding_it_lets_it_go_with_its_connection():
    def die_holding(holding: threading.Event, release: threading.Event) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key("import")])
            assert cursor.fetchone()[0]
        holding.set()
        release.wait(10)  # then its connection closes, never having unlocked

    _, release = elsewhere(die_holding)
    assert not try_it()
    release.set()
    assert had_soon(), "the dead server's lock was never let go"
