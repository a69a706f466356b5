"""Load: the week before a board, when every partner reads and updates at once.

Serves the demo as production does (gunicorn, WhiteNoise, DEBUG off) on loopback, from a
fresh SQLite database or the PostgreSQL of DATABASE_URL, then for --seconds drives it
with --readers concurrent readers of the main pages and --writers concurrent writers
adding updates to actions, each writer signed in as the demo contributor. It prints
throughput and latency (median and 95th percentile) for each, against a baseline in the
same run: the sign-in page, which reads no plan data. It fails (exit 1) on any error or
any update that was accepted but is not in the database.

    .venv/bin/python bench/load.py [--seconds 60] [--readers 50] [--writers 5]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
READ = ["/thurrock/", "/thurrock/2014-15/plan/", "/thurrock/scorecard/",
        "/thurrock/2014-15/report/annual/", "/thurrock/boards/"]  # fmt: skip
MARK = "Load test update"


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    saved: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float) -> None:
        with self.lock:
            self.times.append(seconds)

    def fail(self, why: str) -> None:
        with self.lock:
            self.errors.append(why)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goldenthread-load-") as folder:
        env = environment(Path(folder))
        prepare(env)
        with served(env, options.workers) as base:
            figures = drive(base, options)
            lost = lost_updates(env, figures["write"].saved)
    print(report(figures, options, lost))
    if lost or any(t.errors for t in figures.values()):
        sys.exit(1)


def environment(folder: Path) -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{folder / 'load.sqlite3'}")
    env.update(
        DEBUG="0", SECRET_KEY="load-test-" + "x" * 50, ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"), CHART_CACHE=str(folder / "charts"),
    )  # fmt: skip
    return env


def prepare(env: dict) -> None:
    for command in (["migrate", "--no-input"], ["load_demo"], ["collectstatic", "--no-input"]):
        subprocess.run([BIN / "goldenthread", *command], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip


class served:
    """gunicorn on a free loopback port, for the length of a with block."""

    def __init__(self, env: dict, workers: int) -> None:
        self.env, self.workers = env, workers

    def __enter__(self) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [BIN / "gunicorn", "goldenthread.wsgi", f"--bind=127.0.0.1:{port}",
             f"--workers={self.workers}", "--threads=4", "--log-level=warning"],
            env=self.env,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/accounts/sign-in/", timeout=2)
                return base
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def drive(base: str, options) -> dict[str, Tally]:
    figures = {"baseline": Tally(), "read": Tally(), "write": Tally()}
    stop = time.monotonic() + options.seconds
    threads = [threading.Thread(target=reader, args=(base, i, stop, figures))
               for i in range(options.readers)]  # fmt: skip
    threads += [threading.Thread(target=writer, args=(base, i, stop, figures["write"]))
                for i in range(options.writers)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return figures


def timed_get(opener, url: str, tally: Tally) -> str | None:
    started = time.perf_counter()
    try:
        with opener.open(url, timeout=30) as response:
            body = response.read().decode()
    except (urllib.error.URLError, OSError) as error:
        tally.fail(f"GET {url}: {error}")
        return None
    tally.add(time.perf_counter() - started)
    return body


def reader(base: str, number: int, stop: float, figures: dict[str, Tally]) -> None:
    opener = urllib.request.build_opener()
    turn = number
    while time.monotonic() < stop:
        if turn % 10 == 0:
            timed_get(opener, base + "/accounts/sign-in/", figures["baseline"])
        else:
            timed_get(opener, base + READ[turn % len(READ)], figures["read"])
        turn += 1


def writer(base: str, number: int, stop: float, tally: Tally) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    sign_in(opener, base)
    actions = re.findall(
        r'href="(/thurrock/actions/\d+/)"',
        opener.open(base + "/thurrock/my-actions/").read().decode(),
    )
    turn = number
    while time.monotonic() < stop:
        url = base + actions[turn % len(actions)]
        turn += 1
        page = opener.open(url).read().decode()
        form = {"csrfmiddlewaretoken": csrf(page), "version": re.search(r'name="version" value="(\d+)"', page)[1],
                "status": "in_progress", "commentary": f"{MARK} {number}-{turn}"}  # fmt: skip
        started = time.perf_counter()
        try:
            with opener.open(url, urllib.parse.urlencode(form).encode(), timeout=30) as response:
                body = response.read().decode()
        except (urllib.error.URLError, OSError) as error:
            tally.fail(f"POST {url}: {error}")
            continue
        tally.add(time.perf_counter() - started)
        if "has been added" in body:
            with tally.lock:
                tally.saved += 1
        elif "after you opened it" not in body:  # another writer got there first: fine
            tally.fail(f"POST {url}: neither saved nor a conflict")


def sign_in(opener, base: str) -> None:
    page = opener.open(base + "/accounts/sign-in/").read().decode()
    form = {"csrfmiddlewaretoken": csrf(page), "username": "contributor",
            "password": "goldenthread-contributor"}  # fmt: skip
    opener.open(base + "/accounts/sign-in/", urllib.parse.urlencode(form).encode()).read()


def csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def lost_updates(env: dict, saved: int) -> int:
    """Updates the server said it added that the database does not have."""
    query = (
        "from goldenthread.plans.models import ActionUpdate as U; "
        f"print(U.objects.filter(commentary__startswith={MARK!r}).count())"
    )
    found = subprocess.run(
        [BIN / "goldenthread", "shell", "-c", query],
        env=env, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    return saved - int(found)


def report(figures: dict[str, Tally], options, lost: int) -> str:
    def line(name: str, tally: Tally) -> str:
        times = tally.times or [0.0]
        p95 = percentile(times, 0.95)
        return (f"| {name} | {len(tally.times):,} | {len(tally.times) / options.seconds:.1f} | "
                f"{statistics.median(times) * 1000:.0f} | {p95 * 1000:.0f} | {len(tally.errors)} |")  # fmt: skip

    base95 = percentile(figures["baseline"].times, 0.95)
    read95 = percentile(figures["read"].times, 0.95)
    setting = (
        f"{options.readers} readers and {options.writers} writers for {options.seconds:.0f} s, "
        f"gunicorn with {options.workers} workers × 4 threads, {database()}"
    )
    lines = [
        setting,
        "",
        "| requests | count | per second | median ms | 95th percentile ms | errors |",
        "| --- | --- | --- | --- | --- | --- |",
        line("sign-in page (baseline)", figures["baseline"]),
        line("main pages", figures["read"]),
        line("action updates", figures["write"]),
        "",
        f"95th percentile of the main pages against the baseline: {read95 / base95:.1f}×",
        f"updates accepted: {figures['write'].saved}; missing from the database: {lost}",
    ]
    for tally in figures.values():
        lines += tally.errors[:5]
    return "\n".join(lines)


def percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times) or [0.0]
    return ordered[int(fraction * (len(ordered) - 1))]


def database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


if __name__ == "__main__":
    main()
