"""The one rule for what a cached page, fragment or evaluation is keyed on.

A key names everything its contents depend on, so that an entry is never served where it
would differ and nothing ever has to be cleared:

- the release: a deploy's templates and code never meet the last deploy's entries;
- the partnership's data version (audit/data_versions.py), read once per request before
  the view reads any data: every change moves it on in the change's own transaction;
- today's date in Europe/London: actions fall overdue as days pass, with no change;
- the address (host, path and query), which chooses what the page shows;
- the reader: what they may see. Anonymous readers see public plans only; members by
  their role (a viewer and a contributor read what the partnership shares, managers and
  administrators the private plans and the drafts too); a fragment that shows the reader's
  own things (``personal``) is kept per person.

Entries outlive their key's usefulness silently: the next change names new keys, and the
cache's own limits (TIMEOUT, MAX_ENTRIES) drop the old ones.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from functools import cache
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone

from goldenthread.partnerships.models import Partnership
from goldenthread.partnerships.permissions import role_in

LONDON = ZoneInfo("Europe/London")
PACKAGE = Path(__file__).resolve().parent.parent


@cache
def release() -> str:
    """This deploy: RELEASE where the deployment names it (a commit, a tag), otherwise
    the package's version and the newest of its files (templates and code)."""
    if named := os.environ.get("RELEASE", "").strip():
        return named
    newest = max(
        (
            entry.stat().st_mtime_ns
            for entry in PACKAGE.rglob("*")
            if entry.suffix in {".py", ".html"}
        ),
        default=0,
    )
    return f"{version('goldenthread')}-{newest}"


def reader(request: HttpRequest, partnership: Partnership, *, personal: bool = False) -> str:
    """Who reads, as far as what they may see differs."""
    user = request.user
    if not user.is_authenticated:
        return "anonymous"
    role = role_in(user, partnership) or "signed-in"
    return f"{role}-{user.pk}" if personal else role


def today() -> date:
    """Today in Europe/London, where every partnership's due dates fall."""
    return timezone.localtime(timezone=LONDON).date()


def key(request: HttpRequest, part: str, *, personal: bool = False) -> str:
    """The cache key of ``part`` ("page", a fragment's or an evaluation's name) of the
    request's page, whose partnership and version the middleware has read (``pages.py``)."""
    partnership = request.versioned_partnership  # type: ignore[attr-defined]
    named = "|".join(
        [
            release(),
            request.data_version,  # type: ignore[attr-defined]
            today().isoformat(),
            request.get_host(),
            request.get_full_path(),
            reader(request, partnership, personal=personal),
            part,
        ]
    )
    digest = hashlib.sha256(named.encode()).hexdigest()
    return f"goldenthread:{partnership.pk}:{digest}"


def has_version(request: HttpRequest) -> bool:
    """Was the request's partnership read with its version (a partnership's page)?"""
    return hasattr(request, "data_version")
