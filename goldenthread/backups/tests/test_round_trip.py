"""A backup restored leaves every record, history entry and uploaded file as it was."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image

from goldenthread.backups.archive import NOT_KEPT, BackupError, backup, restore
from goldenthread.partnerships.models import Role
from goldenthread.partnerships.tests.factories import member
from goldenthread.plans.models import Action, ActionChange
from goldenthread.plans.services import edit_action


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


@pytest.fixture
def world(seeded, manager, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
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
    assert everything() == before


def tampered(path: Path, change, extra: dict | None = None) -> Path:
    """A copy of the backup with its manifest changed and, maybe, extra files."""
    copy = path.with_name("tampered.zip")
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(copy, "w") as out:
        for name in original.namelist():
            if name == "manifest.json":
                manifest = json.loads(original.read(name))
                change(manifest)
                out.writestr(name, json.dumps(manifest))
            else:
                out.writestr(name, original.read(name))
        for name, content in (extra or {}).items():
            out.writestr(name, content)
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
    accounts.membership, in the records, the audit trail's content types and the counts."""
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
                content = json.dumps(manifest)
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

    restore(old)

    assert everything() == before
