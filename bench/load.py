"""Load: requests offered at fixed arrival rates, readers and writers mixed.

Serves the demo as `make serve` does (gunicorn with --preload and its background worker,
WhiteNoise, DEBUG off) on loopback, from a fresh SQLite database or a throwaway PostgreSQL
cluster (`.ci/with-postgres`, started for the run and stopped after it). Then, for each
rate, it sends requests at scheduled arrival times (Poisson, or evenly spaced) for
--seconds whether or not earlier ones have been answered: an open loop, so a server that
falls behind shows it as latency, measured from the time each request was due to be sent,
and not as a lower offered rate. The mix: anonymous reads of the public partnership's main
pages, the same and more signed in as its manager, the sign-in page, and the demo
contributor adding updates to their actions against the version just read.

For each rate it prints the rate offered and achieved, the 50th, 95th and 99th percentiles,
errors and timeouts, the updates accepted, refused as conflicts and found in the database;
against a baseline in the same run, the sign-in page's median at the lowest rate. The knee
is the first rate at which the 95th percentile passes 5 times its value at the
lowest rate, the server answers fewer than 90% as many requests as are sent in the middle
of the step (it falls behind), or more than 1% fail. It exits 1 if an update was accepted but is not in the database.

    .venv/bin/python bench/load.py [--database sqlite|postgres] [--rates 10,25,50,100,200]
        [--seconds 30] [--write-docs]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BIN, ROOT, environment, free_port, prepare, served, stop_on_sigterm, write_docs
from load_figures import SATURATED, Outcome, Step, report

__all__ = ["BIN", "csrf", "environment", "prepare", "served"]  # bench/pages.py uses them

SIGN_IN = "/accounts/sign-in/"
# Read by anyone: the public demo partnership's main pages. {action} and {indicator} stand
# for one of the partnership's actions and indicators, chosen afresh for each request.
PUBLIC = ["/thurrock/", "/thurrock/2014-15/plan/", "{action}", "/thurrock/scorecard/",
          "{indicator}", "/thurrock/2014-15/report/annual/", "/thurrock/golden-thread/",
          "/thurrock/boards/"]  # fmt: skip
# Read signed in as the partnership's manager: the same, and what only members see.
MEMBERS = PUBLIC + ["/thurrock/2014-15/report/exception/", "/thurrock/2014-15/check/",
                    "/api/v1/actions/?year=2014/15"]  # fmt: skip
MIX = {"anonymous": 0.60, "signed in": 0.25, "sign-in page": 0.07, "update": 0.08}
MARK = "Load test update"
SESSIONS = 4  # sign-ins of each person, used in turn
SETTLE = 180  # seconds at most to wait between rates for the server to be quiet again
# A load test comes from one address at rates no person reaches: the throttles, which are
# there for a person or a script misbehaving, would answer most of it with 429.
UNTHROTTLED = {"SIGN_IN_RATE": "100000/minute,1000000/hour", "API_RATE": "1000000/minute",
               "API_ANONYMOUS_RATE": "1000000/minute"}  # fmt: skip


@dataclass
class Site:
    """The served demo as the client knows it: where it is and who is signed in."""

    base: str
    http: aiohttp.ClientSession
    actions: list[str]  # the partnership's actions' pages
    indicators: list[str]
    own_actions: list[str]  # the contributor's, which they may update
    timeout: float  # seconds before a request (an update: both of its) is given up
    idle: float = 0.0  # the sign-in page's time in seconds, the server idle after warming
    managers: list[str] = field(default_factory=list)  # Cookie headers
    contributors: list[str] = field(default_factory=list)
    turn: int = 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rates", type=rates, default=rates("10,25,50,100,200"),
                        help="requests a second to offer, in turn (default 10,25,50,100,200)")  # fmt: skip
    parser.add_argument("--seconds", type=float, default=30, help="at each rate")
    parser.add_argument("--arrivals", choices=["poisson", "even"], default="poisson")
    parser.add_argument("--updates", type=float, default=MIX["update"],
                        help="share of requests that are action updates (default 0.08)")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=30, help="seconds before giving up")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--write-docs", action="store_true", help="into docs/performance.md")
    options = parser.parse_args()
    if options.database == "postgres" and not os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    ):
        run_under_postgres()
    stop_on_sigterm()
    raise_open_files_limit()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="goldenthread-load-") as folder:
        env = environment(Path(folder))
        if options.database == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'load.sqlite3'}"
        env.update(UNTHROTTLED, THROTTLE_CACHE=str(Path(folder) / "throttle"))
        print(f"Loading the demo into {options.database}…", file=sys.stderr)
        prepare(env)
        # What loading the demo left for the background worker (charts to draw, emails to
        # send), done before the server opens, as it would be long before a busy hour.
        subprocess.run([BIN / "goldenthread", "db_worker", "--batch", "--no-startup-delay",
                        "--queue-name", "*"], env=env, check=True, capture_output=True)  # fmt: skip
        with served(env, options.workers, options.threads, worker=True) as base:
            steps = asyncio.run(curve(base, options))
        missing = count_found(env, steps)
    mix = {**MIX, "update": options.updates}
    text = report(steps, options, mix, (load_before, os.getloadavg()[0]))
    print(text)
    if options.write_docs:
        write_docs(text, "load", options.database)
    if missing:
        sys.exit(1)


def rates(text: str) -> list[float]:
    try:
        chosen = sorted(float(rate) for rate in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"rates are numbers with commas between: {text!r}"
        ) from None
    if not chosen or chosen[0] <= 0:
        raise argparse.ArgumentTypeError(f"rates are requests a second, above 0: {text!r}")
    return chosen


def run_under_postgres() -> None:
    """Run this benchmark again under `.ci/with-postgres`, which starts a throwaway cluster,
    sets DATABASE_URL and stops the cluster when the benchmark ends, however it ends. The
    cluster gets a free port: a test run may be using the script's usual one."""
    script = ROOT / ".ci" / "with-postgres"
    command = [str(script), sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]]
    os.execve(script, command, {**os.environ, "PGTEST_PORT": str(free_port())})


