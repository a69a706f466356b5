"""Benchmark: growing data. Does an import cost what it brings, or what is stored?

Grows one database through several sizes (--values, 100,000 to 10 million by default)
by adding national indicators of the same shape as ``bench/indicators.py``'s (153
authorities, the regions and England; 10 financial years; the total and 3 breakdowns:
6,520 values an indicator), with their standings. At each size it measures, in the same
run:

1. the same file of --rows values (a new year of 15 indicators, about 10,000 rows)
   imported as ``goldenthread import_data`` imports it (check, write, standings, audit),
   then taken out again: time per row, queries, against the smallest size (a ratio);
2. one value revised alone, as the API and the upload write it;
3. ``scorecard()`` for one authority: median, queries and rows; beside it the plain
   SQL ranking of that authority's latest values from the raw rows (``bench/indicators.py``);
4. over HTTP (gunicorn, DEBUG off, signed in): the scorecard page and one indicator's
   page, against the sign-in page in the same run.

Runs on SQLite in a folder of its own, or on the PostgreSQL of DATABASE_URL (which it
fills: give it a throwaway database, as ``.ci/with-postgres`` makes):

    .venv/bin/python bench/growing.py --values 20000,200000          # a quick proof
    PGTEST_PORT=54391 .ci/with-postgres .venv/bin/python bench/growing.py --write-docs
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.cookiejar import CookieJar
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import write_docs
from indicators import BREAKDOWNS, PERIODS, UNITS, build_world, plain_ranking_sql
from load import csrf, environment, served

PER_INDICATOR = 163 * len(PERIODS) * len(BREAKDOWNS)  # areas x years x breakdowns
NEW_YEAR = "2016/17"  # after every year filled
TOUCHED = 15  # indicators the imported file brings a new year for
SIGN_IN = "/accounts/sign-in/"
PASSWORD = "growing-bench-password"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", default="100000,1000000,10000000", help="sizes, ascending")
    parser.add_argument("--repeat", type=int, default=5, help="runs for each median")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for pages")
    parser.add_argument("--write-docs", action="store_true")
    options = parser.parse_args()
    sizes = sorted(int(n) for n in options.values.split(","))
    with tempfile.TemporaryDirectory(prefix="goldenthread-growing-") as folder:
        figures = run(Path(folder), sizes, options)
    report = format_report(figures)
    print(report)
    if options.write_docs:
        write_docs(report, "growing")


def run(folder: Path, sizes: list[int], options) -> dict:
    env = set_up(folder)
    world = build_world(153, 0)
    world["periods"] = store_periods()
    world["user"] = bench_user()
    path = write_file(folder / "new-year.csv", world)
    figures: dict = {"database": env["DATABASE_URL"].split(":")[0], "sizes": []}
    for size in sizes:
        started = time.perf_counter()
        filled = grow_to(size, world)
        print(f"{filled:,} values stored in {time.perf_counter() - started:.0f} s", flush=True)
        at = {"values": filled, "indicators": len(world["indicators"])}
        at |= measure_import(path, world, options.repeat)
        at |= measure_one_value(world, options.repeat)
        at |= measure_scorecard(world, options.repeat)
        at |= measure_pages(env, world, options)
        print(at, flush=True)
        figures["sizes"].append(at)
    return figures


def set_up(folder: Path) -> dict:
    """Django pointed at DATABASE_URL, or at a new SQLite file, migrated; the static
    files collected for the server."""
    env = environment(folder)  # DATABASE_URL's, else a new SQLite file in the folder
    os.environ.update(env, DEBUG="0", DJANGO_SETTINGS_MODULE="goldenthread.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    return env


def store_periods() -> dict[str, int]:
    from goldenthread.indicators.models import Indicator, Period

    kind = Indicator(period_type="financial_year")
    return {label: Period.stored(kind.parse_period(label)).pk for label in PERIODS}


def bench_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("growing", "growing@example.org", PASSWORD)


# Filling.


def grow_to(size: int, world: dict) -> int:
    """Add indicators, their values and their standings until about ``size`` values
    are stored; returns how many are."""
    from goldenthread.indicators.models import DataPoint, Indicator
    from goldenthread.indicators.standings import refresh_standings

    have = len(world["indicators"])
    wanted = max(TOUCHED + 1, round(size / PER_INDICATOR))
    if wanted > have:
        Indicator.objects.bulk_create(new_indicator(n) for n in range(have, wanted))
        added = list(Indicator.objects.filter(code__gte=f"ind-{have:05d}").order_by("code"))
        world["indicators"] += [(i.pk, i.code, i.unit) for i in added]
        insert_values(world, world["indicators"][have:])
        analyse()
        refresh_standings([pk for pk, _, _ in world["indicators"][have:]])
    return DataPoint.objects.count()


def new_indicator(n: int):
    from goldenthread.indicators.models import Indicator

    unit, per = UNITS[n % len(UNITS)]
    return Indicator(
        code=f"ind-{n:05d}",
        title=f"Indicator {n}",
        unit=unit,
        per=int(per) if per else None,
        polarity="high_is_good" if n % 2 else "low_is_good",
        period_type="financial_year",
    )


COLUMNS = ["indicator_id", "area_id", "period_id", "breakdown", "value", "lower", "upper",
           "status", "note", "source", "revision", "recorded_at"]  # fmt: skip


def rows_of(world: dict, indicators: list[tuple]):
    """Each indicator's values: a level for each area, a drift a year, and noise."""
    rng = random.Random(len(world["indicators"]))
    stamp = "2026-01-01 00:00:00+00:00"
    periods = [world["periods"][label] for label in PERIODS]
    for pk, _, unit in indicators:
        for area in world["area_ids"]:
            level = rng.uniform(20, 80)
            for step, period in enumerate(periods):
                for breakdown in BREAKDOWNS:
                    value = max(0.5, level + step * rng.uniform(-1, 1) + rng.gauss(0, 2))
                    value = min(value, 99.5) if unit == "percentage" else value
                    yield (pk, area, period, breakdown, round(value, 2), round(value - 1, 2),
                           round(value + 1, 2), "final", "", "", 1, stamp)  # fmt: skip


