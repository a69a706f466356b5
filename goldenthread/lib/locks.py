"""A lock that one process of the whole site holds at a time, or nobody waits for it.

On PostgreSQL it is an advisory lock of the database itself, so it holds across every
app server and worker that share the database, and the database lets it go when the
holder's connection ends, however its process ended. SQLite serves one machine, so a
lock on a file beside the database's name in the temporary folder does there, and the
operating system lets it go with the process.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection


class Held(Exception):
    """Someone else holds the lock."""


def _key(name: str) -> int:
    """A signed 64-bit key for pg_try_advisory_lock, the same in every process."""
    digest = hashlib.sha256(f"goldenthread:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def held_alone(name: str) -> Iterator[None]:
    """Hold the lock called ``name`` for the block, or raise ``Held`` at once."""
    if connection.vendor == "postgresql":
        with _advisory(_key(name)):
            yield
    else:
        with _on_a_file(name):
            yield


@contextmanager
def _advisory(key: int) -> Iterator[None]:
    # A session lock, not a transaction one: it must outlive the transactions inside it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        if not cursor.fetchone()[0]:
            raise Held
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        except DatabaseError:
            # The transaction around the block failed and takes no more statements; the
            # lock is the session's, so ending the session is what lets it go.
            connection.close()


@contextmanager
def _on_a_file(name: str) -> Iterator[None]:
    database = str(settings.DATABASES["default"].get("NAME", ""))
    digest = hashlib.sha256(f"{database}:{name}".encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"goldenthread-{name}-{digest}.lock"
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Held from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
