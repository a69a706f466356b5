"""Sign-in and API tokens while another process holds SQLite's write lock (as a long
import does), and the sign-in rate limit against many usernames from one address.

    .venv/bin/python bench/auth_during_write.py [--write-docs]

A fresh SQLite file; the lock is taken by a second connection (BEGIN IMMEDIATE), as
another server process or the worker would hold it. The rate limits count in files
under a folder of the run's own, as a server's processes share them.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

from common import fresh_database, write_docs

PASSWORD = "correct horse battery"


def timed(call) -> tuple[int, float]:
    started = time.monotonic()
    response = call()
    return response.status_code, time.monotonic() - started


def writer(database: Path, seconds: float | None) -> sqlite3.Connection:
    """Another connection holding the write lock, released after ``seconds`` (or never)."""
    other = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    if seconds is not None:
        threading.Timer(seconds, lambda: other.execute("ROLLBACK")).start()
    return other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="goldenthread-auth-bench-"))
    database = folder / "bench.sqlite3"
    fresh_database(database, ALLOWED_HOSTS="testserver", THROTTLE_CACHE=str(folder / "throttle"))
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from goldenthread.api.models import ApiToken

    settings.DEBUG = False  # the 503 page, as production shows it
    person = get_user_model().objects.create_user("bench", password=PASSWORD)
    stored, token = ApiToken.issue(person, "bench")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}", raise_request_exception=False)
    url = "/api/v1/actions/?page_size=1"
    api.get(url)  # warm: imports, URLs
    ApiToken.objects.update(last_used_at=None)  # its use due to be noted again
    rows = []

    other = writer(database, None)
    status, seconds = timed(lambda: api.get(url))
    other.execute("ROLLBACK")
    stored.refresh_from_db()
    noted = "not noted (busy)" if stored.last_used_at is None else "noted"
    rows.append(("token GET, use due to be noted, lock held throughout", status, seconds, noted))

    browser = Client(raise_request_exception=False)
    browser.get("/accounts/sign-in/")
    form = {"username": "bench", "password": PASSWORD}
    status, seconds = timed(lambda: browser.post("/accounts/sign-in/", form))
    rows.append(("sign-in, no lock", status, seconds, ""))
    for hold in (3.0, None):
        browser = Client(raise_request_exception=False)
        other = writer(database, hold)
        status, seconds = timed(lambda b=browser: b.post("/accounts/sign-in/", form))
        if hold is None:
            other.execute("ROLLBACK")
        what = f"lock held {hold:.0f} s" if hold else "lock held throughout"
        rows.append((f"sign-in, {what}", status, seconds, ""))

    limit = settings.THROTTLE_RATES["sign-in"]
    guesser = Client(raise_request_exception=False, REMOTE_ADDR="192.0.2.50")
    answers = [
        guesser.post("/accounts/sign-in/", {"username": f"person{n}", "password": "guess"})
        for n in range(30)
    ]
    refused = sum(answer.status_code == 429 for answer in answers)
    first = next(n for n, answer in enumerate(answers) if answer.status_code == 429)

    report = "\n".join(
        [
            "| on a fresh SQLite file | status | seconds | token's use |",
            "| --- | --- | --- | --- |",
            *(
                f"| {what} | {status} | {seconds:.2f} | {note} |"
                for what, status, seconds, note in rows
            ),
            "",
            (
                f"30 sign-ins with fresh usernames from one address, `SIGN_IN_RATE={limit}`: "
                f"the first {first} answered, {refused} refused with 429 and "
                f"`Retry-After: {answers[-1]['Retry-After']}`."
            ),
        ]
    )
    print(report)
    if arguments.write_docs:
        write_docs(report, "auth_during_write")


if __name__ == "__main__":
    main()