def raise_open_files_limit() -> None:
    """An open loop may hold a connection for every request not yet answered."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def curve(base: str, options: argparse.Namespace) -> list[Step]:
    """Sign in, warm every page, then offer each rate in turn."""
    # No limit on connections: each visitor of an open loop brings their own.
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=options.timeout)
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as http:
        site = await discover(base, http, options.timeout)
        await warm(site, options.workers * options.threads)
        rng = random.Random(options.seed)
        mix = {**MIX, "update": options.updates}
        steps = []
        for rate in options.rates:
            print(
                f"Offering {rate:g} requests a second for {options.seconds:g} s…", file=sys.stderr
            )
            steps.append(await offer(site, rate, options, mix, rng))
            if steps[-1].failures > SATURATED * len(steps[-1].outcomes):
                break  # higher rates would measure only the queue
            await settle(site)
        return steps


async def settle(site: Site) -> None:
    """Wait until the server answers the sign-in page as fast as it did when idle. Requests
    the client gave up on are still queued at the server, and the next rate should not
    begin behind them."""
    loop = asyncio.get_running_loop()
    start, quick = loop.time(), 0
    while quick < 3 and loop.time() - start < SETTLE:
        began = loop.time()
        try:
            await page(site.http, site.base + SIGN_IN)
            quick = quick + 1 if loop.time() - began < max(5 * site.idle, 0.05) else 0
        except (TimeoutError, aiohttp.ClientError, OSError, RuntimeError):
            quick = 0
        await asyncio.sleep(0.2)
    print(f"  the server was quiet again after {loop.time() - start:.0f} s", file=sys.stderr)


async def discover(base: str, http: aiohttp.ClientSession, timeout: float) -> Site:
    """Sign the manager and the contributor in, and find the pages the mix reads."""
    managers = [await sign_in(http, base, "manager") for _ in range(SESSIONS)]
    contributors = [await sign_in(http, base, "contributor") for _ in range(SESSIONS)]
    tree = await page(http, base + "/thurrock/2014-15/plan/", managers[0])
    scorecard = await page(http, base + "/thurrock/scorecard/", managers[0])
    mine = await page(http, base + "/thurrock/my-actions/", contributors[0])
    site = Site(
        base, http,
        actions=links(tree, r"/thurrock/actions/\d+/"),
        indicators=links(scorecard, r"/thurrock/indicators/[\w-]+/", leave_out=("upload/", "owners/", "add/")),
        own_actions=links(mine, r"/thurrock/actions/\d+/"), timeout=timeout,
        managers=managers, contributors=contributors,
    )  # fmt: skip
    for name, found in [("actions in the plan tree", site.actions),
                        ("indicators on the scorecard", site.indicators),
                        ("actions on the contributor's My actions", site.own_actions)]:  # fmt: skip
        if not found:
            raise RuntimeError(f"No {name}: the demo is not what this benchmark expects")
    return site


async def sign_in(http: aiohttp.ClientSession, base: str, who: str) -> str:
    """Sign in as one of the demo's people; the Cookie header of their session."""
    async with http.get(base + SIGN_IN) as answer:
        form_page, cookies = await answer.text(), cookies_of(answer)
    form = {"csrfmiddlewaretoken": csrf(form_page), "username": who,
            "password": f"goldenthread-{who}"}  # fmt: skip
    async with http.post(
        base + SIGN_IN, data=form, headers={"Cookie": header(cookies)}, allow_redirects=False
    ) as answer:
        await answer.read()
        cookies |= cookies_of(answer)  # Django gives a new CSRF token on signing in
        if answer.status != 302 or "sessionid" not in cookies:
            raise RuntimeError(f"Signing in as the demo's {who} failed: {answer.status}")
    return header(cookies)


