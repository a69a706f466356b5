"""Benchmark: goldenthread against the tool an analyst would otherwise reach for.

Datasette, with sqlite-utils to load data, installed only in this benchmark's own
environment (var/bench-peer-venv, made on first run). On the national data set of
bench/indicators.py, in one run on one machine, as medians of repeated runs:

1. loading the CSV: `goldenthread import_data` (with its validation and standings)
   against `sqlite-utils insert --csv` and a plain `executemany`;
2. one authority's latest value of every indicator with its rank among all authorities
   and England's value: goldenthread's scorecard page (which also shows significance,
   direction of travel and RAG) and its API, against Datasette's HTML page and JSON for
   the equivalent SQL, each served on loopback and fetched over HTTP.

    .venv/bin/python bench/peer.py [--authorities 153 --indicators 300] [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import fresh_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import indicators as national  # the national data set and its world

PEER = ROOT / "var" / "bench-peer-venv"
PEER_PACKAGES = ["datasette", "sqlite-utils"]
ENGLAND = "E92000001"
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
    options = parser.parse_args()
    peer_bin = peer_environment()
    with tempfile.TemporaryDirectory(prefix="goldenthread-peer-") as folder:
        figures = run(Path(folder), peer_bin, options)
    print(format_report(figures))


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
    figures = {"rows": national.write_values(values, world)}
    figures |= national.measure_import(values)
    figures |= national.measure_plain_insert(values, world)
    figures |= load_with_sqlite_utils(values, folder / "peer.db", peer_bin)
    area = world["partnership"].area.code
    figures |= serve_and_fetch(database, folder / "peer.db", peer_bin, area, options)
    return figures


def load_with_sqlite_utils(values: Path, peer_db: Path, peer_bin: Path) -> dict:
    start = time.perf_counter()
    # sqlite-utils 4 detects the columns' types itself.
    subprocess.run([peer_bin / "sqlite-utils", "insert", peer_db, "values", values, "--csv"],
                   check=True)  # fmt: skip
    insert = time.perf_counter() - start
    # What an analyst would add so that the query is not a scan of every row.
    start = time.perf_counter()
    subprocess.run([peer_bin / "sqlite-utils", "create-index", peer_db, "values",
                    "indicator", "area", "period"], check=True)  # fmt: skip
    return {"sqlite_utils_s": insert, "sqlite_utils_index_s": time.perf_counter() - start}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def started(command: list, env: dict, probe: str) -> subprocess.Popen:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(200):
        try:
            urllib.request.urlopen(probe, timeout=5).read()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{command[0]} did not start")


def median_ms(url: str, repeat: int) -> tuple[float, int]:
    urllib.request.urlopen(url, timeout=60).read()  # warm: caches filled, code loaded
    times, status = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
            if response.url != url:  # sent elsewhere: not the page we meant to time
                raise OSError(f"redirected to {response.url}")
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, status


def serve_and_fetch(database: Path, peer_db: Path, peer_bin: Path, area: str, options) -> dict:
    ours, theirs = free_port(), free_port()
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "bench-" + "x" * 50,
           "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0",
           "STATIC_ROOT": str(database.parent / "static")}  # fmt: skip
    subprocess.run([ROOT / ".venv" / "bin" / "goldenthread", "collectstatic", "--no-input", "-v0"],
                   env=env, check=True)  # fmt: skip
    goldenthread = started(
        [ROOT / ".venv" / "bin" / "gunicorn", "goldenthread.wsgi", f"--bind=127.0.0.1:{ours}",
         "--workers=1"], env, f"http://127.0.0.1:{ours}/accounts/sign-in/",
    )  # fmt: skip
    datasette = started(
        [peer_bin / "datasette", "serve", peer_db, f"--port={theirs}", "--setting",
         "sql_time_limit_ms", "60000"], dict(os.environ), f"http://127.0.0.1:{theirs}/-/versions.json",
    )  # fmt: skip
    query = urllib.parse.urlencode({"sql": PEER_SQL, "area": area, "england": ENGLAND})
    try:
        figures = {}
        for name, url in {
            "page": f"http://127.0.0.1:{ours}/bench/scorecard/",
            "api": f"http://127.0.0.1:{ours}" + options.api_path.format(area=area),
            "datasette_page": f"http://127.0.0.1:{theirs}/peer?{query}",
            "datasette_json": f"http://127.0.0.1:{theirs}/peer.json?{query}",
        }.items():
            try:
                figures[f"{name}_ms"], _ = median_ms(url, options.repeat)
            except OSError as error:
                figures[f"{name}_ms"] = None
                figures[f"{name}_error"] = str(error)
        return figures
    finally:
        goldenthread.terminate()
        datasette.terminate()


def format_report(f: dict) -> str:
    def ms(key: str) -> str:
        return f"{f[key]:.0f} ms" if f.get(key) is not None else f"— ({f.get(key[:-3] + '_error')})"

    def ratio(ours: str, theirs: str) -> str:
        if f.get(ours) is None or f.get(theirs) is None:
            return "—"
        return f"{f[ours] / f[theirs]:.2f}"

    def load(name: str, key: str) -> str:
        return f"| {name} | {f[key]:.1f} | {f['plain_s'] / f[key]:.2f} |"

    lines = [
        f"{f['rows']:,} values",
        "",
        "| load the CSV | seconds | speed against the plain insert |",
        "| --- | --- | --- |",
        load("goldenthread import_data (validation, revisions)", "import_s"),
        load("sqlite-utils insert --csv", "sqlite_utils_s"),
        load("plain executemany", "plain_s"),
        "",
        f"Then goldenthread's standings: {f['standings_s']:.1f} s; "
        + f"sqlite-utils' index for the query: {f['sqlite_utils_index_s']:.1f} s.",
        "",
        "| one authority's scorecard over HTTP | median | against Datasette's |",
        "| --- | --- | --- |",
    ]
    for name, ours, theirs in [
        ("goldenthread scorecard page", "page_ms", "datasette_page_ms"),
        ("goldenthread API", "api_ms", "datasette_json_ms"),
        ("Datasette page for the SQL", "datasette_page_ms", "datasette_page_ms"),
        ("Datasette JSON for the SQL", "datasette_json_ms", "datasette_json_ms"),
    ]:
        lines.append(f"| {name} | {ms(ours)} | {ratio(ours, theirs)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
