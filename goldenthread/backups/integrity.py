"""A backup is whole and ours: every file's checksum in the manifest, the manifest signed
with the site's SECRET_KEY, and no name in the zip that could land anywhere unexpected.

Checked before anything is changed, so that a tampered, truncated or crafted backup is
refused with a reason and the site is left as it was.
"""

from __future__ import annotations

import hashlib
import hmac
import stat
import zipfile
from collections import Counter
from pathlib import PurePosixPath
from typing import IO

from django.utils.crypto import salted_hmac

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
# Its own salt: a signature for backups is worthless as a session's or a token's.
SALT = "goldenthread.backups.manifest"


class IntegrityError(Exception):
    """The backup is not the one that was made, or holds names we refuse."""


def checksum(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()


def signature(manifest: bytes) -> str:
    return salted_hmac(SALT, manifest, algorithm="sha256").hexdigest()


def check_names(archive: zipfile.ZipFile) -> None:
    """Refuse names that would collide, escape, or be links, before one is extracted."""
    infos = archive.infolist()
    names = [info.filename for info in infos]
    twice = [name for name, n in Counter(name.lower() for name in names).items() if n > 1]
    if twice:
        raise IntegrityError(f"it holds more than one file named {twice[0]!r}")
    files = {name.rstrip("/") for name in names if not name.endswith("/")}
    for info in infos:
        path = PurePosixPath(info.filename)
        if path.is_absolute() or ".." in path.parts or "\\" in info.filename:
            raise IntegrityError(f"the file name {info.filename!r} is not allowed in a backup")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise IntegrityError(f"{info.filename!r} is a link, which a backup never holds")
        folder = next((str(p) for p in path.parents if str(p) in files), None)
        if folder is not None:
            raise IntegrityError(f"{folder!r} is both a file and the folder of {info.filename!r}")


def check_contents(archive: zipfile.ZipFile, checksums: dict[str, str], *, unsigned: bool) -> None:
    """Every file the manifest lists is there with its checksum, and nothing else is.
    A backup from before checksums were kept has none: only with ``unsigned``."""
    if not checksums:
        if unsigned:
            return
        raise IntegrityError("it lists no checksums of its files")
    held = {
        info.filename
        for info in archive.infolist()
        if not info.is_dir() and info.filename not in {MANIFEST, SIGNATURE}
    }
    if missing := sorted(set(checksums) - held):
        raise IntegrityError(f"{missing[0]!r} is missing from it")
    if extra := sorted(held - set(checksums)):
        raise IntegrityError(f"{extra[0]!r} was added to it after it was made")
    for name, expected in checksums.items():
        with archive.open(name) as stream:
            if not hmac.compare_digest(checksum(stream), expected):
                raise IntegrityError(f"{name!r} was changed after the backup was made")


def check_signature(archive: zipfile.ZipFile, *, unsigned: bool) -> None:
    """The manifest is signed with this site's key, unless ``unsigned`` says a backup
    from elsewhere (another key, or one made before backups were signed) is trusted."""
    if unsigned:
        return
    if SIGNATURE not in archive.namelist():
        raise IntegrityError(
            "it is not signed: restore it with --unsigned only if you trust where it came from"
        )
    given = archive.read(SIGNATURE).decode("ascii", "replace").strip()
    if not hmac.compare_digest(given, signature(archive.read(MANIFEST))):
        raise IntegrityError(
            "its signature does not match: it was changed after it was made, or made by a "
            "site with another SECRET_KEY (then restore it with --unsigned if you trust it)"
        )
