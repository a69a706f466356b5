"""The seed annual report, and ways to make faulty versions of it for tests."""

from pathlib import Path

from goldenthread.testing.corpus import ANNUAL_REPORT

SEED = ANNUAL_REPORT


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def line_of(text: str, start: str) -> int:
    """The 1-based number of the first line that starts with ``start``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(start):
            return number
    raise AssertionError(f"no line starts with {start!r}")


def write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
