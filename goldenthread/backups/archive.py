"""A whole goldenthread in one file, and back: every record and every uploaded file.

A backup is a zip holding ``manifest.json`` (when, from which version, the migrations
applied, how many rows of each model, every file's checksum), ``manifest.sig`` (the
manifest signed with the site's SECRET_KEY: ``integrity.py``), ``data.backup`` (Django's ``dumpdata`` as JSON, with natural
keys for content types and permissions, whose ids differ between databases) and
``media/`` (logos, published reports, read through the default storage, on disk or
object storage; not ``uploads/``, previews of imports that are worthless elsewhere).
It moves between SQLite and PostgreSQL, and between local disk and object storage.

A restore replaces everything, or nothing: the database in one transaction, checked
against the manifest's counts before it commits, and the uploaded files swapped in
whole after that on local disk (``media.py``), or written one by one to object storage. Writes are refused while it runs (``lib/maintenance.py``),
it is in the audit trail, and it never changes a content type's id: processes already
running keep the ids they remember, and their audit entries keep the right kind.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import tempfile
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import IO

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File
from django.core.files.storage import Storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from goldenthread.audit.restores import record_restore, restore_committed
from goldenthread.lib import maintenance
from goldenthread.lib.storage import files_under, local_folder, named

from . import integrity, media

# Read by loaddata as the "backup" format (backups/serializer.py) from its extension.
DATA = "data.backup"
# Rebuilt by `migrate` (content types, permissions) or worthless in another place
# (sessions, and data versions: the restore's own audit entry moves every one on).
NOT_KEPT = ["contenttypes", "auth.permission", "sessions", "audit.dataversion"]
# Top-level media folders left out: import previews (``indicators/uploads.py``).
MEDIA_NOT_KEPT = {"uploads"}
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
    # "data.backup" and each "media/…" file: its SHA-256. None in backups made before.
    checksums: dict[str, str] = dataclasses.field(default_factory=dict)


def backup(path: Path) -> Manifest:
    """Write every record and every uploaded file to a new zip at ``path``: the files
    read through the default storage, on local disk or object storage alike."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new name, or remove it first.")
    store = named("default")
    media_names = [name for name in files_under(store) if _kept(name)]
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
        unfinished = path.with_name(path.name + ".partial")
        with zipfile.ZipFile(unfinished, "w", zipfile.ZIP_DEFLATED) as archive:
            # Each file is read once, into the zip and its checksum together; the
            # manifest that lists them goes in last.
            with data.open("rb") as stream:
                checksums = {DATA: _added(archive, DATA, stream)}
            for name in media_names:
                with store.open(name, "rb") as stream:
                    checksums[f"media/{name}"] = _added(archive, f"media/{name}", stream)
            manifest = Manifest(
                created_at=timezone.now().isoformat(),
                goldenthread=version("goldenthread"),
                migrations=sorted([app, name] for app, name in _applied()),
                counts=_counts(),
                files=len(media_names),
                checksums=checksums,
            )
            written = json.dumps(manifest.__dict__, indent=1).encode()
            archive.writestr(integrity.MANIFEST, written)
            archive.writestr(integrity.SIGNATURE, integrity.signature(written))
        # Renamed only when whole: a backup that stopped halfway never looks like one.
        unfinished.replace(path)
    return manifest


def _kept(name: str) -> bool:
    return name.split("/", 1)[0] not in MEDIA_NOT_KEPT


def _added(archive: zipfile.ZipFile, name: str, stream: IO[bytes]) -> str:
    """Copy the stream into the zip as ``name``; its SHA-256."""
    digest = hashlib.sha256()
    with archive.open(name, "w", force_zip64=True) as out:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def restore(path: Path, *, unsigned: bool = False) -> Manifest:
    """Replace every record and uploaded file with the backup's, or change nothing.

    ``unsigned``: accept a backup this site did not sign (another site's key, or one
    made before backups were signed); its checksums, where it has them, still count."""
    path = Path(path)
    if maintenance.restoring():  # before recovering: its swap is not ours to touch
        raise BackupError(f"{path} was not restored: another restore is under way.")
    recover_media()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path} is not a goldenthread backup: {error}") from None
    with archive, tempfile.TemporaryDirectory() as work:
        manifest = _checked(archive, path, unsigned=unsigned)
        data = _with_current_labels(Path(archive.extract(DATA, work)), manifest)
        try:
            with maintenance.writes_refused(path.name):
                _restore(archive, path, data, manifest)
        except maintenance.RestoreRunning as error:
            raise BackupError(f"{path} was not restored: {error}.") from None
    return manifest


