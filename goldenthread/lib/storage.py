"""Files through Django's storage API, so that several app servers share them: a folder
on local disk by default, S3-compatible object storage when configured (settings'
STORAGES; docs/storage.md).

Named storages: "default" (logos, published reports and their images), "uploads"
(files waiting between their preview and their import) and "charts" (chart images kept
by what they show). What the rest of the app needs beyond Django's API is here: a local
folder whose files are written whole, the time a file was written (None once it has
gone), and every file under a folder.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage, storages

PARTIAL = ".partial-"  # a file being written, renamed into place when whole


class LocalFolderStorage(FileSystemStorage):
    """A folder of the app's own on local disk, for files only the app reads.

    ``media_folder``: a folder within MEDIA_ROOT, followed when MEDIA_ROOT changes (as
    the tests change it), where no ``location`` is given. Each file is written whole
    under a temporary name and renamed into place: another process reading it at the
    same moment sees the old file or the new, never half of one (Django's own writes in
    place). A file of the same name is replaced: these names are random or say what
    the file holds."""

    def __init__(self, location: str | os.PathLike | None = None, media_folder: str = "") -> None:
        super().__init__(location=location, allow_overwrite=True)
        self._given = location
        self._media_folder = media_folder

    @property
    def base_location(self) -> str:
        if self._given is not None:
            return str(self._given)
        return os.path.join(settings.MEDIA_ROOT, self._media_folder)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def _save(self, name: str, content: File) -> str:
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=PARTIAL)
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
            os.chmod(partial, self.file_permissions_mode or 0o644)
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        return Path(os.path.relpath(path, self.location)).as_posix()

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        """The folders and files there, less any still being written."""
        folders, files = super().listdir(path)
        return folders, [name for name in files if not name.startswith(PARTIAL)]


def named(alias: str) -> Storage:
    """The storage configured under ``alias`` in settings.STORAGES."""
    return storages[alias]


def local_folder(storage: Storage) -> Path | None:
    """The folder on this machine that holds the storage's files; None for object storage."""
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def written_at(storage: Storage, name: str) -> datetime | None:
    """When the file was last written, or None when there is no such file (another
    process may just have deleted it)."""
    try:
        return storage.get_modified_time(name)
    except FileNotFoundError:
        return None
    except Exception as error:
        if _not_found(error):  # object storage: a 404 from the server
            return None
        raise


def _not_found(error: Exception) -> bool:
    response = getattr(error, "response", None) or {}
    return response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404


def files_under(storage: Storage, folder: str = "") -> Iterator[str]:
    """The name of every file under ``folder``, at any depth, as the storage names them.
    On local disk never a link, which could reach outside the storage's folder."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    local = local_folder(storage)
    for name in sorted(files):
        path = f"{folder}/{name}" if folder else name
        if local is None or not (local / path).is_symlink():
            yield path
    for name in sorted(folders):
        path = f"{folder}/{name}" if folder else name
        if local is None or not (local / path).is_symlink():
            yield from files_under(storage, path)


def delete_folder(storage: Storage, folder: str) -> None:
    """Delete every file under ``folder``, and on local disk the emptied folders."""
    for name in list(files_under(storage, folder)):
        storage.delete(name)
    local = local_folder(storage)
    if local is not None:
        for emptied, _, _ in os.walk(local / folder, topdown=False):
            with contextlib.suppress(OSError):  # another process has just written there
                os.rmdir(emptied)
