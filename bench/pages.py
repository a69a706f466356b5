"""Page budgets: each main page, one reader at a time, against the sign-in page.

Serves the demo as production does (gunicorn, WhiteNoise, DEBUG off; `bench/load.py`'s
server) from a fresh SQLite database or the PostgreSQL of DATABASE_URL, signs in as the
demo's manager, warms each page, then asks for it --times times in turn and takes the
median. The baseline, in the same run, is the sign-in page, which reads no plan data;
issue 19's budget is at most 5 times its time for every main page. Then the same public
pages for an anonymous reader (whole pages from the cache), and anonymous throughput:
--readers readers asking for the public pages in turn for --seconds seconds, against
issue 19's aim of 150 requests a second on 2 cores.

The page cache is files in the run's own folder, as by default, unless CACHE_URL says
otherwise (CACHE_URL=redis://127.0.0.1:6379/0 to measure Redis).

    .venv/bin/python bench/pages.py [--times 20] [--readers 8] [--seconds 10] [--write-docs]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import write_docs
from load import BIN, csrf, environment, prepare, served

BASELINE = "/accounts/sign-in/"
BUDGET = 5  # times the baseline
AIM_RPS = 150  # anonymous reads of the public pages, on 2 cores
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
# The pages anyone may read of a public partnership (the API's own cache is not the pages').
ANONYMOUS = [name for name in PAGES if name not in ("plan check", "API action list")]
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
    parser.add_argument("--readers", type=int, default=8, help="anonymous readers at once")
    parser.add_argument("--seconds", type=float, default=10, help="of anonymous throughput")
    parser.add_argument("--write-docs", action="store_true", help="into docs/performance.md")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goldenthread-pages-") as folder:
        env = environment(Path(folder))
        env.setdefault("CACHE_URL", f"filecache://{Path(folder) / 'pages'}")
        prepare(env)
        shell = [BIN / "goldenthread", "shell", "-c", FIND]
        printed = subprocess.run(shell, env=env, check=True, capture_output=True, text=True)
        found = json.loads(printed.stdout.strip().splitlines()[-1])  # after shell's own lines
        with served(env, options.workers) as base:
            opener = signed_in(base)
            urls = {name: base + path.format(**found)
                    for name, path in {"sign-in page (baseline)": BASELINE, **PAGES}.items()}  # fmt: skip
            medians = medians_ms(opener, urls, options.times)
            public = {name: urls[name] for name in ANONYMOUS}
            anonymous = medians_ms(urllib.request.build_opener(), public, options.times)
            public = list(public.values())
            rate = throughput(public, options.readers, options.seconds)
    text = report(medians, options, env["DATABASE_URL"])
    text += "\n\n" + anonymous_report(medians, anonymous, rate, options)
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


def medians_ms(
    opener: urllib.request.OpenerDirector, urls: dict[str, str], times: int
) -> dict[str, float]:
    """The median time to read each whole page, after warming (caches, compiled
    templates). Read in rounds, each page once a round, so that the other work of a
    shared machine weighs on every page alike, the baseline too."""
    for url in urls.values():
        for _ in range(WARM):
            opener.open(url).read()
    taken: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(times):
        for name, url in urls.items():
            started = time.perf_counter()
            answer = opener.open(url)
            answer.read()
            taken[name].append((time.perf_counter() - started) * 1000)
            if answer.status != 200:
                raise RuntimeError(f"{url} answered {answer.status}")
    return {name: statistics.median(times) for name, times in taken.items()}


def throughput(urls: list[str], readers: int, seconds: float) -> float:
    """Requests a second answered to ``readers`` anonymous readers each asking for the
    pages in turn, as fast as they are answered, for ``seconds``."""
    answered = [0] * readers
    stop = time.perf_counter() + seconds

    def read(number: int) -> None:
        opener = urllib.request.build_opener()
        while time.perf_counter() < stop:
            for url in urls:
                answer = opener.open(url)
                answer.read()
                if answer.status != 200:
                    raise RuntimeError(f"{url} answered {answer.status}")
                answered[number] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(answered) / (time.perf_counter() - started)


def anonymous_report(
    medians: dict[str, float], anonymous: dict[str, float], rate: float, options
) -> str:
    baseline = medians["sign-in page (baseline)"]
    lines = [
        (
            "The same public pages for an anonymous reader, whole from the page cache "
            "after warming (the sign-in page of the same run as the baseline):"
        ),
        "",
        "| page | anonymous median ms | against the sign-in page | signed in, ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, ms in anonymous.items():
        lines.append(f"| {name} | {ms:.1f} | {ms / baseline:.1f}× | {medians[name]:.0f} |")
    lines += [
        "",
        (
            f"**Anonymous throughput: {rate:.0f} requests a second** ({options.readers} "
            f"readers at once for {options.seconds:.0f} s, each asking for the "
            f"{len(anonymous)} public pages in turn; gunicorn with {options.workers} "
            f"workers; the aim is {AIM_RPS} on 2 cores). The machine is shared with "
            "other work while it runs, so the ratios say more than the times."
        ),
    ]
    return "\n".join(lines)


def report(medians: dict[str, float], options, database: str) -> str:
    baseline = medians["sign-in page (baseline)"]
    kind = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    lines = [
        (
            f"The demo on {kind}, gunicorn with {options.workers} workers, one reader signed "
            f"in as its manager; the median of {options.times} reads of each page (in rounds, "
            f"each page once a round) after {WARM} to warm it. Budget: {BUDGET}× the sign-in "
            "page."
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
