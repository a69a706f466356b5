"""Who is changing things, and from where, for the audit trail to record.

The web sets it per request (middleware); the API, importers and management commands
set it around their writes with ``acting``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


class Source:
    WEB = "web"
    API = "api"
    IMPORT = "import"
    COMMAND = "command"
    ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    user: object | None  # a User, or None for the system (the worker, a command)
    source: str


_current: ContextVar[Actor | None] = ContextVar("audit_actor", default=None)


def current() -> Actor | None:
    return _current.get()


@contextlib.contextmanager
def acting(user, source: str) -> Iterator[Actor]:
    """Record changes made inside the block as made by ``user`` from ``source``."""
    actor = Actor(user if getattr(user, "is_authenticated", False) else None, source)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
