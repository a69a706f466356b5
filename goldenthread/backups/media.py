"""The uploaded files swapped whole: the backup's files are unpacked beside the media
folder, and put in its place by renaming folders, never by copying over it.

A journal names the restore whose database change the swap belongs to. If the process
is killed mid-swap, the next restore (or the next start of the web app) finishes the
swap when that restore committed, and rolls it back when it did not: the media folder is
never half old, half new.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path


def incoming(media_root: Path) -> Path:
    return media_root.with_name(media_root.name + ".incoming")


def previous(media_root: Path) -> Path:
    return media_root.with_name(media_root.name + ".before-restore")


def journal(media_root: Path) -> Path:
    return media_root.with_name(media_root.name + ".swap")


def prepare(media_root: Path) -> Path:
    """An empty folder beside the media folder (on its disk, so a rename is atomic)."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    folder = incoming(media_root)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    return folder


def begin(media_root: Path, restore_id: str) -> None:
    """Say which restore the unpacked files belong to: called inside its transaction."""
    journal(media_root).write_text(restore_id, encoding="utf-8")


def finish(media_root: Path) -> None:
    """Put the unpacked files in place; each step can be run again after a kill."""
    new, old = incoming(media_root), previous(media_root)
    if new.exists():
        if media_root.exists():
            if old.exists():  # a kill after the swap began: what is there is neither
                shutil.rmtree(media_root)
            else:
                media_root.rename(old)
        new.rename(media_root)
    if old.exists():
        shutil.rmtree(old)
    journal(media_root).unlink(missing_ok=True)


def abandon(media_root: Path) -> None:
    """Undo a swap whose restore never committed: the old files stay or come back."""
    new, old = incoming(media_root), previous(media_root)
    if old.exists():
        if media_root.exists():
            shutil.rmtree(media_root)
        old.rename(media_root)
    if new.exists():
        shutil.rmtree(new)
    journal(media_root).unlink(missing_ok=True)


def recover(media_root: Path, committed: Callable[[str], bool]) -> str | None:
    """Finish or roll back a swap a killed restore left: "finished", "rolled back", or
    None when there was nothing to do. ``committed(restore_id)``: did that restore's
    database change commit?"""
    mark = journal(media_root)
    if mark.exists():
        if committed(mark.read_text(encoding="utf-8").strip()):
            finish(media_root)
            return "finished"
        abandon(media_root)
        return "rolled back"
    if incoming(media_root).exists() or previous(media_root).exists():
        abandon(media_root)  # unpacked, but the database was never changed
        return "rolled back"
    return None
