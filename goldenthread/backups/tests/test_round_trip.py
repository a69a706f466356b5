"""A backup restored leaves every record, history entry and uploaded file as it was."""

import copy
import hashlib
import io
import json
import socket
import stat
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.urls import reverse
from PIL import Image

from goldenthread.audit.models import AuditEntry
from goldenthread.backups import archive, media
from goldenthread.backups.archive import NOT_KEPT, BackupError, backup, recover_media, restore
from goldenthread.backups.integrity import signature
from goldenthread.backups.middleware import RestoreMiddleware
from goldenthread.lib import maintenance
from goldenthread.lib.maintenance import restoring
from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import member
from goldenthread.plans.models import Action, ActionChange
from goldenthread.plans.services import edit_action

# Slow, so make test-fast leaves it out: whole backups, made and restored.
pytestmark = pytest.mark.slow


def everything() -> dict:
    """Every kept row of every model, and every uploaded file's bytes."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or label in NOT_KEPT or label.split(".")[0] in NOT_KEPT:
            continue
        queryset = model._base_manager.order_by("pk")
        rows[label] = serializers.serialize("python", queryset, use_natural_foreign_keys=True)
    media = Path(settings.MEDIA_ROOT)
    files = {str(p.relative_to(media)): p.read_bytes() for p in media.rglob("*") if p.is_file()}
    return {"rows": rows, "files": files}


def restored_from(now: dict) -> dict:
    """What a restore left, less the audit entry it adds: who restored which backup."""
    entries = now["rows"]["audit.auditentry"]
    restores = [e for e in entries if e["fields"]["additional_data"] == {"kind": "restore"}]
    assert len(restores) == 1
    assert restores[0]["fields"]["object_repr"].startswith("Restore from the backup ")
    entries.remove(restores[0])
    return now


@pytest.fixture
def world(seeded, manager, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RESTORING_FLAG = tmp_path / "restoring"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    seeded.logo.save("logo.png", ContentFile(buffer.getvalue()))
    action = Action.objects.get(code="8.13")
    edit_action(action, by=manager, expected_version=action.version, lead="Principal Social Worker")
    member(seeded, Role.ADMINISTRATOR, username="ada")
    return seeded


def test_a_restore_brings_back_every_record_and_file(world, manager, tmp_path):
    before = everything()
    assert before["files"] and before["rows"]["plans.actionchange"]
    manifest = backup(tmp_path / "backup.zip")
    assert manifest.counts["plans.action"] == 82

    # Everything goes wrong after the backup.
    Action.objects.filter(code__startswith="8.").delete()
    ActionChange.objects.all().delete()
    world.logo.delete(save=True)
    (Path(settings.MEDIA_ROOT) / "stray.html").write_text("<script>")

    restore(tmp_path / "backup.zip")
    assert restored_from(everything()) == before


def tampered(path: Path, change, extra: dict | None = None) -> Path:
    """A copy of the backup with its manifest changed and, maybe, extra files, signed
    again with the site's key: as an administrator of this site could make one."""
    copy = path.with_name("tampered.zip")
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(copy, "w") as out:
        manifest = json.loads(original.read("manifest.json"))
        change(manifest)
        for name, content in (extra or {}).items():
            out.writestr(name, content)
            manifest["checksums"][name] = hashlib.sha256(content.encode()).hexdigest()
        written = json.dumps(manifest).encode()
        out.writestr("manifest.json", written)
        out.writestr("manifest.sig", signature(written))
        for name in original.namelist():
            if name not in {"manifest.json", "manifest.sig"}:
                out.writestr(name, original.read(name))
    return copy


def test_a_backup_that_does_not_restore_whole_changes_nothing(world, tmp_path):
    backup(tmp_path / "backup.zip")
    bad = tampered(tmp_path / "backup.zip", lambda m: m["counts"].update({"plans.action": 83}))
    Action.objects.filter(code="8.13").delete()
    before = everything()

    with pytest.raises(BackupError, match="plans.action: 83 in the backup, 82 restored"):
        restore(bad)
    assert everything() == before