def insert_values(world: dict, indicators: list[tuple]) -> None:
    """COPY on PostgreSQL, executemany in batches on SQLite: as fast as each loads."""
    from django.db import connection, transaction

    from goldenthread.areas.models import Area
    from goldenthread.indicators.models import DataPoint

    world.setdefault(
        "area_ids", list(Area.objects.filter(code__in=world["areas"]).values_list("pk", flat=True))
    )
    table = DataPoint._meta.db_table
    rows = rows_of(world, indicators)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * 12)})"
        while batch := list(islice(rows, 50_000)):
            cursor.executemany(sql, batch)


def analyse() -> None:
    """What PostgreSQL's autovacuum would have done by the time anyone imports."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def write_file(path: Path, world: dict) -> Path:
    """A new year for the first TOUCHED indicators, every area and breakdown."""
    import csv

    rng = random.Random(17)
    codes = [f"ind-{n:05d}" for n in range(TOUCHED)]
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "area", "period", "breakdown", "value", "lower", "upper"])
        for code in codes:
            for area in world["areas"]:
                for breakdown in BREAKDOWNS:
                    value = rng.uniform(20, 80)
                    writer.writerow([code, area, NEW_YEAR, breakdown, f"{value:.2f}",
                                     f"{value - 1:.2f}", f"{value + 1:.2f}"])  # fmt: skip
    return path


# Measuring.


def timed(action: Callable[[], object]) -> tuple[float, int]:
    """Seconds and queries of one run of ``action``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        action()
        seconds = time.perf_counter() - started
    return seconds, len(captured)


