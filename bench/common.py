"""What every benchmark does the same way: a fresh SQLite database of its own, set up
with Django and migrated; a twin of the values table for the plain insert to measure
against; and its figures written into docs/performance.md between markers of its own,
so that a re-run replaces them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_database(database: Path, **settings: str) -> None:
    """Point Django at a new SQLite file (and any other settings given), set it up and
    migrate it."""
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", DEBUG="1", SECRET_KEY="bench")
    os.environ.update(settings)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def write_docs(report: str, bench: str) -> None:
    """Put the report into docs/performance.md between ``<!-- bench/NAME.py -->`` and
    its end marker, replacing what was there, or at the end the first time."""
    docs = ROOT / "docs" / "performance.md"
    text = docs.read_text() if docs.exists() else "# Performance\n"
    start, end = f"<!-- bench/{bench}.py -->", f"<!-- end bench/{bench}.py -->"
    block = f"{start}\n{report}\n{end}"
    if start in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    docs.write_text(text)


def twin_of_values_table(cursor, name: str = "bench_plain") -> int:
    """Make a twin of the values table: the same columns, key, constraint and indexes,
    so that the plain insert pays the same to keep them. Returns how many indexes."""
    from goldenthread.indicators.models import DataPoint

    table = DataPoint._meta.db_table
    cursor.execute(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL", [table]
    )
    for kind, ddl in sorted(cursor.fetchall(), key=lambda row: row[0] != "table"):
        twin = ddl.replace(f'"{table}"', f'"{name}"')
        if kind == "index":
            twin = twin.replace('INDEX "', f'INDEX "{name}_', 1)
        cursor.execute(twin)
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [name]
    )
    return cursor.fetchone()[0]
