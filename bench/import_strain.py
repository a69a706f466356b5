"""Strain: imports beside everyone else's writes (issue 18).

Two parts, on fresh SQLite databases:

1. How long an upload's preview and a dry run hold SQLite's write lock, the old way (the
   import run inside a transaction rolled back) against the new (checked without a
   transaction, then, for a preview's judgements, the checked values written and rolled
   back in one short transaction). A prober on a connection of its own tries to take the
   write lock every 10 ms; the longest time it was kept out is the lock's hold. Files:
   a CSV of about 2.5 MB previewed, a CSV of about 12.7 MB dry-run.
2. A load run beside a long import: the demo served as production serves it (gunicorn,
   bench/load.py's readers, writers and sign-ins) while ``goldenthread import_data``
   imports the large file; reads, sign-ins and action updates are timed while the
   import runs, and every update accepted is looked for afterwards.

    .venv/bin/python bench/import_strain.py [--seconds 40] [--write-docs]

Figures are printed; ``--write-docs`` also writes them into docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import http.cookiejar
import sqlite3
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Self

from common import fresh_database, write_docs
from load import (
    BIN,
    Tally,
    csrf,
    environment,
    lost_updates,
    percentile,
    prepare,
    reader,
    served,
    writer,
)

PERIODS = [f"{year}/{(year + 1) % 100:02d}" for year in range(2006, 2016)]
BREAKDOWNS = ["", "sex:boys", "sex:girls", "fsm:eligible"]
STRAIN_INDICATORS = 250  # of the large import beside the load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="of load beside the import")
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--load-only", action="store_true", help="part 2 alone")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goldenthread-strain-") as folder:
        load = load_beside_import(Path(folder), options)  # first: it needs no Django here
        if options.load_only:
            print(format_load(load, options))
            return
        locks = lock_holds(Path(folder))
    report = format_report(locks, load, options)
    print(report)
    if options.write_docs:
        write_docs(report, "import_strain")


# Part 1: lock holds.


class Prober:
    """Tries to take the write lock every 10 ms on its own connection, never waiting;
    keeps the longest stretch it was kept out."""

    def __init__(self, database: Path) -> None:
        self.database, self.longest, self.stop = database, 0.0, threading.Event()

    def __enter__(self) -> Self:
        self.thread = threading.Thread(target=self.run)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def run(self) -> None:
        connection = sqlite3.connect(self.database, timeout=0, isolation_level=None)
        kept_out_since = None
        while not self.stop.is_set():
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("ROLLBACK")
                if kept_out_since is not None:
                    self.longest = max(self.longest, time.perf_counter() - kept_out_since)
                kept_out_since = None
            except sqlite3.OperationalError:
                kept_out_since = kept_out_since or time.perf_counter()
            time.sleep(0.01)
        if kept_out_since is not None:
            self.longest = max(self.longest, time.perf_counter() - kept_out_since)
        connection.close()


def lock_holds(folder: Path) -> dict:
    database = folder / "locks.sqlite3"
    fresh_database(database, MEDIA_ROOT=str(folder / "media"))
    from indicators import build_world

    world = build_world(authorities=153, indicators=40)
    small, large = folder / "preview.csv", folder / "dry-run.csv"
    figures = {"small_rows": write_file(small, world, 2.5e6)}
    figures["large_rows"] = write_file(large, world, 12.7e6)
    figures["small_mb"], figures["large_mb"] = (
        small.stat().st_size / 1e6,
        large.stat().st_size / 1e6,
    )
    stored = folder / "stored.csv"
    write_file(stored, world, 1.2e6, shift=3)  # half the preview's values stored, to revise
    from goldenthread.indicators.importing import import_data_files

    import_data_files([stored])
    for name, run in [
        ("preview_old", lambda: old_preview(small, world)),
        ("preview_new", lambda: new_preview(small, world, folder)),
        ("dry_old", lambda: old_dry_run(large)),
        ("dry_new", lambda: import_data_files([large], dry_run=True)),
    ]:
        started = time.perf_counter()
        with Prober(database) as prober:
            run()
        figures[name] = (time.perf_counter() - started, prober.longest)
    return figures


def write_file(path: Path, world: dict, size: float, shift: int = 0) -> int:
    """Values of the world's indicators until the file is ``size`` bytes, each
    ``shift`` more than the same file's with none."""
    count = 0
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["indicator", "area", "period", "breakdown", "value"])
        for n, (code, _unit) in enumerate(world["indicators"]):
            for a, area in enumerate(world["areas"]):
                for p, period in enumerate(PERIODS):
                    for breakdown in BREAKDOWNS:
                        count += 1
                        value = (n + a + p) % 90 + 5 + shift
                        out.writerow([code, area, period, breakdown, value])
                if handle.tell() > size:
                    return count
    return count


