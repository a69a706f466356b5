"""Benchmark: a national Fingertips "all data" export.

Writes an export as Fingertips writes one (its 27 columns, CRLF rows, a quoted line
break in every indicator's name): England, the 9 regions and every upper-tier authority
(153), for 100 indicators over 10 years, persons and each sex (about 490,000 rows, 95% and
99.8% limits, counts, notes). Then, on one fresh SQLite database, measures in one run:

1. ``import_fingertips`` (both passes: every row checked, then indicators, areas and
   values written, standings worked out) against a plain ``executemany`` of the same
   rows, read with ``csv.reader``, into a table of the same shape: the ratio of speeds;
2. writing it all back in Fingertips' shape (``export_data --shape fingertips``).

    .venv/bin/python bench/fingertips.py [--indicators 100] [--write-docs]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import tempfile
import time
from pathlib import Path

from common import fresh_database, twin_of_values_table, write_docs

ROOT = Path(__file__).resolve().parent.parent
YEARS = range(2008, 2018)
SEXES = ["Persons", "Male", "Female"]
HEADER = [
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name",
    "Area Type", "Sex", "Age", "Category Type", "Category", "Time period", "Value",
    "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit",
    "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles", "Compared to Region value or percentiles",
    "Time period Sortable", "New data", "Compared to goal", "Time period range",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=100)
    parser.add_argument("--authorities", type=int, default=153)
    parser.add_argument("--write-docs", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goldenthread-bench-") as folder:
        figures = run(Path(folder), options)
    report = format_report(figures)
    print(report)
    if options.write_docs:
        write_docs(report, "fingertips")


def run(folder: Path, options) -> dict:
    # As production runs it: with DEBUG on, Django would log every statement.
    fresh_database(folder / "bench.sqlite3", DEBUG="0", ALLOWED_HOSTS="localhost")
    path = folder / "indicators-CountyUA.data.csv"
    rows = write_export(path, options.indicators, options.authorities)
    figures = {"rows": rows, "file_mb": path.stat().st_size / 1e6} | vars(options)
    figures |= measure_import(path)
    figures |= measure_plain_insert(path)
    figures |= measure_export()
    return figures


def areas(authorities: int) -> list[tuple[str, str, str, str, str]]:
    """(code, name, type, parent code, parent name), England first."""
    listed = [("E92000001", "England", "England", "", "")]
    regions = [(f"E120000{n:02d}", f"Region {n} region") for n in range(1, 10)]
    listed += [(code, name, "Region", "E92000001", "England") for code, name in regions]
    for n in range(1, authorities + 1):
        region_code, region_name = regions[n % 9]
        listed.append((f"E06{n:06d}", f"Authority {n}", "County & UA", region_code, region_name))
    return listed


def write_export(path: Path, indicators: int, authorities: int) -> int:
    rng = random.Random(2015)
    count = 0
    places = areas(authorities)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for n in range(indicators):
            indicator_id = str(90000 + n)
            name = f"Indicator {n}: percentage of children\nwith an outcome"
            for code, area_name, area_type, parent, parent_name in places:
                rate = rng.uniform(0.05, 0.6)
                for year in YEARS:
                    for sex in SEXES:
                        denominator = rng.randint(2_000, 60_000) * (50 if code < "E13" else 1)
                        numerator = round(denominator * rate * rng.uniform(0.9, 1.1))
                        value = 100 * numerator / denominator
                        low, high = value * 0.97, value * 1.03
                        writer.writerow(
                            [
                                indicator_id, name, parent, parent_name, code, area_name,
                                area_type, sex, "<18 yrs", "", "", str(year), f"{value:.6f}",
                                f"{low:.6f}", f"{high:.6f}", f"{low * 0.99:.6f}",
                                f"{high * 1.01:.6f}", numerator, denominator, "",
                                "Cannot be calculated", "Similar", "Similar",
                                f"{year}0000", "", "", "1y",
                            ]
                        )  # fmt: skip
                        count += 1
    return count


def measure_import(path: Path) -> dict:
    from goldenthread.indicators.fingertips.importing import import_fingertips

    start = time.perf_counter()
    result = import_fingertips([path])
    return {"import_s": time.perf_counter() - start, "added": result.added}


def measure_plain_insert(path: Path) -> dict:
    """The same rows through csv.reader and executemany, into a twin of the values table
    with the same key, constraint and indexes."""
    from django.db import connection, transaction

    from goldenthread.areas.models import Area
    from goldenthread.indicators.models import Indicator, Period

    with connection.cursor() as cursor:
        twin_of_values_table(cursor)
    indicators = dict(Indicator.objects.values_list("external_id", "pk"))
    area_ids = dict(Area.objects.values_list("code", "pk"))
    periods = {str(p.start.year): p.pk for p in Period.objects.filter(kind="calendar_year")}
    sql = (
        "INSERT INTO bench_plain (indicator_id, area_id, period_id, breakdown, value, lower, "
        "upper, lower998, upper998, numerator, denominator, status, note, source, revision, "
        "recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'final', '', "
        "'OHID Fingertips', 1, '2026-01-01')"
    )
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor, path.open(newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        batch = []
        for cells in reader:
            batch.append(
                (indicators[cells[0]], area_ids[cells[4]], periods[cells[11]],
                 "" if cells[7] == "Persons" else f"sex:{cells[7].lower()}", float(cells[12]),
                 float(cells[13]), float(cells[14]), float(cells[15]), float(cells[16]),
                 float(cells[17]), float(cells[18]))
            )  # fmt: skip
            if len(batch) == 5000:
                cursor.executemany(sql, batch)
                batch = []
        cursor.executemany(sql, batch)
    return {"plain_s": time.perf_counter() - start}


def measure_export() -> dict:
    from goldenthread.indicators.fingertips.writing import write_export as export
    from goldenthread.indicators.models import Indicator

    start = time.perf_counter()
    written = export(io.StringIO(), Indicator.objects.order_by("external_id"))
    return {"export_s": time.perf_counter() - start, "exported": written}


def format_report(f: dict) -> str:
    import_rate, plain_rate = f["rows"] / f["import_s"], f["rows"] / f["plain_s"]
    data = (
        f"Data: a Fingertips export of {f['rows']:,} rows ({f['authorities']} authorities, "
        f"9 regions, England; {f['indicators']} indicators; {len(YEARS)} years; persons and "
        f"each sex), {f['file_mb']:.0f} MB, SQLite."
    )
    rows = [
        ("import_data of the export (every row checked, then written; standings)",
         f"{f['import_s']:.1f} s, {import_rate:,.0f} rows/s"),
        ("plain executemany of the same rows", f"{f['plain_s']:.1f} s, {plain_rate:,.0f} rows/s"),
        ("**import speed / plain insert speed**", f"**{import_rate / plain_rate:.2f}**"),
        ("export_data --shape fingertips of every value",
         f"{f['export_s']:.1f} s, {f['exported'] / f['export_s']:,.0f} rows/s"),
    ]  # fmt: skip
    table = ["| Measure | Figure |", "| --- | --- |"] + [f"| {a} | {b} |" for a, b in rows]
    return "\n".join([data, "", *table])


if __name__ == "__main__":
    main()
