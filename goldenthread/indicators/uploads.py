"""A file of indicator values uploaded on the web: kept from its preview to its import.

A manager uploads a file, sees what importing it would change (a dry run of the same
importer as ``goldenthread import_data``), then confirms. In between, the file waits in
``MEDIA_ROOT/uploads/<random>/<its name>``: no URL serves that folder, nothing links to
it, and only the uploader's session holds the random part, so nobody can import a file
they did not upload. It is deleted once imported, refused or replaced, and any left
behind by an abandoned preview goes once its session could no longer confirm it.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils.text import get_valid_filename

from goldenthread.audit.context import Source, acting, client_address
from goldenthread.partnerships.models import Partnership

from .importing import ImportResult, import_data_files
from .judgement_changes import JudgementChange, changes, judgements

SESSION_KEY = "indicator_values_upload"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_NAME = 100  # characters of the file's own name kept: it names the file in messages


@dataclass(frozen=True)
class PendingUpload:
    """A file uploaded and previewed, waiting for its uploader to confirm the import."""

    partnership: str  # slug: confirming on another partnership's page imports nothing
    token: str
    name: str

    @property
    def path(self) -> Path:
        return uploads_folder() / self.token / self.name


def uploads_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "uploads"


def keep_upload(
    request: HttpRequest, partnership: Partnership, upload: UploadedFile
) -> PendingUpload:
    """Store the upload under a random folder and remember it in the session, in place
    of any earlier one. The file keeps its own name: the importer's messages and the
    audit trail name the file as the person knows it."""
    discard_upload(request)
    _clear_abandoned()
    pending = PendingUpload(partnership.slug, secrets.token_urlsafe(24), _safe_name(upload.name))
    pending.path.parent.mkdir(parents=True, exist_ok=True)
    with pending.path.open("xb") as file:
        for chunk in upload.chunks():
            file.write(chunk)
    request.session[SESSION_KEY] = asdict(pending)
    return pending


def pending_upload(request: HttpRequest, partnership: Partnership) -> PendingUpload | None:
    """The file this person previewed for this partnership, if it is still there."""
    kept = request.session.get(SESSION_KEY)
    try:
        pending = PendingUpload(**kept)
    except TypeError:  # nothing kept, or kept by an older version of this code
        return None
    # The session is the server's own, but a path is built from it: check it anyway.
    if (
        pending.partnership != partnership.slug
        or not TOKEN.match(pending.token)
        or pending.name != _safe_name(pending.name)
        or not pending.path.is_file()
    ):
        return None
    return pending


def discard_upload(request: HttpRequest) -> None:
    """Forget the file waiting in this session, and delete it."""
    kept = request.session.pop(SESSION_KEY, None) or {}
    token = kept.get("token", "")
    if TOKEN.match(token):
        shutil.rmtree(uploads_folder() / token, ignore_errors=True)


@dataclass(frozen=True)
class Preview:
    """What importing the file would do: its counts, and the judgements it would change."""

    result: ImportResult
    changes: list[JudgementChange]


def preview_values(pending: PendingUpload, user, partnership: Partnership) -> Preview:
    """What importing the file would add, revise and leave alone, and which of the
    partnership's judgements it would change; raises TableError with every problem,
    among them any value for an area this person may not write. Writes nothing: the
    file is imported, and the scorecard read before and after, in a transaction that
    is rolled back. A Fingertips export is recognised by its header, as by
    ``goldenthread import_data``."""
    with transaction.atomic():
        before = judgements(partnership)
        result = import_data_files([pending.path], user=user)[0]
        after = judgements(partnership)
        transaction.set_rollback(True)
    result.dry_run = True
    return Preview(result, changes(before, after))


def import_pending_values(request: HttpRequest, pending: PendingUpload) -> ImportResult:
    """Import the file for real, recorded in the audit trail as this person's, from the
    web: the same one entry per file as the command records, with the same counts."""
    with acting(request.user, Source.WEB, client_address(request)):
        return import_data_files([pending.path], user=request.user)[0]


def _safe_name(name: str) -> str:
    """The file's name, safe to write to disk, keeping its ending."""
    path = Path(Path(name).name)
    try:
        safe = get_valid_filename(path.stem[:MAX_NAME]) + path.suffix.lower()
    except SuspiciousFileOperation:
        safe = "upload" + path.suffix.lower()
    return get_valid_filename(safe)


def _clear_abandoned() -> None:
    """Delete files whose preview nobody confirmed, once the session that could confirm
    them has expired: otherwise every abandoned preview would stay on disk."""
    too_old = time.time() - settings.SESSION_COOKIE_AGE
    folder = uploads_folder()
    if not folder.is_dir():
        return
    for waiting in folder.iterdir():
        try:
            abandoned = waiting.stat().st_mtime < too_old
        except FileNotFoundError:  # another request cleared it first
            continue
        if abandoned:
            shutil.rmtree(waiting, ignore_errors=True)
