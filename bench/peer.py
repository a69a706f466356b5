"""Benchmark: goldenthread against the tool an analyst would otherwise reach for.

Datasette, with sqlite-utils to load data, installed only in this benchmark's own
environment (var/bench-peer-venv, made on first run). On the national data set of
bench/indicators.py, in one run on one machine, as medians of repeated runs:

1. loading the CSV: `goldenthread import_data` (with its validation and standings)
   against `sqlite-utils insert --csv` and a plain `executemany`;
2. one authority's latest value of every indicator with its rank among all authorities
   and England's value: goldenthread's scorecard page (which also shows significance,
   direction of travel and RAG) and its API, served on loopback and fetched over HTTP,
   against the equivalent SQL on the table as sqlite-utils loaded it, with each set of
   indexes an analyst might add (`sqlite-utils create-index` on indicator, area and
   period: none, one on each column, one on the three, both): the SQL run in-process
   (no HTTP), and Datasette's page and JSON for it. The aim (issue 19): goldenthread's
   scorecard in at most a quarter of the best indexed Datasette's time.

    .venv/bin/python bench/peer.py [--authorities 153 --indicators 300] [--repeat 7]
        [--write-docs]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import free_port, fresh_database, served, stop, stop_on_sigterm, wait_for, write_docs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import indicators as national  # the national data set and its world

PEER = ROOT / "var" / "bench-peer-venv"
PEER_PACKAGES = ["datasette", "sqlite-utils"]
ENGLAND = "E92000001"
AIM = 0.25  # goldenthread's time against the best indexed Datasette's (issue 19)
SLOW_S = 10  # a query slower than this to warm is timed 3 times, not --repeat
LIMIT_S = 60  # Datasette's limit on a query's time (its default is 1 s), and ours in-process
# The equivalent of goldenthread's scorecard numbers, from the rows as sqlite-utils loads them.
PEER_SQL = """
WITH latest AS (
  SELECT indicator, MAX(period) AS period FROM "values"
  WHERE area = :area AND COALESCE(breakdown, '') = '' GROUP BY indicator
), ranked AS (
  SELECT v.indicator, v.area, v.value,
         RANK() OVER (PARTITION BY v.indicator ORDER BY v.value DESC) AS position
  FROM "values" v JOIN latest l ON l.indicator = v.indicator AND l.period = v.period
  WHERE COALESCE(v.breakdown, '') = '' AND v.area LIKE 'E06%'
)
SELECT r.indicator, r.value, r.position, e.value AS england
FROM ranked r JOIN latest l ON l.indicator = r.indicator
LEFT JOIN "values" e ON e.indicator = r.indicator AND e.period = l.period
  AND e.area = :england AND COALESCE(e.breakdown, '') = ''
WHERE r.area = :area ORDER BY r.indicator
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=153)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--api-path", default="/api/v1/partnerships/bench/evaluations/?page_size=1000"
    )
    parser.add_argument("--write-docs", action="store_true", help="into docs/performance.md")
    options = parser.parse_args()
    stop_on_sigterm()
    peer_bin = peer_environment()
    with tempfile.TemporaryDirectory(prefix="goldenthread-peer-") as folder:
        figures = run(Path(folder), peer_bin, options)
    text = format_report(figures, options)
    print(text)
    if options.write_docs:
        write_docs(text, "peer")


def peer_environment() -> Path:
    """Datasette and sqlite-utils in a virtual environment of their own."""
    if not (PEER / "bin" / "datasette").exists():
        subprocess.run([sys.executable, "-m", "venv", PEER], check=True)
        subprocess.run([PEER / "bin" / "pip", "install", "--quiet", *PEER_PACKAGES], check=True)
    return PEER / "bin"


def run(folder: Path, peer_bin: Path, options) -> dict:
    database = folder / "goldenthread.sqlite3"
    fresh_database(database)
    world = national.build_world(options.authorities, options.indicators)
    world["partnership"].visibility = "public"  # read without signing in, as Datasette is
    world["partnership"].save()
    values = folder / "values.csv"
    figures = {"rows": national.write_values(values, world), "load": os.getloadavg()[0]}
    figures |= national.measure_import(values)
    figures |= national.measure_plain_insert(values, world)
    figures |= load_with_sqlite_utils(values, folder / "peer.db", peer_bin)
    area = world["partnership"].area.code
    figures |= serve_and_fetch(database, folder / "peer.db", peer_bin, area, options)
    return figures


# The indexes an analyst might give the table: `sqlite-utils create-index` on indicator,
# area and period, each its own or the three in one. No ANALYZE: create-index does not
# run it unless asked, and an analyst following its documentation would not.
LAYOUTS = {
    "no index": [],
    "one index on each of indicator, area, period": [["indicator"], ["area"], ["period"]],
    "one index on (indicator, area, period)": [["indicator", "area", "period"]],
    "both": [["indicator"], ["area"], ["period"], ["indicator", "area", "period"]],
}


