"""Benchmark: files through the storage API, on local disk and in a bucket.

Measures, as medians of repeated runs in one process:

1. a chart image kept, read again as a page shows it: from the "charts" storage on
   local disk (``lib/storage.py``) against Django's file cache, which kept the images
   before (the baseline, in the same run), and from a bucket on moto's S3 server on
   loopback;
2. an uploaded file of values made ready for the importers: copied from the "uploads"
   storage to local disk (on disk, and from the bucket), against the least the importer
   then does with it, reading its rows (``lib.tables``; the baseline). Before, the
   importers read the file where it lay, without the copy.

moto's server runs in this process on loopback: its figures show the requests' own
cost, not a real object store's network (add its round trip, some milliseconds, to
each read).

    .venv/bin/python bench/storage.py [--repeat 50] [--write-docs]
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, write_docs

BUCKET = "goldenthread-bench"
KEYS = {"access_key": "bench", "secret_key": "bench"}
UPLOAD_BYTES = 5 * 1024 * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="runs for each median")
    parser.add_argument("--write-docs", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goldenthread-bench-") as folder:
        figures = run(Path(folder), options.repeat)
    report = format_report(figures)
    print(report)
    if options.write_docs:
        write_docs(report, "storage")


def run(folder: Path, repeat: int) -> dict:
    os.environ.update(
        DEBUG="1", SECRET_KEY="bench", MEDIA_ROOT=str(folder / "media"),
        CHART_CACHE=str(folder / "charts"), DJANGO_SETTINGS_MODULE="goldenthread.settings",
    )  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache.backends.filebased import FileBasedCache

    from goldenthread.charts import stacked_bar

    chart = stacked_bar(
        [f"Aim {n}" for n in range(1, 9)],
        {"On track": [3, 4, 5, 2, 6, 1, 4, 3], "Behind": [1, 0, 2, 1, 0, 3, 1, 2]},
        title="Actions by aim", summary="", colours={"On track": "#00703c", "Behind": "#d4351c"},
    )  # fmt: skip
    svg = chart.svg()  # drawn once, kept in the charts storage on disk
    upload = _values_file(folder / "values.csv")
    old_cache = FileBasedCache(str(folder / "old-cache"), {"OPTIONS": {"MAX_ENTRIES": 5000}})
    old_cache.set("chart.svg", svg, timeout=None)
    figures = {
        "svg_bytes": len(svg.encode()),
        "chart_file_cache": median(lambda: old_cache.get("chart.svg"), repeat),
        "chart_disk": median(chart.svg, repeat),
        "upload_rows": median(lambda: _rows(upload), max(3, repeat // 10)),
        "upload_disk": _copy_time(upload, repeat),
    }
    with _bucket() as storages_in_bucket:
        from django.test import override_settings

        with override_settings(STORAGES=storages_in_bucket):
            chart.svg()  # drawn again into the bucket
            figures["chart_bucket"] = median(chart.svg, repeat)
            figures["upload_bucket"] = _copy_time(upload, repeat)
    return figures


def _values_file(path: Path) -> Path:
    """A file of values of about UPLOAD_BYTES, as an analyst's export might be."""
    lines = ["indicator,area,period,value"]
    row = 0
    while sum(len(line) + 1 for line in lines) < UPLOAD_BYTES:
        lines.extend(f"ks2-rwm,E0600{row + n:04d},2013/14,{(row + n) % 100}" for n in range(1000))
        row += 1000
    path.write_text("\n".join(lines) + "\n")
    return path


def _rows(path: Path) -> int:
    from goldenthread.lib.tables import read_table

    columns = ["indicator", "area", "period", "value"]
    return sum(1 for _ in read_table(path, required=columns, optional=[]))


def _copy_time(upload: Path, repeat: int) -> float:
    from django.core.files.base import ContentFile

    from goldenthread.indicators.uploads import PendingUpload

    pending = PendingUpload("bench", "b" * 32, upload.name)
    pending.store(ContentFile(upload.read_bytes()))

    def ready() -> None:
        with pending.local_copy() as path:
            path.stat()

    return median(ready, repeat)


class _bucket:
    """moto's S3 server on a free loopback port, with a bucket; the STORAGES for it."""

    def __enter__(self) -> dict:
        import boto3
        from django.conf import settings
        from moto.server import ThreadedMotoServer

        from goldenthread.settings import s3_storages

        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        boto3.client(
            "s3", endpoint_url=endpoint, region_name="eu-west-2",
            aws_access_key_id="bench", aws_secret_access_key="bench",
        ).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )  # fmt: skip
        bucket = s3_storages(BUCKET, endpoint_url=endpoint, region_name="eu-west-2", **KEYS)
        return settings.STORAGES | bucket

    def __exit__(self, *exc) -> None:
        self.server.stop()


def median(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def format_report(f: dict) -> str:
    ms = {key: value * 1000 for key, value in f.items() if key != "svg_bytes"}
    out = io.StringIO()
    out.write(
        f"Medians in milliseconds; {os.cpu_count()} CPUs shared with other work (five other "
        "helpers' tests and benchmarks), so the ratios are the fairer figures. The bucket is "
        "moto's S3 server on loopback, in the same process.\n\n"
        "| read | ms | against the baseline |\n| --- | ---: | ---: |\n"
        f"| a chart image ({f['svg_bytes'] / 1024:.0f} KB of SVG), Django's file cache as "
        f"before: the baseline | {ms['chart_file_cache']:.2f} | 1 |\n"
        f"| the same from the charts storage on disk | {ms['chart_disk']:.2f} | "
        f"{f['chart_disk'] / f['chart_file_cache']:.2f} |\n"
        f"| the same from the bucket | {ms['chart_bucket']:.2f} | "
        f"{f['chart_bucket'] / f['chart_file_cache']:.2f} |\n"
        f"| a {UPLOAD_BYTES // 2**20} MB file of values: its rows read, the least the "
        f"importer does: the baseline | {ms['upload_rows']:.1f} | 1 |\n"
        f"| the same file copied from the uploads storage on disk for the importers | "
        f"{ms['upload_disk']:.1f} | {f['upload_disk'] / f['upload_rows']:.2f} |\n"
        f"| copied from the bucket | {ms['upload_bucket']:.1f} | "
        f"{f['upload_bucket'] / f['upload_rows']:.2f} |\n\n"
        "A preview and an import each make one copy, a small part of reading the file, "
        "let alone checking and importing it (bench/import_strain.py). A chart image read "
        "from a bucket costs a request: a page of many charts pays one each, which is "
        "where a page cache earns its keep."
    )
    return out.getvalue()


if __name__ == "__main__":
    main()
