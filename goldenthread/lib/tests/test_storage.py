"""Files on local disk as the app's storages keep them: written whole, and listed
without links."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.files.base import ContentFile

from goldenthread.lib.storage import LocalFolderStorage, delete_folder, files_under, written_at


class Watched(ContentFile):
    """Content that looks at the file it replaces while it is being written."""

    def __init__(self, content: bytes, target: Path) -> None:
        super().__init__(content)
        self.target, self.seen = target, []

    def chunks(self, chunk_size=None):
        for chunk in super().chunks(chunk_size):
            self.seen.append(self.target.read_bytes())
            yield chunk


def test_a_file_being_written_is_never_seen_half_written(tmp_path):
    storage = LocalFolderStorage(tmp_path)
    storage.save("chart.svg", ContentFile(b"<svg>old</svg>"))
    new = Watched(b"<svg>new</svg>", tmp_path / "chart.svg")

    assert storage.save("chart.svg", new) == "chart.svg"  # replaced, not renamed

    assert new.seen == [b"<svg>old</svg>"]
    assert (tmp_path / "chart.svg").read_bytes() == b"<svg>new</svg>"
    assert os.listdir(tmp_path) == ["chart.svg"]


def test_files_are_listed_at_any_depth_but_never_through_a_link(tmp_path):
    storage = LocalFolderStorage(tmp_path / "media")
    storage.save("logos/a.png", ContentFile(b"a"))
    storage.save("reports/2015/04/annual.pdf", ContentFile(b"b"))
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("no")
    (tmp_path / "media" / "linked").symlink_to(tmp_path / "outside")
    (tmp_path / "media" / "secret.txt").symlink_to(tmp_path / "outside" / "secret.txt")

    assert list(files_under(storage)) == ["logos/a.png", "reports/2015/04/annual.pdf"]
    assert list(files_under(LocalFolderStorage(tmp_path / "nothing-yet"))) == []

    delete_folder(storage, "reports")
    assert not (tmp_path / "media" / "reports").exists()
    assert written_at(storage, "reports/2015/04/annual.pdf") is None
