"""Benchmark: indicator data at national scale.

Generates every upper-tier authority (153), the 9 regions and England, 300 indicators,
10 financial years and 3 breakdowns besides the total (about 1.96 million values),
then measures in one run, on one fresh SQLite database:

1. ``import_values`` (validation, revision check, standings) against a plain
   ``executemany`` of the same rows into a table of the same shape: the ratio of speeds,
   and the import's peak memory;
2. one authority's full scorecard: median time and query count, against a plain SQL
   query that ranks the authority's latest values among all authorities.

    .venv/bin/python bench/indicators.py [--authorities 153 --indicators 300] [--write-docs]

Figures are printed; ``--write-docs`` also writes them into docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from common import fresh_database, twin_of_values_table, write_docs

ROOT = Path(__file__).resolve().parent.parent
PERIODS = [f"{year}/{(year + 1) % 100:02d}" for year in range(2006, 2016)]
BREAKDOWNS = ["", "sex:boys", "sex:girls", "fsm:eligible"]
UNITS = [("percentage", ""), ("rate", "10000"), ("rate", "100000"), ("mean", "")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=153)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=15, help="runs for each median")
    parser.add_argument("--write-docs", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goldenthread-bench-") as folder:
        figures = run(Path(folder), options)
    report = format_report(figures)
    print(report)
    if options.write_docs:
        write_docs(report, "indicators")


def run(folder: Path, options) -> dict:
    fresh_database(folder / "bench.sqlite3")
    world = build_world(options.authorities, options.indicators)
    path = folder / "values.csv"
    rows = write_values(path, world)
    figures = {"rows": rows, "authorities": options.authorities, "indicators": options.indicators}
    figures["file_mb"] = path.stat().st_size / 1e6
    figures |= measure_import(path)
    figures |= measure_plain_insert(path, world)
    figures |= measure_scorecard(world, options.repeat)
    return figures


def build_world(authorities: int, indicators: int) -> dict:
    from goldenthread.areas.models import Area
    from goldenthread.indicators.models import Indicator
    from goldenthread.partnerships.models import Partnership

    england = Area.objects.create(code="E92000001", name="England", kind="country")
    regions = [
        Area.objects.create(
            code=f"E120000{n:02d}", name=f"Region {n}", kind="region", parent=england
        )
        for n in range(1, 10)
    ]
    las = [
        Area(
            code=f"E06{n:06d}", name=f"Authority {n}", kind="local_authority", parent=regions[n % 9]
        )
        for n in range(1, authorities + 1)
    ]
    Area.objects.bulk_create(las)
    las = list(Area.objects.filter(kind="local_authority").order_by("code"))
    group = Area.objects.create(
        code=f"SN-{las[0].code}", name="Neighbours", kind="group", comparator_for=las[0]
    )
    group.members.set(las[1:11])
    Indicator.objects.bulk_create(
        Indicator(
            code=f"ind-{n:03d}",
            title=f"Indicator {n}",
            unit=UNITS[n % len(UNITS)][0],
            per=int(UNITS[n % len(UNITS)][1]) if UNITS[n % len(UNITS)][1] else None,
            polarity="high_is_good" if n % 2 else "low_is_good",
            period_type="financial_year",
        )
        for n in range(indicators)
    )
    partnership = Partnership.objects.create(name="Bench", slug="bench", area=las[0])
    return {
        "areas": [england.code, *(r.code for r in regions), *(a.code for a in las)],
        "indicators": list(Indicator.objects.order_by("code").values_list("code", "unit")),
        "partnership": partnership,
    }


def write_values(path: Path, world: dict) -> int:
    """Write the national file; values follow a trend per authority with noise."""
    rng = random.Random(2015)
    count = 0
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "area", "period", "breakdown", "value", "lower", "upper"])
        for code, unit in world["indicators"]:
            for area in world["areas"]:
                level = rng.uniform(20, 80)
                for step, period in enumerate(PERIODS):
                    for breakdown in BREAKDOWNS:
                        value = max(0.5, level + step * rng.uniform(-1, 1) + rng.gauss(0, 2))
                        value = min(value, 99.5) if unit == "percentage" else value
                        spread = rng.uniform(0.3, 3)
                        lower = max(0.0, value - spread)
                        upper = (
                            min(100.0, value + spread) if unit == "percentage" else value + spread
                        )
                        writer.writerow(
                            [
                                code,
                                area,
                                period,
                                breakdown,
                                f"{value:.2f}",
                                f"{lower:.2f}",
                                f"{upper:.2f}",
                            ]
                        )
                        count += 1
    return count


def measure_import(path: Path) -> dict:
    from goldenthread.indicators.importers.values import import_values
    from goldenthread.indicators.models import Indicator
    from goldenthread.indicators.standings import refresh_standings

    before = peak_mb()
    start = time.perf_counter()
    result = import_values(path)
    seconds = time.perf_counter() - start
    peak = peak_mb()
    start = time.perf_counter()
    refresh_standings(Indicator.objects.values_list("pk", flat=True))
    standings = time.perf_counter() - start
    return {
        "import_s": seconds,
        "import_added": result.added,
        "standings_s": standings,
        "peak_mb": peak,
        "peak_before_mb": before,
    }


def measure_plain_insert(path: Path, world: dict) -> dict:
    """The same rows through csv.reader and executemany, into a table of the same shape."""
    from django.db import connection, transaction

    from goldenthread.areas.models import Area
    from goldenthread.indicators.models import Indicator, Period

    with connection.cursor() as cursor:
        indexes = twin_of_values_table(cursor)
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    areas = dict(Area.objects.values_list("code", "pk"))
    periods = dict(Period.objects.values_list("label", "pk"))
    sql = (
        "INSERT INTO bench_plain (indicator_id, area_id, period_id, breakdown, value, lower, "
        "upper, status, note, source, revision, recorded_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, 'final', '', '', 1, '2026-01-01')"
    )
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor, path.open(newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        batch = []
        for code, area, period, breakdown, value, lower, upper in reader:
            batch.append(
                (indicators[code], areas[area], periods[period], breakdown, float(value),
                 float(lower), float(upper))
            )  # fmt: skip
            if len(batch) == 5000:
                cursor.executemany(sql, batch)
                batch = []
        cursor.executemany(sql, batch)
    return {"plain_s": time.perf_counter() - start, "plain_indexes": indexes}


def measure_scorecard(world: dict, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goldenthread.indicators.scorecard import scorecard

    partnership = world["partnership"]
    with CaptureQueriesContext(connection) as captured:
        rows = scorecard(partnership)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        scorecard(partnership)
        times.append(time.perf_counter() - start)
    ranking = plain_ranking_sql(partnership.area_id, repeat)
    return {
        "scorecard_rows": len(rows),
        "scorecard_queries": len(captured),
        "scorecard_ms": statistics.median(times) * 1000,
        "ranking_sql_ms": ranking,
    }


def plain_ranking_sql(area_id: int, repeat: int) -> float:
    """One authority's latest values ranked among all authorities, from raw rows."""
    from django.db import connection

    sql = """
        WITH latest AS (
            SELECT d.indicator_id, MAX(p."end") AS period_end
            FROM indicators_datapoint d JOIN indicators_period p ON p.id = d.period_id
            WHERE d.area_id = %s AND d.breakdown = ''
            GROUP BY d.indicator_id
        ), ranked AS (
            SELECT d.indicator_id, d.area_id, d.value,
                   RANK() OVER (PARTITION BY d.indicator_id ORDER BY d.value DESC) AS position
            FROM indicators_datapoint d
            JOIN indicators_period p ON p.id = d.period_id
            JOIN latest l ON l.indicator_id = d.indicator_id AND l.period_end = p."end"
            JOIN areas_area a ON a.id = d.area_id AND a.kind = 'local_authority'
            WHERE d.breakdown = ''
        )
        SELECT indicator_id, value, position FROM ranked WHERE area_id = %s
    """
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, [area_id, area_id])
            cursor.fetchall()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def format_report(f: dict) -> str:
    import_rate = f["rows"] / f["import_s"]
    plain_rate = f["rows"] / f["plain_s"]
    data = (
        f"Data: {f['rows']:,} values ({f['authorities']} authorities, 9 regions, England; "
        f"{f['indicators']} indicators; {len(PERIODS)} years; {len(BREAKDOWNS)} breakdowns "
        f"including the total), a {f['file_mb']:.0f} MB CSV file, SQLite."
    )
    rows = [
        ("import_data, whole file (validate, write, revisions check, standings)",
         f"{f['import_s']:.1f} s, {import_rate:,.0f} rows/s"),
        ("plain executemany of the same rows", f"{f['plain_s']:.1f} s, {plain_rate:,.0f} rows/s"),
        ("**import speed / plain insert speed**", f"**{import_rate / plain_rate:.2f}**"),
        ("standings (ranks, comparators) for all indicators, on their own", f"{f['standings_s']:.1f} s"),
        (f"peak memory of the process (before the import: {f['peak_before_mb']:.0f} MB)",
         f"{f['peak_mb']:.0f} MB"),
        (f"one authority's scorecard ({f['scorecard_rows']} indicators), median",
         f"{f['scorecard_ms']:.1f} ms, {f['scorecard_queries']} queries"),
        ("plain SQL ranking that authority's latest values, median", f"{f['ranking_sql_ms']:.0f} ms"),
        ("**scorecard time / ranking query time**",
         f"**{f['scorecard_ms'] / f['ranking_sql_ms']:.2f}**"),
    ]  # fmt: skip
    table = ["| Measure | Figure |", "| --- | --- |"] + [f"| {a} | {b} |" for a, b in rows]
    return "\n".join([data, "", *table])


if __name__ == "__main__":
    main()