def old_preview(path: Path, world: dict) -> None:
    """The preview as it was: the import and the scorecard before and after, all in one
    transaction rolled back."""
    from django.db import transaction

    from goldenthread.indicators.importing import import_data_files
    from goldenthread.indicators.judgement_changes import judgements

    with transaction.atomic():
        judgements(world["partnership"])
        import_data_files([path])
        judgements(world["partnership"])
        transaction.set_rollback(True)


def new_preview(path: Path, world: dict, folder: Path) -> None:
    from django.core.files.base import ContentFile

    from goldenthread.indicators.uploads import PendingUpload, preview_values

    pending = PendingUpload("bench", "b" * 32, path.name)
    pending.store(ContentFile(path.read_bytes()))
    preview_values(pending, None, world["partnership"])


def old_dry_run(path: Path) -> None:
    """The dry run as it was: the import inside a transaction rolled back."""
    from django.db import transaction

    from goldenthread.indicators.importing import import_data_files

    with transaction.atomic():
        import_data_files([path])
        transaction.set_rollback(True)


# Part 2: load beside a long import.


class patiently_served(served):
    """``served``, given longer to stop: its workers may still be answering."""

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def load_beside_import(folder: Path, options) -> dict:
    env = environment(folder)
    prepare(env)
    path = folder / "national.csv"
    rows = national_file(env, path)
    figures = {"baseline": Tally(), "read": Tally(), "write": Tally(), "sign-in": Tally()}
    with patiently_served(env, workers=3) as base:
        stop = time.monotonic() + options.seconds
        threads = [
            threading.Thread(target=reader, args=(base, i, stop, figures))
            for i in range(options.readers)
        ]
        threads += [
            threading.Thread(target=writer, args=(base, i, stop, figures["write"]))
            for i in range(options.writers)
        ]
        threads.append(threading.Thread(target=signer, args=(base, stop, figures["sign-in"])))
        for thread in threads:
            thread.start()
        time.sleep(2)
        started = time.perf_counter()
        imported = subprocess.run(
            [BIN / "goldenthread", "import_data", str(path)],
            check=False,  # its exit code is reported
            env=env,
            capture_output=True,
            text=True,
        )
        import_s = time.perf_counter() - started
        for thread in threads:
            thread.join()
        lost = lost_updates(env, figures["write"].saved)
    stored = count_values(env)
    return {
        "figures": figures,
        "lost": lost,
        "rows": rows,
        "mb": path.stat().st_size / 1e6,
        "import_s": import_s,
        "import_out": [
            line for line in (imported.stdout + imported.stderr).splitlines() if "…" not in line
        ][:4],
        "import_rc": imported.returncode,
        "stored": stored,
    }