def test_a_backup_never_writes_outside_the_media_folder(world, tmp_path):
    backup(tmp_path / "backup.zip")
    bad = tampered(tmp_path / "backup.zip", lambda m: None, {"media/../../escaped.txt": "no"})
    with pytest.raises(BackupError, match="is not allowed in a backup"):
        restore(bad)
    assert not (tmp_path / "escaped.txt").exists()


def test_a_backup_from_a_newer_goldenthread_is_refused(world, tmp_path):
    backup(tmp_path / "backup.zip")
    bad = tampered(
        tmp_path / "backup.zip", lambda m: m["migrations"].append(["plans", "9999_future"])
    )
    with pytest.raises(BackupError, match="newer goldenthread"):
        restore(bad)


def test_the_commands_say_what_they_did_and_refuse_clearly(world, tmp_path):
    out = io.StringIO()
    call_command("backup", str(tmp_path / "b.zip"), stdout=out)
    assert "records and 1 file to" in out.getvalue()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(tmp_path / "b.zip"))
    (tmp_path / "junk.zip").write_text("not a zip")
    with pytest.raises(CommandError, match="is not a goldenthread backup"):
        call_command("restore", str(tmp_path / "junk.zip"), yes=True)
    call_command("restore", str(tmp_path / "b.zip"), yes=True, stdout=out)
    assert "Restored" in out.getvalue()


def test_a_backup_made_before_partnerships_moved_app_restores(world, manager, tmp_path):
    """Before the tenancy layer, partnerships were plans.partnership and memberships
    accounts.membership, in the records, the audit trail's content types and the counts;
    and backups were neither signed nor checksummed."""
    before = everything()
    backup(tmp_path / "backup.zip")
    old = tmp_path / "old.zip"
    renames = {
        "partnerships.partnership": "plans.partnership",
        "partnerships.membership": "accounts.membership",
    }
    with zipfile.ZipFile(tmp_path / "backup.zip") as new, zipfile.ZipFile(old, "w") as out:
        for name in new.namelist():
            content = new.read(name).decode() if not name.startswith("media/") else None
            if name == "manifest.json":
                manifest = json.loads(content)
                for label, was in renames.items():
                    manifest["counts"][was] = manifest["counts"].pop(label)
                del manifest["checksums"]
                content = json.dumps(manifest)
            elif name == "manifest.sig":
                continue
            elif content is not None:
                for label, was in renames.items():
                    content = content.replace(f'"model": "{label}"', f'"model": "{was}"')
                    app, model = label.split(".")
                    content = content.replace(f'["{app}", "{model}"]', json.dumps(was.split(".")))
            out.writestr(name, content if content is not None else new.read(name))
    with zipfile.ZipFile(old) as archive:
        assert '"model": "plans.partnership"' in archive.read("data.backup").decode()
        assert '["plans", "partnership"]' in archive.read("data.backup").decode()
    Action.objects.filter(code__startswith="8.").delete()
    with pytest.raises(BackupError, match="not signed"):
        restore(old)

    restore(old, unsigned=True)

    assert restored_from(everything()) == before


def test_processes_already_running_file_audit_entries_under_the_right_kind(
    world, manager, tmp_path
):
    """A running process remembers content type ids: a restore keeps every one, so an
    action changed afterwards, in any process, is filed under actions."""
    backup(tmp_path / "backup.zip")
    ids = {ct.natural_key(): ct.pk for ct in ContentType.objects.all()}
    ContentType.objects.get_for_model(Action)
    remembered = copy.deepcopy(ContentType.objects._cache)  # another process's memory

    restore(tmp_path / "backup.zip")

    assert {ct.natural_key(): ct.pk for ct in ContentType.objects.all()} == ids
    ContentType.objects._cache.clear()
    ContentType.objects._cache.update(remembered)
    action = Action.objects.get(code="8.13")
    edit_action(action, by=manager, expected_version=action.version, lead="Head of Service")
    entry = AuditEntry.objects.filter(object_pk=str(action.pk)).latest("pk")
    assert entry.content_type.natural_key() == ("plans", "action")