def measure_import(path: Path, world: dict, repeat: int) -> dict:
    """The file imported and taken out again, --repeat times; the median."""
    from goldenthread.indicators.importing import import_data_files

    runs = []
    for _ in range(max(3, repeat // 2)):
        runs.append(timed(lambda: import_data_files([path])))
        take_out_new_year()
    seconds = statistics.median(s for s, _ in runs)
    rows = sum(1 for _ in path.open()) - 1
    return {"rows": rows, "import_s": seconds, "import_queries": runs[0][1]}


def take_out_new_year() -> None:
    from goldenthread.indicators.models import DataPoint, Indicator
    from goldenthread.indicators.standings import refresh_standings

    touched = Indicator.objects.filter(code__lt=f"ind-{TOUCHED:05d}")
    DataPoint.objects.filter(indicator__in=touched, period__label=NEW_YEAR).delete()
    refresh_standings(touched.values_list("pk", flat=True))


def measure_one_value(world: dict, repeat: int) -> dict:
    """One authority's latest value of one indicator revised, as the API writes it."""
    from goldenthread.indicators.target_edits import record_data_point

    area = world["areas"][-1]
    runs = [
        timed(lambda n=n: record_data_point(
            indicator="ind-00000", area=area, period=PERIODS[-1], value=str(40 + n % 2)))
        for n in range(repeat)
    ]  # fmt: skip
    return {
        "one_ms": statistics.median(s for s, _ in runs) * 1000,
        "one_queries": runs[-1][1],
    }


def measure_scorecard(world: dict, repeat: int) -> dict:
    from goldenthread.indicators.scorecard import scorecard

    partnership = world["partnership"]
    runs = [timed(lambda: scorecard(partnership)) for _ in range(repeat)]
    return {
        "scorecard_ms": statistics.median(s for s, _ in runs) * 1000,
        "scorecard_queries": runs[-1][1],
        "scorecard_rows": len(scorecard(partnership)),
        "ranking_sql_ms": plain_ranking_sql(partnership.area_id, max(3, repeat // 2)),
    }


def measure_pages(env: dict, world: dict, options) -> dict:
    """The sign-in page, the scorecard page and an indicator's page over HTTP."""
    pages = {
        "sign_in": SIGN_IN,
        "scorecard_page": "/bench/scorecard/",
        "indicator_page": "/bench/indicators/ind-00000/",
    }
    with served(env, options.workers) as base:
        opener = signed_in(base)
        return {name: median_ms(opener, base + url, options.repeat) for name, url in pages.items()}


def signed_in(base: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(base + SIGN_IN).read().decode()
    form = {"csrfmiddlewaretoken": csrf(page), "username": "growing", "password": PASSWORD}
    opener.open(base + SIGN_IN, urllib.parse.urlencode(form).encode()).read()
    return opener


def median_ms(opener: urllib.request.OpenerDirector, url: str, times: int) -> float:
    """After two reads to warm it (compiled templates, the workers' caches)."""
    taken = []
    for n in range(times + 2):
        started = time.perf_counter()
        with opener.open(url, timeout=600) as answer:
            answer.read()
            if answer.status != 200 or answer.url.endswith(SIGN_IN) != url.endswith(SIGN_IN):
                raise RuntimeError(f"{url} answered {answer.status} at {answer.url}")
        if n >= 2:
            taken.append((time.perf_counter() - started) * 1000)
    return statistics.median(taken)


# Reporting.


def format_report(f: dict) -> str:
    sizes = f["sizes"]
    first = sizes[0]
    per_row = [s["import_s"] / s["rows"] * 1e6 for s in sizes]
    kind = "PostgreSQL" if f["database"].startswith("postgres") else "SQLite"
    header = "| Measure | " + " | ".join(f"{s['values']:,} values" for s in sizes) + " |"
    rows = [
        ("indicators stored (and standings for each authority)", [f"{s['indicators']:,}" for s in sizes]),
        (f"import_data of {first['rows']:,} rows (a new year of {TOUCHED} indicators)",
         [f"{s['import_s']:.2f} s, {s['import_queries']} queries" for s in sizes]),
        ("import time per row", [f"{us:.0f} µs" for us in per_row]),
        ("**per row, against the smallest database**", [f"**{us / per_row[0]:.2f}**" for us in per_row]),
        ("one value revised alone (the API's write)",
         [f"{s['one_ms']:.0f} ms, {s['one_queries']} queries" for s in sizes]),
        ("scorecard() for one authority, median",
         [f"{s['scorecard_ms']:.0f} ms, {s['scorecard_queries']} queries, {s['scorecard_rows']:,} rows" for s in sizes]),
        ("scorecard() per row shown", [f"{s['scorecard_ms'] / s['scorecard_rows']:.2f} ms" for s in sizes]),
        ("plain SQL ranking that authority's latest values, median", [f"{s['ranking_sql_ms']:.0f} ms" for s in sizes]),
        ("sign-in page over HTTP (baseline), median", [f"{s['sign_in']:.0f} ms" for s in sizes]),
        ("scorecard page", [f"{s['scorecard_page']:.0f} ms ({s['scorecard_page'] / s['sign_in']:.0f}×)" for s in sizes]),
        ("one indicator's page", [f"{s['indicator_page']:.0f} ms ({s['indicator_page'] / s['sign_in']:.1f}×)" for s in sizes]),
    ]  # fmt: skip
    table = [header, "| --- |" + " ---: |" * len(sizes)]
    table += [f"| {name} | " + " | ".join(cells) + " |" for name, cells in rows]
    data = (
        f"{kind}; national indicators of {PER_INDICATOR:,} values each (153 authorities, "
        f"9 regions, England; {len(PERIODS)} years; {len(BREAKDOWNS)} breakdowns including "
        "the total). Medians; 2 CPUs shared with other helpers' test runs."
    )
    return "\n".join([data, "", *table])


if __name__ == "__main__":
    main()
