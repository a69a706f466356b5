"""What people see when something outside their control goes wrong.

A database that cannot be reached, or that refuses changes (a full disk, a read-only
replica), gets a 503 that says so and asks them to try again, rather than a bare 500.
These pages read nothing from the database.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

UNAVAILABLE = [
    (
        "goldenthread cannot reach its database just now, so this page cannot be shown "
        "and nothing can be saved. Nothing already saved has been lost."
    ),
    "Try again in a few minutes. If it goes on, tell the partnership's administrator.",
]
# SQLite's one writer at a time: another change, most often a large import, held the
# write lock longer than the busy timeout (docs/performance.md).
BUSY = [
    (
        "Someone else's change, most often a large import of indicator values, is being "
        "saved just now, so this could not be. Nothing already saved has been lost; what "
        "you sent was not saved."
    ),
    "Go back and send it again in a minute.",
]
BROKEN = [
    (
        "Something went wrong on our side and the page could not be shown. Nothing you "
        "had already saved has been lost."
    ),
    "Try again. If it happens again, tell the partnership's administrator what you were doing.",
]


# PostgreSQL's "read-only SQL transaction": a replica, or a database set read-only.
READ_ONLY = "25006"


def is_unavailable(error: BaseException | None) -> bool:
    """Is this the database being out of reach or refusing changes, not a bug of ours?"""
    return isinstance(error, OperationalError | InterfaceError) or (
        getattr(error.__cause__, "sqlstate", None) == READ_ONLY if error else False
    )


def is_busy(error: BaseException | None) -> bool:
    """Is this SQLite waiting out another writer, rather than the database being away?"""
    return isinstance(error, OperationalError) and "locked" in str(error)


def database_unavailable(error: BaseException | None = None) -> HttpResponse:
    if is_busy(error):
        context = {"title": "Sorry, the service is busy", "paragraphs": BUSY}
    else:
        context = {"title": "Sorry, the service is unavailable", "paragraphs": UNAVAILABLE}
    html = render_to_string("errors/plain.html", context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "60"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: called while the exception is being handled, so it can ask what it was."""
    error = sys.exc_info()[1]
    if is_unavailable(error):
        return database_unavailable(error)
    html = render_to_string(
        "errors/plain.html", {"title": "Sorry, there is a problem", "paragraphs": BROKEN}
    )
    return HttpResponse(html, status=500)


class RefusalsWithoutTraceback(logging.Filter):
    """Django logs a refused request (a 403, a 400) with the exception that refused it.
    Its traceback says nothing an operator can act on and buries real errors, so a
    client error keeps its one line; a server error keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