def national_file(env: dict, path: Path) -> int:
    """Bench indicators made in the demo's database, and a file of their values for
    every area it has."""
    script = (
        f"STRAIN_INDICATORS = {STRAIN_INDICATORS}; "
        "from goldenthread.indicators.models import Indicator as I; "
        "from goldenthread.areas.models import Area as A; "
        "I.objects.bulk_create([I(code=f'strain-{n:03d}', title=f'Strain {n}', "
        "unit='percentage', polarity='high_is_good', period_type='financial_year') "
        "for n in range(STRAIN_INDICATORS)]); "
        "print('AREAS', *A.objects.exclude(kind='group').values_list('code', flat=True))"
    )
    areas = subprocess.run(
        [BIN / "goldenthread", "shell", "-c", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    areas = next(line for line in areas.splitlines() if line.startswith("AREAS ")).split()[1:]
    world = {
        "indicators": [(f"strain-{n:03d}", "percentage") for n in range(STRAIN_INDICATORS)],
        "areas": areas,
    }
    return write_file(path, world, 40e6)


def count_values(env: dict) -> int:
    script = (
        "from goldenthread.indicators.models import DataPoint as D; "
        "print(D.objects.filter(indicator__code__startswith='strain-').count())"
    )
    out = subprocess.run(
        [BIN / "goldenthread", "shell", "-c", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.split()[-1])


def signer(base: str, stop: float, tally: Tally) -> None:
    """Signs in as the demo's contributor, again and again, each in a new session."""
    while time.monotonic() < stop:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        try:
            page = opener.open(base + "/accounts/sign-in/", timeout=30).read().decode()
            form = {
                "csrfmiddlewaretoken": csrf(page),
                "username": "contributor",
                "password": "goldenthread-contributor",
            }
            started = time.perf_counter()
            with opener.open(
                base + "/accounts/sign-in/", urllib.parse.urlencode(form).encode(), timeout=30
            ) as response:
                response.read()
                signed_in = "/accounts/sign-in/" not in response.url
        except (urllib.error.URLError, OSError) as error:
            tally.fail(f"sign-in: {error}")
            continue
        tally.add(time.perf_counter() - started)
        if not signed_in:
            tally.fail("sign-in: refused")
        time.sleep(0.5)


def format_report(locks: dict, load: dict, options) -> str:
    def hold(name: str) -> str:
        took, longest = locks[name]
        return f"{took:.1f} s | {longest:.2f} s"

    old_p, new_p = locks["preview_old"][1], max(locks["preview_new"][1], 0.01)
    old_d, new_d = locks["dry_old"][1], max(locks["dry_new"][1], 0.01)
    lines = [
        (
            f"Part 1. Preview of a {locks['small_mb']:.1f} MB CSV ({locks['small_rows']:,} rows, "
            f"half of them stored already with other figures) and dry run of a {locks['large_mb']:.1f} MB CSV "
            f"({locks['large_rows']:,} rows), SQLite; the write lock's longest hold is how long "
            "a prober on another connection was kept from taking it."
        ),
        "",
        "| What | took | write lock held, longest |",
        "| --- | --- | --- |",
        f"| preview, before (import in a rolled-back transaction) | {hold('preview_old')} |",
        (
            "| preview, now (checked without a transaction; the scorecard's values written "
            f"and rolled back in one short one) | {hold('preview_new')} |"
        ),
        f"| dry run, before (import in a rolled-back transaction) | {hold('dry_old')} |",
        f"| dry run, now (checked without a transaction) | {hold('dry_new')} |",
        "",
        (
            f"**Write lock held, now against before: preview {new_p / old_p:.2f}, dry run "
            f"{new_d / old_d:.3f}** (a hold under the prober's 10 ms counts as 10 ms)."
        ),
        "",
        format_load(load, options),
    ]
    return "\n".join(lines)


def format_load(load: dict, options) -> str:
    def line(name: str, tally: Tally) -> str:
        times = tally.times or [0.0]
        return (
            f"| {name} | {len(tally.times):,} | {statistics.median(times) * 1000:.0f} | "
            f"{percentile(times, 0.95) * 1000:.0f} | {max(times) * 1000:.0f} | "
            f"{len(tally.errors)} |"
        )

    figures = load["figures"]
    lines = [
        (
            f"Part 2. The demo under load (gunicorn, 3 workers × 4 threads, {options.readers} "
            f"readers, {options.writers} writers of action updates, one person signing in every "
            f"half second) for {options.seconds:.0f} s, while `goldenthread import_data` "
            f"imported {load['rows']:,} values ({load['mb']:.0f} MB) in {load['import_s']:.1f} s "
            f"(exit {load['import_rc']}: {' / '.join(load['import_out'])})."
        ),
        "",
        "| requests while the import ran | count | median ms | 95th pct ms | longest ms | errors |",
        "| --- | --- | --- | --- | --- | --- |",
        line("sign-in page (baseline)", figures["baseline"]),
        line("main pages", figures["read"]),
        line("sign-ins", figures["sign-in"]),
        line("action updates", figures["write"]),
        "",
        (
            f"Updates accepted: {figures['write'].saved}; missing from the database: "
            f"{load['lost']}. Values stored by the import: {load['stored']:,} of {load['rows']:,}."
        ),
    ]
    for tally in figures.values():
        lines += tally.errors[:3]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
