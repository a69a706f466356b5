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


def import_seed(partnership):
    """The seed report imported into the partnership's plan as its 2014/15 delivery plan."""
    from goldenthread.lib.periods import FinancialYear
    from goldenthread.plans.importers.annual_report import import_report

    import_report(SEED, partnership=partnership, year=FinancialYear(2014))
    return partnership
