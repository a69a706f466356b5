"""Start-up: a command that answers at once, and gunicorn workers that are soon ready.

Loads the demo into a fresh SQLite database, then measures, as medians of --runs:

1. `goldenthread summary --year 2014/15 --json` from a cold start: a new process each
   time, so the interpreter, Django's set-up (settings, every app's models and admin),
   the system checks (which import the URL configuration and so every view) and the
   queries. Python's bytecode is cached, as on any machine after the first run (so even
   if PYTHONDONTWRITEBYTECODE is set here); against it, in the same run, Django's set-up
   alone (`django.setup()` with our settings).
2. gunicorn as `make serve` runs it (DEBUG off, 3 workers of 4 threads), with and
   without `--preload`: how long a worker takes from its fork until it has the
   application and every view loaded (gunicorn's post_fork and post_worker_init hooks;
   the views are imported in the second hook, as a worker's first request would
   otherwise import them), and how long from starting gunicorn until the sign-in page
   answers.

    .venv/bin/python bench/startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
SUMMARY = ["summary", "--year", "2014/15", "--json"]
# The worker's timing, written by gunicorn's hooks into the file BENCH_BOOT_LOG names.
HOOKS = """
import os
import time
from importlib import import_module


def post_fork(server, worker):
    worker.bench_forked = time.perf_counter()


def post_worker_init(worker):
    from django.conf import settings

    import_module(settings.ROOT_URLCONF)
    with open(os.environ["BENCH_BOOT_LOG"], "a") as log:
        log.write(f"{time.perf_counter() - worker.bench_forked}\\n")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts for each median")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goldenthread-startup-") as folder:
        env = environment(Path(folder))
        prepare(env)
        figures = {
            "summary": median_seconds([BIN / "goldenthread", *SUMMARY], env, options.runs),
            "setup": median_seconds(
                [BIN / "python", "-c", "import django; django.setup()"], env, options.runs
            ),
            "preload": serve(env, Path(folder), options.runs, preload=True),
            "no preload": serve(env, Path(folder), options.runs, preload=False),
        }
    print(report(figures, options.runs))


def environment(folder: Path) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'startup.sqlite3'}",
        DJANGO_SETTINGS_MODULE="goldenthread.settings",
        DEBUG="0",
        SECRET_KEY="startup-bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        CHART_CACHE=str(folder / "charts"),
    )
    return env


def prepare(env: dict) -> None:
    for command in (["migrate", "--no-input"], ["load_demo"], ["collectstatic", "--no-input"]):
        subprocess.run(
            [BIN / "goldenthread", *command], env=env, check=True, stdout=subprocess.DEVNULL
        )


def median_seconds(command: list, env: dict, runs: int) -> float:
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)  # caches bytecode
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def serve(env: dict, folder: Path, runs: int, *, preload: bool) -> dict[str, float]:
    """Start gunicorn `runs` times after a first start that caches bytecode; each worker's
    boot and the time to the first page."""
    hooks = folder / "hooks.py"
    hooks.write_text(HOOKS)
    boots, first_pages = [], []
    for run in range(runs + 1):
        log = folder / f"boot-{preload}-{run}.log"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [
            BIN / "gunicorn",
            "goldenthread.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=3",
            "--threads=4",
            "--log-level=warning",
            f"--config={hooks}",
            *(["--preload"] if preload else []),
        ]
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env | {"BENCH_BOOT_LOG": str(log)})
        try:
            answered = first_page(f"http://127.0.0.1:{port}/accounts/sign-in/") - started
            deadline = time.monotonic() + 30
            while len(read_boots(log)) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            if run:
                first_pages.append(answered)
                boots += read_boots(log)
        finally:
            process.terminate()
            process.wait(timeout=30)
    return {"boot": statistics.median(boots), "first page": statistics.median(first_pages)}


def first_page(url: str) -> float:
    """When the page first answers, trying every 20 ms until the server listens."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
            return time.perf_counter()
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("gunicorn did not answer within a minute")


def read_boots(log: Path) -> list[float]:
    return [float(line) for line in log.read_text().split()] if log.exists() else []


def report(f: dict, runs: int) -> str:
    return "\n".join(
        [
            f"Medians of {runs} cold starts; bytecode cached; {os.cpu_count()} CPUs.",
            "",
            "| measure | seconds |",
            "| --- | ---: |",
            f"| `goldenthread summary --year 2014/15 --json` | {f['summary']:.2f} |",
            f"| Django's set-up alone, for reference | {f['setup']:.2f} |",
            f"| gunicorn worker's boot, `--preload` | {f['preload']['boot']:.3f} |",
            f"| gunicorn worker's boot, without `--preload` | {f['no preload']['boot']:.3f} |",
            f"| gunicorn start to first page, `--preload` | {f['preload']['first page']:.2f} |",
            (
                f"| gunicorn start to first page, without `--preload` | "
                f"{f['no preload']['first page']:.2f} |"
            ),
        ]
    )


if __name__ == "__main__":
    main()