def load_with_sqlite_utils(values: Path, peer_db: Path, peer_bin: Path) -> dict:
    start = time.perf_counter()
    # sqlite-utils 4 detects the columns' types itself.
    subprocess.run([peer_bin / "sqlite-utils", "insert", peer_db, "values", values, "--csv"],
                   check=True)  # fmt: skip
    return {"sqlite_utils_s": time.perf_counter() - start}


def serve_and_fetch(database: Path, peer_db: Path, peer_bin: Path, area: str, options) -> dict:
    """goldenthread's scorecard page and API, then Datasette's table with each layout of
    indexes in turn."""
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "bench-" + "x" * 50,
           "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0",
           "STATIC_ROOT": str(database.parent / "static")}  # fmt: skip
    subprocess.run([ROOT / ".venv" / "bin" / "goldenthread", "collectstatic", "--no-input", "-v0"],
                   env=env, check=True)  # fmt: skip
    figures: dict = {}
    # Each page twice: computed for every request (a cache that keeps nothing), as the
    # first reader after a change gets it, and then as the page cache serves the rest.
    for kind, cache in [("computed", "dummycache://"), ("cached", "")]:
        with served({**env, "CACHE_URL": cache}, workers=1) as ours:
            for name, url in {
                "page": f"{ours}/bench/scorecard/",
                "api": ours + options.api_path.format(area=area),
            }.items():
                timed(figures, f"{name}_{kind}", url, options.repeat)
    figures["layouts"] = {
        name: measure_layout(peer_db, peer_bin, indexes, area, options.repeat)
        for name, indexes in LAYOUTS.items()
    }
    return figures


def timed(figures: dict, name: str, url: str, repeat: int) -> None:
    """The median time of a page into figures[name_ms], or why it failed into _error."""
    try:
        figures[f"{name}_ms"], _ = median_ms(url, repeat)
    except OSError as error:
        figures[f"{name}_ms"] = None
        figures[f"{name}_error"] = str(error)