def cookies_of(answer: aiohttp.ClientResponse) -> dict[str, str]:
    return {name: morsel.value for name, morsel in answer.cookies.items()}


def header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


async def page(http: aiohttp.ClientSession, url: str, cookie: str = "") -> str:
    async with http.get(url, headers={"Cookie": cookie}, allow_redirects=False) as answer:
        body = await answer.text()
        if answer.status != 200:
            raise RuntimeError(f"GET {url} answered {answer.status}, not 200")
        return body


def links(html: str, pattern: str, leave_out: tuple[str, ...] = ()) -> list[str]:
    found = dict.fromkeys(re.findall(f'href="({pattern})"', html))
    return [link for link in found if not link.endswith(leave_out)]


def csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if found is None:
        raise RuntimeError("The page has no CSRF token: not the form expected")
    return found[1]


async def warm(site: Site, times: int) -> None:
    """Read every page enough times to reach each gunicorn worker's threads, anonymous
    and signed in, so the first rate does not pay for compiled templates and cold caches.
    An anonymous page that is not there fails here, before anything is measured."""
    for paths, signed_in in ((PUBLIC, False), (MEMBERS, True)):
        for path in paths:
            url = site.base + path.format(action=site.actions[0], indicator=site.indicators[0])
            for turn in range(times):
                await page(site.http, url, site.managers[turn % SESSIONS] if signed_in else "")
    loop, times_taken = asyncio.get_running_loop(), []
    for _ in range(5):
        began = loop.time()
        await page(site.http, site.base + SIGN_IN)
        times_taken.append(loop.time() - began)
    site.idle = sorted(times_taken)[2]


async def offer(
    site: Site, rate: float, options: argparse.Namespace, mix: dict[str, float], rng: random.Random
) -> Step:
    """Send requests at `rate` a second for the step's seconds, each at its scheduled time
    whatever the earlier ones are doing, and wait for every answer (or its timeout)."""
    loop = asyncio.get_running_loop()
    start, cpu = loop.time() + 0.1, time.process_time()
    tasks = []
    for number, offset in enumerate(schedule(rate, options.seconds, options.arrivals, rng)):
        if start + offset > loop.time():
            await asyncio.sleep(start + offset - loop.time())
        kind = rng.choices(list(mix), weights=list(mix.values()))[0]
        send = request(site, kind, (start, offset), f"{rate:g}/s {number}", rng)
        tasks.append(asyncio.create_task(send))
    outcomes = await asyncio.gather(*tasks)
    span = loop.time() - start
    return Step(rate, options.seconds, outcomes, span, (time.process_time() - cpu) / span)