def _checked(archive: zipfile.ZipFile, path: Path, *, unsigned: bool) -> Manifest:
    try:
        integrity.check_names(archive)
        manifest = _read_manifest(archive, path)
        integrity.check_signature(archive, unsigned=unsigned)
        integrity.check_contents(archive, manifest.checksums, unsigned=unsigned)
    except integrity.IntegrityError as error:
        raise BackupError(f"{path} was not restored, and nothing was changed: {error}.") from None
    _check_migrations(manifest, path)
    return manifest


def _restore(archive: zipfile.ZipFile, path: Path, data: Path, manifest: Manifest) -> None:
    """On local disk, the files are unpacked beside the media folder and swapped in whole
    with the records' commit (``media.py``). Object storage has no such swap: the files
    are written one by one after the commit, and a restore stopped halfway through them
    says so, to be run again."""
    store = named("default")
    media_root = local_folder(store)
    files = _media_names(archive, path)
    if media_root is None:
        _replace_records(path, data, manifest)
        _put_media(archive, files, store, path)
        return
    incoming = media.prepare(media_root)
    try:
        _extract_media(archive, files, incoming, path)
        # Last inside the transaction: a kill before the commit rolls the swap back.
        _replace_records(path, data, manifest, then=partial(media.begin, media_root))
    except BaseException:
        media.abandon(media_root)
        raise
    media.finish(media_root)


def _replace_records(
    path: Path, data: Path, manifest: Manifest, then: Callable[[str], None] | None = None
) -> None:
    """Every record replaced by the backup's in one transaction; ``then(restore_id)``
    last inside it."""
    restore_id = uuid.uuid4().hex
    try:
        with transaction.atomic():
            _flush()
            call_command("loaddata", str(data), verbosity=0)
            _check_counts(manifest, path)
            record_restore(
                restore_id,
                path.name,
                {"backed up at": manifest.created_at, "sha256": _sha256(path)},
            )
            if then is not None:
                then(restore_id)
    finally:
        ContentType.objects.clear_cache()


def recover_media(media_root: Path | None = None) -> str | None:
    """Finish or roll back the media swap of a restore killed halfway (on local disk:
    object storage has no swap)."""
    media_root = media_root or local_folder(named("default"))
    if media_root is None:
        return None
    return media.recover(media_root, restore_committed)


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return integrity.checksum(stream)


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


# Never emptied: their ids are remembered by every running process (ContentType's
# cache), and the backup names them by natural key, so the live ones serve.
IDS_KEPT = {ContentType._meta.db_table, Permission._meta.db_table}


def _flush() -> None:
    """Empty every table but the content types and permissions, inside the restore's
    transaction; add any content type or permission this database lacks."""
    deferrable = connection.vendor == "postgresql"
    if deferrable:
        # PostgreSQL will not empty a table with foreign key checks still pending in this
        # transaction; run them now, and defer them again for loaddata's forward references.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    tables = set(connection.introspection.django_table_names(only_existing=True)) - IDS_KEPT
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), sorted(tables)))
    if deferrable:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)


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


def _media_names(archive: zipfile.ZipFile, path: Path) -> dict[str, str]:
    """The backup's uploaded files: the name of each in the zip, and in the storage."""
    files = {}
    for name in archive.namelist():
        if not name.startswith("media/") or name.endswith("/"):
            continue
        relative = PurePosixPath(name).relative_to("media")
        # Never outside the media folder, whatever names a tampered backup holds.
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(f"{path}: the file name {name!r} is not allowed in a backup.")
        files[name] = relative.as_posix()
    return files


def _extract_media(archive: zipfile.ZipFile, files: dict[str, str], into: Path, path: Path) -> None:
    try:
        for name, relative in files.items():
            target = into / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(name) as source, open(target, "xb") as out:
                shutil.copyfileobj(source, out)
    except OSError as error:
        raise BackupError(
            f"{path}: its uploaded files cannot be unpacked ({error}), so nothing was changed."
        ) from None


def _put_media(archive: zipfile.ZipFile, files: dict[str, str], store: Storage, path: Path) -> None:
    """Write each file through the storage under its own name (the records name it),
    then delete any the backup does not hold."""
    try:
        for name, relative in files.items():
            store.delete(relative)  # else a storage that never overwrites picks a new name
            with archive.open(name) as source:
                stored = store.save(relative, File(source, name=relative))
            if stored != relative:
                raise BackupError(f"the storage kept {relative!r} as {stored!r}")
        kept = set(files.values())
        for name in [n for n in files_under(store) if _kept(n) and n not in kept]:
            store.delete(name)
    except Exception as error:
        raise BackupError(
            f"{path}: the records were restored, but not all of its uploaded files were "
            f"written ({error}): restore it again."
        ) from error
