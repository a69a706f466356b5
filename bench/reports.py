"""Benchmark: the seed's annual report in Word and PDF, generated from live data.

Loads the demo (the seed plan and report with the demo indicator data) into a fresh
SQLite database, then measures, as medians of repeated runs:

1. building the report's context (the queries, findings and evaluations);
2. writing it as Word and as PDF, with the chart images already drawn ("warm": the
   data has not changed since the report was last made) and with an empty chart
   cache ("cold": every chart drawn again, as when the report is asked for before the
   background worker has drawn the charts of newly imported values);
3. against a plain baseline in the same run: the same introduction and action tables
   written straight with python-docx and fpdf2, with no headings, styles, findings or
   charts: the least any program writing these documents must do.

    .venv/bin/python bench/reports.py [--repeat 7] [--write-docs]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time
from pathlib import Path

from common import fresh_database, write_docs

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs for each median")
    parser.add_argument("--write-docs", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goldenthread-bench-") as folder:
        figures = run(Path(folder), options.repeat)
    report = format_report(figures)
    print(report)
    if options.write_docs:
        write_docs(report, "reports")


def run(folder: Path, repeat: int) -> dict:
    fresh_database(
        folder / "bench.sqlite3",
        CHART_CACHE=str(folder / "charts"),
        MEDIA_ROOT=str(folder / "media"),
    )
    from django.core.management import call_command

    from goldenthread.charts import clear_cache
    from goldenthread.partnerships.models import Partnership
    from goldenthread.plans.models import DeliveryPlan
    from goldenthread.reports.annual import annual_report
    from goldenthread.reports.render import render

    call_command("load_demo", stdout=io.StringIO())
    delivery_plan = DeliveryPlan.objects.current(Partnership.objects.get(slug="thurrock"))
    report = annual_report(delivery_plan)

    def both():
        render(annual_report(delivery_plan), "docx")
        render(annual_report(delivery_plan), "pdf")

    def cold():
        clear_cache()
        both()

    both()  # warm the cache, and Python's imports
    return {
        "charts": sum(1 for s in report.indicators if s.chart),
        "actions": sum(len(a.rows) for a in report.aims),
        "context": median(lambda: annual_report(delivery_plan), repeat),
        "docx": median(lambda: render(report, "docx"), repeat),
        "pdf": median(lambda: render(report, "pdf"), repeat),
        "warm": median(both, repeat),
        "cold": median(cold, repeat),
        "plain": median(lambda: plain_documents(report), repeat),
        "pdf_pages": _pages(render(report, "pdf").content),
    }


def plain_documents(report) -> None:
    """The baseline: the introduction and action tables, written as simply as can be."""
    import matplotlib
    from docx import Document
    from fpdf import FPDF

    document = Document()
    for sentence in report.introduction:
        document.add_paragraph(sentence)
    pdf = FPDF(orientation="landscape")
    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf.add_font("DejaVu", "", font)
    pdf.set_font("DejaVu", size=8)
    pdf.add_page()
    for sentence in report.introduction:
        pdf.multi_cell(0, 5, sentence, new_x="LMARGIN", new_y="NEXT")
    for aim in report.aims:
        rows = [[r.objective, f"{r.code} {r.text}", r.measure, r.comments, r.status]
                for r in aim.rows]  # fmt: skip
        table = document.add_table(rows=0, cols=5)
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
        with pdf.table(first_row_as_headings=False) as drawn:
            for values in rows:
                drawn.row(values)
    document.save(io.BytesIO())
    pdf.output()


def median(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pages(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def format_report(f: dict) -> str:
    warm_documents = f["docx"] + f["pdf"]
    return "\n".join([
        (f"The seed's annual report: {f['actions']} actions in 4 aim tables, {f['charts']} "
        f"charts, {f['pdf_pages']} PDF pages. Medians; {os.cpu_count()} CPUs."),
        "",
        "| step | seconds |",
        "| --- | ---: |",
        f"| context (queries, evaluations, findings) | {f['context']:.3f} |",
        f"| Word, charts already drawn | {f['docx']:.3f} |",
        f"| PDF, charts already drawn | {f['pdf']:.3f} |",
        f"| **Word and PDF from live data, warm** (context built for each) | **{f['warm']:.2f}** |",
        f"| **Word and PDF from live data, cold** (every chart drawn again) | **{f['cold']:.2f}** |",
        f"| plain baseline: same text and tables, no charts or styles | {f['plain']:.3f} |",
        "",
        (f"Ratio, goldenthread's two documents to the plain baseline: "
        f"{warm_documents / f['plain']:.2f} (warm). Drawing the {f['charts']} charts costs "
        f"{f['cold'] - f['warm']:.2f} s when none is cached; the background worker draws "
        "them as soon as new values are imported, so an officer asking for the report "
        "after an import meets the warm figure unless they ask within those seconds."),
    ])  # fmt: skip


if __name__ == "__main__":
    main()
