"""A file of indicator values uploaded on the web: kept from its preview to its import.

A manager uploads a file, sees what importing it would change (a dry run of the same
importer as ``goldenthread import_data``), then confirms. In between, the file waits in
the "uploads" storage (``lib/storage.py``) as ``<random>/<its name>``: shared by every
app server, so the confirmation may reach another server than the preview did. No URL
serves it, nothing links to it, and only the uploader's session holds the random part,
so nobody can import a file they did not upload. The importers read a copy on local
disk under the file's own name. It is deleted once imported, refused or replaced, and
any left behind by an abandoned preview goes once it is older than
``UPLOAD_PREVIEW_MAX_AGE`` (an hour unless set): it can no longer be confirmed then.
Backups leave it out.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import File
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import get_valid_filename

from goldenthread.audit.context import Source, acting, client_address
from goldenthread.lib.storage import delete_folder, named, written_at
from goldenthread.partnerships.models import Partnership

from .importing import ImportResult, check_data_file, import_data_files, one_import_at_a_time
from .judgement_changes import JudgementChange, changes, judgements

SESSION_KEY = "indicator_values_upload"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_NAME = 100  # characters of the file's own name kept: it names the file in messages
PREVIEW_MAX_AGE = 3600  # seconds a previewed file waits to be confirmed, unless set


def preview_max_age() -> int:
    return int(getattr(settings, "UPLOAD_PREVIEW_MAX_AGE", PREVIEW_MAX_AGE))


@dataclass(frozen=True)
class PendingUpload:
    """A file uploaded and previewed, waiting for its uploader to confirm the import."""

    partnership: str  # slug: confirming on another partnership's page imports nothing
    token: str
    name: str

    @property
    def stored_as(self) -> str:
        """Its name in the "uploads" storage."""
        return f"{self.token}/{self.name}"

    def store(self, content: File) -> None:
        stored = uploads().save(self.stored_as, content)
        if stored != self.stored_as:  # the storage would not keep the name it was given
            uploads().delete(stored)
            raise SuspiciousFileOperation(f"The upload was stored as {stored!r}.")

    @contextmanager
    def local_copy(self) -> Iterator[Path]:
        """The file on this machine's disk, under its own name, for as long as the
        importers read it: the importers' messages and the audit trail name it so."""
        with tempfile.TemporaryDirectory(prefix="goldenthread-upload-") as folder:
            path = Path(folder) / self.name
            with uploads().open(self.stored_as, "rb") as source, path.open("xb") as copy:
                shutil.copyfileobj(source, copy)
            yield path


def uploads() -> Storage:
    return named("uploads")


def keep_upload(
    request: HttpRequest, partnership: Partnership, upload: UploadedFile
) -> PendingUpload:
    """Store the upload under a random folder and remember it in the session, in place
    of any earlier one. The file keeps its own name: the importer's messages and the
    audit trail name the file as the person knows it."""
    discard_upload(request)
    clear_abandoned()
    pending = PendingUpload(partnership.slug, secrets.token_urlsafe(24), _safe_name(upload.name))
    pending.store(upload)
    request.session[SESSION_KEY] = asdict(pending)
    return pending


def pending_upload(request: HttpRequest, partnership: Partnership) -> PendingUpload | None:
    """The file this person previewed for this partnership, if it is still there."""
    kept = request.session.get(SESSION_KEY)
    try:
        pending = PendingUpload(**kept)
    except TypeError:  # nothing kept, or kept by an older version of this code
        return None
    # The session is the server's own, but a file name is built from it: check it anyway.
    if (
        pending.partnership != partnership.slug
        or not TOKEN.match(pending.token)
        or pending.name != _safe_name(pending.name)
        or _age(pending.stored_as) > preview_max_age()
    ):
        return None
    return pending


def discard_upload(request: HttpRequest) -> None:
    """Forget the file waiting in this session, and delete it."""
    kept = request.session.pop(SESSION_KEY, None) or {}
    token = kept.get("token", "")
    if TOKEN.match(token):
        delete_folder(uploads(), token)


@dataclass(frozen=True)
class Preview:
    """What importing the file would do: its counts, and the judgements it would change."""

    result: ImportResult
    changes: list[JudgementChange]


def preview_values(pending: PendingUpload, user, partnership: Partnership) -> Preview:
    """What importing the file would add, revise and leave alone, and which of the
    partnership's judgements it would change; raises TableError with every problem,
    among them any value for an area this person may not write, or ImportBusy.

    Writes nothing, and holds SQLite's write lock only briefly: the file is read and
    checked without a transaction (the counts from what is stored), and only if it
    would change something are its checked values for the scorecard's indicators
    written, and the scorecard read again, in a transaction rolled back at once. A Fingertips
    export (recognised by its header, as by ``goldenthread import_data``) makes its
    indicators and areas as it is read, so it is read inside that transaction."""
    with pending.local_copy() as path:
        return _preview(path, user, partnership)


def _preview(path: Path, user, partnership: Partnership) -> Preview:
    checked = check_data_file(path, user=user)
    if checked is None:
        with one_import_at_a_time(), transaction.atomic():
            before = judgements(partnership)
            result = import_data_files([path], user=user)[0]
            after = judgements(partnership)
            transaction.set_rollback(True)
        result.dry_run = True
        return Preview(result, changes(before, after))
    with checked:
        if not (checked.result.added or checked.result.revised):
            return Preview(checked.result, [])
        before = judgements(partnership)  # read before the lock is taken
        with one_import_at_a_time(), transaction.atomic():
            checked.write(only=before.keys())  # the rest cannot change these judgements
            after = judgements(partnership)
            transaction.set_rollback(True)
    return Preview(checked.result, changes(before, after))


def import_pending_values(request: HttpRequest, pending: PendingUpload) -> ImportResult:
    """Import the file for real, recorded in the audit trail as this person's, from the
    web: the same one entry per file as the command records, with the same counts."""
    with pending.local_copy() as path, acting(request.user, Source.WEB, client_address(request)):
        return import_data_files([path], user=request.user)[0]


def _safe_name(name: str) -> str:
    """The file's name, safe to write to disk, keeping its ending."""
    path = Path(Path(name).name)
    try:
        safe = get_valid_filename(path.stem[:MAX_NAME]) + path.suffix.lower()
    except SuspiciousFileOperation:
        safe = "upload" + path.suffix.lower()
    return get_valid_filename(safe)


def clear_abandoned() -> None:
    """Delete files whose preview nobody confirmed in time: otherwise every abandoned
    preview would be kept for ever."""
    store = uploads()
    try:
        waiting, _ = store.listdir("")
    except FileNotFoundError:  # nothing uploaded yet
        return
    for token in waiting:
        names = store.listdir(token)[1]
        # A folder with no file yet is one being written to this instant.
        if names and all(_age(f"{token}/{name}") > preview_max_age() for name in names):
            delete_folder(store, token)


def _age(name: str) -> float:
    """Seconds since the file was stored; infinite once it has gone (another request
    may have just cleared it)."""
    stored = written_at(uploads(), name)
    if stored is None:
        return float("inf")
    return (timezone.now() - stored).total_seconds()