def test_the_restore_is_in_the_administrators_trail(world, tmp_path):
    backup(tmp_path / "backup.zip")
    call_command("restore", str(tmp_path / "backup.zip"), yes=True, stdout=io.StringIO())
    entry = AuditEntry.objects.get(additional_data={"kind": "restore"})
    assert entry.partnership_id is None and entry.source == "command"
    assert entry.changes["backup"] == [None, "backup.zip"]
    assert entry.changes["by"][1] and entry.changes["backed up at"][1]
    assert len(entry.changes["sha256"][1]) == 64


def rewritten(path: Path, name: str, change=None, *, drop: str = "") -> Path:
    """A copy of the backup with one file's bytes changed (not signed again), or dropped."""
    copy = path.with_name(f"changed-{len(list(path.parent.iterdir()))}.zip")
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(copy, "w") as out:
        for each in original.namelist():
            if each != drop:
                content = original.read(each)
                out.writestr(each, change(content) if each == name else content)
    return copy


def test_a_tampered_or_unsigned_backup_is_refused_and_nothing_changes(world, tmp_path):
    original = tmp_path / "backup.zip"
    backup(original)
    Action.objects.filter(code="8.13").delete()
    before = everything()
    data = rewritten(original, "data.backup", lambda b: b.replace(b"8.13", b"8.99"))
    counts = rewritten(original, "manifest.json", lambda b: b.replace(b'"files": 1', b'"files": 2'))
    unsigned = rewritten(original, "", drop="manifest.sig")
    logo = next(n for n in zipfile.ZipFile(original).namelist() if n.startswith("media/"))
    media = rewritten(original, logo, lambda b: b + b"<script>")

    for bad, why in [
        (data, "'data.backup' was changed after the backup was made"),
        (counts, "signature does not match"),
        (unsigned, "is not signed: restore it with --unsigned"),
        (media, f"'{logo}' was changed after the backup was made"),
    ]:
        with pytest.raises(BackupError, match=why):
            restore(bad)
    # --unsigned trusts who made it, never a file changed since.
    with pytest.raises(BackupError, match="changed after the backup was made"):
        restore(data, unsigned=True)
    with pytest.raises(CommandError, match="signature does not match"):
        call_command("restore", str(counts), yes=True)
    assert everything() == before

    call_command("restore", str(unsigned), yes=True, unsigned=True, stdout=io.StringIO())
    assert Action.objects.filter(code="8.13").exists()


def crafted(path: Path, entries: list[tuple[zipfile.ZipInfo | str, str]]) -> Path:
    """The backup with extra entries, its manifest listing them and signed again."""
    copy = tampered(path, lambda m: None)
    out = path.with_name(f"crafted-{len(list(path.parent.iterdir()))}.zip")
    with zipfile.ZipFile(copy) as signed, zipfile.ZipFile(out, "w") as archive:
        manifest = json.loads(signed.read("manifest.json"))
        for entry, content in entries:
            name = entry.filename if isinstance(entry, zipfile.ZipInfo) else entry
            manifest["checksums"][name] = hashlib.sha256(content.encode()).hexdigest()
            archive.writestr(entry, content)
        written = json.dumps(manifest).encode()
        archive.writestr("manifest.json", written)
        archive.writestr("manifest.sig", signature(written))
        for name in signed.namelist():
            if name not in {"manifest.json", "manifest.sig"}:
                archive.writestr(name, signed.read(name))
    return out


