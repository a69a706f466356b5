"""Who is changing things, and from where, for the audit trail to record.

The web sets it per request (middleware); the API, importers and management commands
set it around their writes with ``acting``.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models


class Source(models.TextChoices):
    """Where a change came from: recorded on every audit entry and action change."""

    WEB = "web", "Web"
    API = "api", "API"
    IMPORT = "import", "Import"
    COMMAND = "command", "Command"
    ADMIN = "admin", "Admin"


@dataclass(frozen=True)
class Actor:
    # A User (perhaps not yet loaded, or anonymous), or None for the worker or a command.
    user: object | None
    source: str
    remote_addr: str | None = None


_current: ContextVar[Actor | None] = ContextVar("audit_actor", default=None)


def current() -> Actor | None:
    return _current.get()


def client_address(request) -> str | None:
    """Where a request came from: the one rule for the audit trail, django-axes
    (AXES_CLIENT_IP_CALLABLE) and the sign-in and API throttles.

    Behind our reverse proxy (BEHIND_PROXY), the address that proxy saw: the last one in
    X-Forwarded-For, whether the proxy sets the header or appends to what the visitor
    sent, so a visitor's own X-Forwarded-For never chooses it. Otherwise the connection's
    address, and X-Forwarded-For is nobody's to trust.
    """
    from django.conf import settings
    from ipware import get_client_ip

    headers = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if settings.BEHIND_PROXY else ["REMOTE_ADDR"]
    # proxy_count=0: no proxies of ours are listed inside the header (ours is the
    # connection itself); not strict, so that the last entry wins over a forged chain.
    address, _ = get_client_ip(request, proxy_count=0, strict=False, request_header_order=headers)
    return address


@contextlib.contextmanager
def acting(user, source: str, remote_addr: str | None = None) -> Iterator[Actor]:
    """Record changes made inside the block as made by ``user`` from ``source``."""
    actor = Actor(user, source, remote_addr)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def recorded_as(source: str):
    """Decorate a management command's ``handle``: its changes come from ``source``."""

    def decorator(function):
        @functools.wraps(function)
        def wrapped(*args, **kwargs):
            with acting(None, source):
                return function(*args, **kwargs)

        return wrapped

    return decorator
