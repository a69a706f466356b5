"""A whole goldenthread in one file, and back: every record and every uploaded file.

A backup is a zip holding ``manifest.json`` (when, from which version, the migrations
applied, how many rows of each model), ``data.backup`` (Django's ``dumpdata`` as JSON, with natural
keys for content types and permissions, whose ids differ between databases) and
``media/`` (logos, published reports). It moves between SQLite and PostgreSQL.

A restore replaces everything, or nothing: the database in one transaction, checked
against the manifest's counts before it commits, and the uploaded files only after that.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

# Read by loaddata as the "backup" format (backups/serializer.py) from its extension.
DATA = "data.backup"
# Rebuilt by `migrate` (content types, permissions) or worthless in another place (sessions).
NOT_KEPT = ["contenttypes", "auth.permission", "sessions"]
# Models that have moved app since a backup may have been made: old label, new label.
MOVED = {
    "plans.partnership": "partnerships.partnership",
    "accounts.membership": "partnerships.membership",
}


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why and what to do."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    goldenthread: str
    migrations: list[list[str]]
    counts: dict[str, int]
    files: int


def backup(path: Path) -> Manifest:
    """Write every record and every uploaded file to a new zip at ``path``."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new name, or remove it first.")
    media_root = Path(settings.MEDIA_ROOT)
    media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    media = [p for p in media if p.relative_to(media_root).parts[0] != "uploads"]  # previews
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / DATA
        call_command(
            "dumpdata",
            exclude=NOT_KEPT,
            natural_foreign=True,
            use_base_manager=True,
            format="backup",
            output=str(data),
            verbosity=0,
        )
        manifest = Manifest(
            created_at=timezone.now().isoformat(),
            goldenthread=version("goldenthread"),
            migrations=sorted([app, name] for app, name in _applied()),
            counts=_counts(),
            files=len(media),
        )
        partial = path.with_name(path.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest.__dict__, indent=1))
            archive.write(data, DATA)
            for file in media:
                archive.write(file, f"media/{file.relative_to(media_root).as_posix()}")
        # Renamed only when whole: a backup that stopped halfway never looks like one.
        partial.replace(path)
    return manifest


def restore(path: Path) -> Manifest:
    """Replace every record and uploaded file with the backup's."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path} is not a goldenthread backup: {error}") from None
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive, path)
        _check_migrations(manifest, path)
        data = _with_current_labels(Path(archive.extract(DATA, work)), manifest)
        media = _extract_media(archive, Path(work) / "media", path)
        try:
            with transaction.atomic():
                _flush()
                call_command("loaddata", str(data), verbosity=0)
                _check_counts(manifest, path)
        finally:
            # The flush made new content types and the backup brought its own: ids this
            # process remembers may now name nothing (on PostgreSQL, whose ids never repeat).
            ContentType.objects.clear_cache()
        _replace_media(media, Path(settings.MEDIA_ROOT))
    return manifest


def _with_current_labels(data: Path, manifest: Manifest) -> Path:
    """A backup made before a model moved names it by its old app: rename it (and its
    content type, where the audit trail refers to it) so that it restores into the new."""
    moved = {old: new for old, new in MOVED.items() if old in manifest.counts}
    if not moved:
        return data
    for old, new in moved.items():
        manifest.counts[new] = manifest.counts.pop(old)
    keys = {tuple(old.split(".")): new.split(".") for old, new in moved.items()}
    records = json.loads(data.read_text(encoding="utf-8"))
    for record in records:
        record["model"] = moved.get(record["model"], record["model"])
        for field, value in record["fields"].items():
            if isinstance(value, list) and tuple(value) in keys:  # a content type's key
                record["fields"][field] = keys[tuple(value)]
    data.write_text(json.dumps(records), encoding="utf-8")
    return data


def _flush() -> None:
    """Empty every table, inside the restore's transaction."""
    deferrable = connection.vendor == "postgresql"
    if deferrable:
        # PostgreSQL will not empty a table with foreign key checks still pending in this
        # transaction; run them now, and defer them again for loaddata's forward references.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if deferrable:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _applied() -> set[tuple[str, str]]:
    return MigrationRecorder(connection).applied_migrations().keys()


def _counts() -> Counter:
    """Rows of every model kept in a backup, by ``app_label.model``."""
    counts = Counter()
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or label.split(".")[0] in NOT_KEPT or label in NOT_KEPT:
            continue
        counts[label] = model._base_manager.count()
    return counts


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> Manifest:
    names = set(archive.namelist())
    if not {"manifest.json", DATA} <= names:
        raise BackupError(f"{path} is not a goldenthread backup: it has no manifest or data.")
    try:
        return Manifest(**json.loads(archive.read("manifest.json")))
    except (TypeError, ValueError) as error:
        raise BackupError(f"{path}: its manifest cannot be read ({error}).") from None


def _check_migrations(manifest: Manifest, path: Path) -> None:
    missing = {tuple(m) for m in manifest.migrations} - set(_applied())
    if missing:
        names = ", ".join(f"{app}.{name}" for app, name in sorted(missing)[:5])
        raise BackupError(
            f"{path} was made by a newer goldenthread (migrations {names} are not applied "
            "here): upgrade goldenthread and run `goldenthread migrate`, then restore."
        )


def _check_counts(manifest: Manifest, path: Path) -> None:
    restored = _counts()
    wrong = {
        label: (n, restored[label]) for label, n in manifest.counts.items() if restored[label] != n
    }
    if wrong:
        detail = "; ".join(
            f"{label}: {want} in the backup, {got} restored"
            for label, (want, got) in sorted(wrong.items())[:5]
        )
        raise BackupError(f"{path} did not restore whole, so nothing was changed ({detail}).")


def _extract_media(archive: zipfile.ZipFile, into: Path, path: Path) -> Path:
    into.mkdir()
    for name in archive.namelist():
        if not name.startswith("media/") or name.endswith("/"):
            continue
        relative = PurePosixPath(name).relative_to("media")
        # Never outside MEDIA_ROOT, whatever names a tampered backup holds.
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(f"{path}: the file name {name!r} is not allowed in a backup.")
        target = into.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(name) as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out)
    return into


def _replace_media(new: Path, media_root: Path) -> None:
    """Put the backup's files in place of the current ones, keeping the old until done."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    old = media_root.with_name(media_root.name + ".before-restore")
    if old.exists():
        shutil.rmtree(old)
    if media_root.exists():
        media_root.rename(old)
    shutil.copytree(new, media_root)
    if old.exists():
        shutil.rmtree(old)
