"""The one rule for what a cached page, fragment or evaluation is keyed on.

A key names everything its contents depend on, so that an entry is never served where it
would differ and nothing ever has to be cleared:

- the release: a deploy's templates and code never meet the last deploy's entries;
- the partnership's data version (audit/data_versions.py), read once per request before
  the view reads any data: every change moves it on in the change's own transaction;
- today's date in Europe/London: actions fall overdue as days pass, with no change;
- the address (host, path and query), which chooses what the page shows;
- the reader: what they may see (an answer across partnerships, ``key_across_partnerships``,
  is keyed on the versions of all they may read, and by the person). Anonymous readers see public plans only; members by
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
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone

from goldenthread.audit.data_versions import data_versions_readable_by
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
    try:
        installed = version("goldenthread")
    except PackageNotFoundError:  # run from a checkout that was never installed
        installed = "source"
    return f"{installed}-{newest}"


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
    version = request.data_version  # type: ignore[attr-defined]
    who = reader(request, partnership, personal=personal)
    return _named(request, version, who, part, scope=str(partnership.pk))


def key_across_partnerships(request: HttpRequest, part: str) -> str:
    """The key of an answer that spans every partnership the reader may read (the API's
    lists): their versions read now, before the answer's data, and the reader in person
    (their roles differ from one partnership to the next)."""
    user = request.user
    version = data_versions_readable_by(user)
    who = f"user-{user.pk}" if user.is_authenticated else "anonymous"
    return _named(request, version, who, part, scope="across")


def _named(request: HttpRequest, version: str, who: str, part: str, *, scope: str) -> str:
    named = "|".join(
        [release(), version, today().isoformat(), request.get_host(),
         request.get_full_path(), who, part]
    )  # fmt: skip
    digest = hashlib.sha256(named.encode()).hexdigest()
    return f"goldenthread:{scope}:{digest}"


def has_version(request: HttpRequest) -> bool:
    """Was the request's partnership read with its version (a partnership's page)?"""
    return hasattr(request, "data_version")