def schedule(rate: float, seconds: float, arrivals: str, rng: random.Random) -> list[float]:
    """Send times from the start, in seconds: a Poisson process (gaps drawn from the
    exponential distribution, as independent visitors arrive) or evenly spaced."""
    if arrivals == "even":
        return [n / rate for n in range(int(rate * seconds))]
    times, at = [], rng.expovariate(rate)
    while at < seconds:
        times.append(at)
        at += rng.expovariate(rate)
    return times


async def request(
    site: Site, kind: str, when: tuple[float, float], tag: str, rng: random.Random
) -> Outcome:
    """Send one request of the kind; `when` is the step's start and this one's offset."""
    loop = asyncio.get_running_loop()
    due = sum(when)
    site.turn += 1
    outcome = Outcome(kind, when[1], late=loop.time() - due, latency=0.0)
    try:
        async with asyncio.timeout(site.timeout):
            await send(site, kind, tag, rng, outcome)
    except TimeoutError:
        outcome.failure, outcome.timed_out = "timed out", True
    except (aiohttp.ClientError, OSError, RuntimeError) as error:
        outcome.failure = str(error) or type(error).__name__
    outcome.latency = loop.time() - due
    return outcome


async def send(site: Site, kind: str, tag: str, rng: random.Random, outcome: Outcome) -> None:
    """Send one request of the kind, or read and update for an update."""
    if kind == "update":
        outcome.tag = tag
        outcome.update = await update(site, rng.choice(site.own_actions), tag)
        return
    cookie = site.managers[site.turn % SESSIONS] if kind == "signed in" else ""
    pages = {"anonymous": PUBLIC, "signed in": MEMBERS}.get(kind, [SIGN_IN])
    path = rng.choice(pages).format(
        action=rng.choice(site.actions), indicator=rng.choice(site.indicators)
    )
    await page(site.http, site.base + path, cookie)


async def update(site: Site, path: str, tag: str) -> str:
    """Read the action's page as the contributor, then send an update against the version
    read: "accepted", or "conflict" when someone else's update came first."""
    cookie = site.contributors[site.turn % SESSIONS]
    url = site.base + path
    html = await page(site.http, url, cookie)
    version = re.search(r'name="version" value="(\d+)"', html)
    if version is None:
        raise RuntimeError(f"GET {path}: no update form for the contributor")
    form = {"csrfmiddlewaretoken": csrf(html), "version": version[1],
            "status": "in_progress", "commentary": f"{MARK} at {tag}"}  # fmt: skip
    async with site.http.post(
        url, data=form, headers={"Cookie": cookie}, allow_redirects=False
    ) as answer:
        body = await answer.text()
    if answer.status == 302:
        return "accepted"
    if answer.status == 200 and "after you opened it" in body:
        return "conflict"  # the concurrency check at work, not an error
    raise RuntimeError(f"POST {path} answered {answer.status}: neither saved nor a conflict")


FOUND = f"""
import json
from goldenthread.plans.models import ActionUpdate
print(json.dumps(list(ActionUpdate.objects.filter(commentary__startswith={MARK!r})
                      .values_list("commentary", flat=True))))
"""


def count_found(env: dict, steps: list[Step]) -> int:
    """Find each rate's updates in the database; how many accepted are not there."""
    printed = subprocess.run([BIN / "goldenthread", "shell", "-c", FOUND], env=env,
                             check=True, capture_output=True, text=True).stdout  # fmt: skip
    return tally_found(steps, json.loads(printed.splitlines()[-1]))


def tally_found(steps: list[Step], commentaries: list[str]) -> int:
    """Count each rate's updates among the commentaries in the database, and those that
    were accepted and are missing. More may be found than were accepted: the server saves
    an update that the client gave up waiting for."""
    found = {text.removeprefix(f"{MARK} at ") for text in commentaries}
    for step in steps:
        step.found = sum(tag.startswith(f"{step.rate:g}/s ") for tag in found)
        step.missing = sum(o.tag not in found for o in step.outcomes if o.update == "accepted")
    return sum(step.missing for step in steps)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: the servers it started are stopped.")
