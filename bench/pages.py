"""Page budgets: each main page, one reader at a time, against the sign-in page.

Serves the demo as production does (gunicorn, WhiteNoise, DEBUG off; `bench/load.py`'s
server) from a fresh SQLite database or the PostgreSQL of DATABASE_URL, signs in as the
demo's manager, warms each page, then asks for it --times times in turn and takes the
median. The baseline, in the same run, is the sign-in page, which reads no plan data;
issue 19's budget is at most 5 times its time for every main page.

    .venv/bin/python bench/pages.py [--times 20] [--write-docs]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import write_docs
from load import BIN, csrf, environment, prepare, served

BASELINE = "/accounts/sign-in/"
BUDGET = 5  # times the baseline
WARM = 3
PAGES = {
    "overview": "/thurrock/",
    "plan tree": "/thurrock/2014-15/plan/",
    "action": "{action}",
    "scorecard": "/thurrock/scorecard/",
    "indicator": "{indicator}",
    "annual report": "/thurrock/2014-15/report/annual/",
    "exception report": "/thurrock/2014-15/report/exception/",
    "plan check": "/thurrock/2014-15/check/",
    "golden thread": "/thurrock/golden-thread/",
    "boards": "/thurrock/boards/",
    "API action list": "/api/v1/actions/?year=2014/15",
}
# The demo's records whose pages are measured, found once it is loaded.
FIND = """
import json
from django.urls import reverse
from goldenthread.indicators.models import DataPoint
from goldenthread.plans.models import Action
action = Action.objects.filter(delivery_plan__plan__partnership__slug="thurrock",
                               delivery_plan__is_draft=False).order_by("pk").first()
point = DataPoint.objects.filter(area__code="E06000034").order_by("pk").first()
print(json.dumps({"action": reverse("plans:action", args=["thurrock", action.pk]),
                  "indicator": reverse("indicators:indicator",
                                       args=["thurrock", point.indicator.code])}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=20, help="requests a page, after warming")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--write-docs", action="store_true", help="into docs/performance.md")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goldenthread-pages-") as folder:
        env = environment(Path(folder))
        prepare(env)
        shell = [BIN / "goldenthread", "shell", "-c", FIND]
        printed = subprocess.run(shell, env=env, check=True, capture_output=True, text=True)
        found = json.loads(printed.stdout.strip().splitlines()[-1])  # after shell's own lines
        with served(env, options.workers) as base:
            opener = signed_in(base)
            medians = {
                name: median_ms(opener, base + path.format(**found), options.times)
                for name, path in {"sign-in page (baseline)": BASELINE, **PAGES}.items()
            }
    text = report(medians, options, env["DATABASE_URL"])
    print(text)
    if options.write_docs:
        write_docs(text, "pages")


def signed_in(base: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(base + BASELINE).read().decode()
    form = {"csrfmiddlewaretoken": csrf(page), "username": "manager",
            "password": "goldenthread-manager"}  # fmt: skip
    opener.open(base + BASELINE, urllib.parse.urlencode(form).encode()).read()
    return opener


def median_ms(opener: urllib.request.OpenerDirector, url: str, times: int) -> float:
    """The median time to read the whole page, after warming (caches, compiled templates)."""
    for _ in range(WARM):
        opener.open(url).read()
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        answer = opener.open(url)
        answer.read()
        taken.append((time.perf_counter() - started) * 1000)
        if answer.status != 200:
            raise RuntimeError(f"{url} answered {answer.status}")
    return statistics.median(taken)


def report(medians: dict[str, float], options, database: str) -> str:
    baseline = medians["sign-in page (baseline)"]
    kind = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    lines = [
        (
            f"The demo on {kind}, gunicorn with {options.workers} workers, one reader signed "
            f"in as its manager; the median of {options.times} reads of each page after "
            f"{WARM} to warm it. Budget: {BUDGET}× the sign-in page."
        ),
        "",
        "| page | median ms | against the sign-in page | within the budget |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, ms in medians.items():
        ratio = ms / baseline
        within = "—" if name.startswith("sign-in") else ("yes" if ratio <= BUDGET else "no")
        lines.append(f"| {name} | {ms:.0f} | {ratio:.1f}× | {within} |")
    ratios = sorted(ms / baseline for name, ms in medians.items() if name in PAGES)
    lines += [
        "",
        (
            f"**Main pages against the sign-in page: median {statistics.median(ratios):.1f}×,"
            f" worst {ratios[-1]:.1f}×; {sum(r <= BUDGET for r in ratios)} of {len(ratios)}"
            " within the budget.**"
        ),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
