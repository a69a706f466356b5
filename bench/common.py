"""What every benchmark does the same way: a fresh SQLite database of its own, set up
with Django and migrated; a twin of the values table for the plain insert to measure
against; and its figures written into docs/performance.md between markers of its own,
so that a re-run replaces them; and the demo served as production serves it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_database(database: Path, **settings: str) -> None:
    """Point Django at a new SQLite file (and any other settings given), set it up and
    migrate it."""
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", DEBUG="1", SECRET_KEY="bench")
    os.environ.update(settings)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def write_docs(report: str, bench: str, part: str = "") -> None:
    """Put the report into docs/performance.md between ``<!-- bench/NAME.py -->`` and
    its end marker, replacing what was there, or at the end the first time. A part
    (``<!-- bench/NAME.py PART -->``) lets one benchmark keep several blocks, each
    replaced by the run that measures it."""
    docs = ROOT / "docs" / "performance.md"
    text = docs.read_text() if docs.exists() else "# Performance\n"
    name = f"bench/{bench}.py" + (f" {part}" if part else "")
    start, end = f"<!-- {name} -->", f"<!-- end {name} -->"
    block = f"{start}\n{report}\n{end}"
    if start in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    docs.write_text(text)


def twin_of_values_table(cursor, name: str = "bench_plain") -> int:
    """Make a twin of the values table: the same columns, key, constraint and indexes,
    so that the plain insert pays the same to keep them. Returns how many indexes."""
    from goldenthread.indicators.models import DataPoint

    table = DataPoint._meta.db_table
    cursor.execute(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL", [table]
    )
    for kind, ddl in sorted(cursor.fetchall(), key=lambda row: row[0] != "table"):
        twin = ddl.replace(f'"{table}"', f'"{name}"')
        if kind == "index":
            twin = twin.replace('INDEX "', f'INDEX "{name}_', 1)
        cursor.execute(twin)
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [name]
    )
    return cursor.fetchone()[0]


# Serving the demo as production serves it, for the benchmarks that measure over HTTP.

BIN = ROOT / ".venv" / "bin"


def environment(folder: Path) -> dict:
    """The environment of a production server (DEBUG off, a real key) on loopback, with
    its files in ``folder``; a fresh SQLite file there unless DATABASE_URL is set."""
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{folder / 'load.sqlite3'}")
    env.update(
        DEBUG="0", SECRET_KEY="load-test-" + "x" * 50, ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"), CHART_CACHE=str(folder / "charts"),
    )  # fmt: skip
    return env


def prepare(env: dict) -> None:
    """Migrate, load the demo and collect the static files, as `make setup` does."""
    for command in (["migrate", "--no-input"], ["load_demo"], ["collectstatic", "--no-input"]):
        subprocess.run([BIN / "goldenthread", *command], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class served:
    """gunicorn on a free loopback port for the length of a with block, as `make serve`
    runs it (``--preload``), and the background worker beside it if asked. Each runs in a
    process group of its own, stopped on the way out whatever happened (an exception,
    Ctrl-C, or SIGTERM once `stop_on_sigterm` is in force), killed if it will not stop."""

    def __init__(self, env: dict, workers: int, threads: int = 4, worker: bool = False) -> None:
        self.env, self.workers, self.threads, self.worker = env, workers, threads, worker
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> str:
        port = free_port()
        try:
            server = self._start(
                [BIN / "gunicorn", "goldenthread.wsgi", f"--bind=127.0.0.1:{port}",
                 f"--workers={self.workers}", f"--threads={self.threads}", "--preload",
                 "--log-level=warning"]
            )  # fmt: skip
            if self.worker:  # its log of every task it runs, not wanted in the figures
                self._start([BIN / "goldenthread", "db_worker"], stdout=subprocess.DEVNULL)
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/accounts/sign-in/", server, "gunicorn")
        except BaseException:
            self.__exit__()
            raise
        return base

    def _start(self, command: list, **options: object) -> subprocess.Popen:
        process = subprocess.Popen(command, env=self.env, start_new_session=True, **options)  # type: ignore[call-overload]
        self.processes.append(process)
        return process

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            stop(process)


def wait_for(url: str, process: subprocess.Popen, name: str, seconds: float = 60) -> None:
    """Wait until ``url`` answers; fail at once if the process serving it has stopped."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped (exit {process.returncode}) before it served")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not answer {url} within {seconds:.0f} s")


def stop(process: subprocess.Popen, grace: float = 10) -> None:
    """Stop a process started in a session of its own, and everything it started."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def stop_on_sigterm() -> None:
    """Treat SIGTERM as Ctrl-C, so that with blocks shut their servers down."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupt)