def measure_layout(peer_db: Path, peer_bin: Path, indexes: list, area: str, repeat: int) -> dict:
    """Give the peer's table these indexes (and no others), then time the SQL in-process
    and through a Datasette started afresh, so that nothing of the last layout lingers."""
    with sqlite3.connect(peer_db) as db:
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'values'"
            " AND sql IS NOT NULL"
        ).fetchall():
            db.execute(f'DROP INDEX "{name}"')
    start = time.perf_counter()
    for columns in indexes:
        subprocess.run([peer_bin / "sqlite-utils", "create-index", peer_db, "values", *columns],
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    figures = {"index_s": time.perf_counter() - start if indexes else None}
    figures |= sql_in_process(peer_db, area, repeat)
    if figures["sql_ms"] is None:  # Datasette would only reach its limit, twice
        figures["page_error"] = figures["json_error"] = figures["sql_error"]
        return figures
    port = free_port()
    datasette = subprocess.Popen(
        [peer_bin / "datasette", "serve", peer_db, f"--port={port}", "--setting",
         "sql_time_limit_ms", str(LIMIT_S * 1000)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/-/versions.json", datasette, "Datasette")
        query = urllib.parse.urlencode({"sql": PEER_SQL, "area": area, "england": ENGLAND})
        timed(figures, "page", f"http://127.0.0.1:{port}/peer?{query}", repeat)
        timed(figures, "json", f"http://127.0.0.1:{port}/peer.json?{query}", repeat)
    finally:
        stop(datasette)
    return figures


def sql_in_process(peer_db: Path, area: str, repeat: int) -> dict:
    """The plain ranking SQL's own time, on one connection in this process (no HTTP, no
    page), and the indexes SQLite's plan uses for it. A run is stopped at the limit given
    to Datasette: without an index the query's joins scan the table once for each
    indicator, and at national scale that takes many minutes."""
    parameters = {"area": area, "england": ENGLAND}
    with sqlite3.connect(peer_db) as db:
        plan = db.execute("EXPLAIN QUERY PLAN " + PEER_SQL, parameters).fetchall()
        used = sorted(
            {word for *_, detail in plan for word in detail.split() if word.startswith("idx_")}
            | ({"an automatic index, built for each query"} if "AUTOMATIC" in str(plan) else set())
        )
        warming = time.perf_counter()
        deadline = warming + LIMIT_S
        db.set_progress_handler(lambda: time.perf_counter() > deadline, 100_000)
        try:
            db.execute(PEER_SQL, parameters).fetchall()  # warm: pages in the cache
        except sqlite3.OperationalError:
            return {"sql_ms": None, "sql_error": f"over {LIMIT_S} s, stopped", "uses": used}
        db.set_progress_handler(None, 0)
        times = []
        for _ in range(fewer_when_slow(repeat, time.perf_counter() - warming)):
            start = time.perf_counter()
            db.execute(PEER_SQL, parameters).fetchall()
            times.append(time.perf_counter() - start)
    return {"sql_ms": statistics.median(times) * 1000, "uses": used}


def median_ms(url: str, repeat: int) -> tuple[float, int]:
    start = time.perf_counter()
    urllib.request.urlopen(url, timeout=180).read()  # warm: caches filled, code loaded
    times, status = [], 0
    for _ in range(fewer_when_slow(repeat, time.perf_counter() - start)):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=180) as response:
            response.read()
            status = response.status
            if response.url != url:  # sent elsewhere: not the page we meant to time
                raise OSError(f"redirected to {response.url}")
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, status


def fewer_when_slow(repeat: int, warming_s: float) -> int:
    """A query that took over SLOW_S to warm is timed a few times, not ``repeat``: at
    tens of seconds a run, its spread is small beside the ratios, and the no-index
    layouts would otherwise take most of an hour."""
    return min(repeat, 3) if warming_s > SLOW_S else repeat


def format_report(f: dict, options) -> str:
    lines = [
        (
            f"{f['rows']:,} values ({options.authorities} authorities, {options.indicators} "
            f"indicators); medians of {options.repeat} (of 3 where one run takes over "
            f"{SLOW_S} s); the machine's load average before the run {f['load']:.1f}."
        ),
        "",
        "| load the CSV | seconds | speed against the plain insert |",
        "| --- | ---: | ---: |",
    ]
    for name, key in [("goldenthread import_data (validation, revisions)", "import_s"),
                      ("sqlite-utils insert --csv", "sqlite_utils_s"),
                      ("plain executemany", "plain_s")]:  # fmt: skip
        lines.append(f"| {name} | {f[key]:.1f} | {f['plain_s'] / f[key]:.2f} |")
    lines += [
        "",
        f"Then goldenthread's standings: {f['standings_s']:.1f} s.",
        "",
        (
            "| Datasette's table, indexed | building the indexes | the SQL in-process "
            "| Datasette page | Datasette JSON | indexes SQLite's plan uses |"
        ),
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, layout in f["layouts"].items():
        built = "—" if layout["index_s"] is None else f"{layout['index_s']:.1f} s"
        uses = ", ".join(f"`{i}`" if i.startswith("idx_") else i for i in layout["uses"])
        uses = uses or "none"
        lines.append(f"| {name} | {built} | {ms(layout, 'sql_ms')} | {ms(layout, 'page_ms')} "
                     f"| {ms(layout, 'json_ms')} | {uses} |")  # fmt: skip
    return "\n".join(lines + ["", *against_the_aim(f)])


def ms(figures: dict, key: str) -> str:
    if figures.get(key) is None:
        return f"— ({figures.get(key[:-3] + '_error', 'not measured')})"
    return f"{figures[key]:,.0f} ms"


def best(f: dict, key: str) -> tuple[str, float] | None:
    """The indexed layout with the shortest time for key, and that time."""
    timed = [(layout[key], name) for name, layout in f["layouts"].items()
             if LAYOUTS[name] and layout.get(key) is not None]  # fmt: skip
    return (min(timed)[1], min(timed)[0]) if timed else None


def against_the_aim(f: dict) -> list[str]:
    lines = [
        (
            "| goldenthread, one authority's scorecard over HTTP | median | against the best "
            "indexed Datasette | against the SQL in-process, best indexes |"
        ),
        "| --- | ---: | ---: | ---: |",
    ]
    verdicts = []
    sql = best(f, "sql_ms")
    for name, ours, theirs in [
        ("scorecard page, computed", "page_computed_ms", "page_ms"),
        ("scorecard page, from the page cache", "page_cached_ms", "page_ms"),
        ("API, computed", "api_computed_ms", "json_ms"),
        ("API, from the cache", "api_cached_ms", "json_ms"),
    ]:
        peer = best(f, theirs)
        if f.get(ours) is None or peer is None or sql is None:
            lines.append(f"| {name} | {ms(f, ours)} | — | — |")
            continue
        ratio = f[ours] / peer[1]
        lines.append(f"| {name} | {ms(f, ours)} | {ratio:.2f} ({peer[0]}) "
                     f"| {f[ours] / sql[1]:.2f} |")  # fmt: skip
        verdicts.append(f"{name} {ratio:.2f} ({'met' if ratio <= AIM else 'not met'})")
    return [*lines, "", f"**The aim, at most {AIM} of the best indexed Datasette's time: "
            + "; ".join(verdicts) + ".**"]  # fmt: skip


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: the servers it started are stopped.")