def test_crafted_names_are_refused_clearly_before_anything_changes(world, tmp_path):
    backup(tmp_path / "backup.zip")
    link = zipfile.ZipInfo("media/reports")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    Action.objects.filter(code="8.13").delete()
    before = everything()
    for entries, why in [
        ([("media/a.png", "x"), ("media/a.png/b.png", "y")], "both a file and the folder"),
        ([("media/Logo.PNG", "x"), ("media/logo.png", "y")], "more than one file named"),
        ([(link, "/etc"), ("media/reports/passwd", "x")], "is a link"),
        ([("media/../../escaped.txt", "no")], "is not allowed in a backup"),
    ]:
        with pytest.raises(BackupError, match=why):
            restore(crafted(tmp_path / "backup.zip", entries))
    assert everything() == before
    assert not (tmp_path / "escaped.txt").exists()


def test_a_kill_during_the_media_swap_is_finished_on_the_next_start(world, tmp_path, monkeypatch):
    backup(tmp_path / "backup.zip")
    before = everything()["files"]
    media_root = Path(settings.MEDIA_ROOT)
    world.logo.delete(save=True)
    (media_root / "stray.html").write_text("<script>")

    def killed(root: Path) -> None:  # the first rename, then the process is gone
        root.rename(media.previous(root))
        raise KeyboardInterrupt

    monkeypatch.setattr(media, "finish", killed)
    with pytest.raises(KeyboardInterrupt):
        restore(tmp_path / "backup.zip")
    assert not media_root.exists() and media.journal(media_root).exists()
    monkeypatch.undo()

    RestoreMiddleware(lambda request: HttpResponse())  # the web app starts again

    assert everything()["files"] == before
    assert not media.incoming(media_root).exists() and not media.previous(media_root).exists()


def test_a_swap_whose_restore_never_committed_is_rolled_back(world, tmp_path):
    media_root = Path(settings.MEDIA_ROOT)
    before = everything()["files"]
    incoming = media.prepare(media_root)
    (incoming / "half.png").write_text("new")
    media.begin(media_root, "a-restore-that-was-killed-before-committing")

    assert recover_media(media_root) == "rolled back"
    assert everything()["files"] == before and not incoming.exists()
    assert recover_media(media_root) is None


def test_writes_wait_while_a_restore_runs(world, client, manager, tmp_path, monkeypatch):
    client.force_login(manager)
    url = reverse("plans:review", args=["thurrock", "2014-15"])
    with maintenance.writes_refused("backup.zip"):
        page = client.post(url, {"anything": "at all"})
        assert page.status_code == 503 and page["Retry-After"] == "60"
        assert "being restored" in page.content.decode()
        api = client.post("/api/v1/data-points/", {}, content_type="application/json")
        assert api.status_code == 503 and api.json()["title"] == "Restoring from a backup"
        assert client.get(url).status_code == 200  # reading goes on
        with pytest.raises(BackupError, match="another restore is under way"):
            restore(tmp_path / "never-read.zip")

    seen = []
    real = archive._check_counts
    monkeypatch.setattr(archive, "_check_counts", lambda *a: seen.append(restoring()) or real(*a))
    backup(tmp_path / "backup.zip")
    restore(tmp_path / "backup.zip")
    assert seen == [True] and not restoring()


def test_a_flag_left_by_a_killed_restore_holds_nothing_up(world):
    Path(settings.RESTORING_FLAG).write_text(
        json.dumps({"host": socket.gethostname(), "pid": 2**22 + 7})
    )
    assert not restoring()


def test_import_previews_are_not_backed_up(world, tmp_path):
    preview = Path(settings.MEDIA_ROOT) / "uploads" / "abc123" / "values.csv"
    preview.parent.mkdir(parents=True)
    preview.write_text("indicator,area\n")
    manifest = backup(tmp_path / "backup.zip")
    names = zipfile.ZipFile(tmp_path / "backup.zip").namelist()
    assert manifest.files == 1 and not [n for n in names if "uploads" in n]
