"""When the database fails: people are told clearly, and nothing saved is lost."""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from goldenthread.plans.models import Action, ActionUpdate
from goldenthread.plans.tests.factories import make_lead
from goldenthread.plans.tests.seed import import_seed


def test_an_unreachable_database_gives_a_clear_503_and_recovers(seeded, settings, monkeypatch):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    url = reverse("plans:tree", args=["thurrock", "2014-15"])

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "db" failed: Connection refused')

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert "Nothing already saved has been lost" in page

    assert client.get(url).status_code == 200  # the database is back


def test_a_write_that_waited_out_another_writer_is_told_to_send_it_again(
    seeded, settings, monkeypatch
):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", locked)
        response = client.get(reverse("plans:tree", args=["thurrock", "2014-15"]))
    assert response.status_code == 503
    page = response.content.decode()
    assert "Sorry, the service is busy" in page
    assert "a large import" in page and "send it again in a minute" in page


# Committed for real: PostgreSQL only lets a transaction turn read-only before its first
# query, so the test cannot sit inside the usual rolled-back test transaction, nor so in
# a world shared by the module: it imports the seed report itself.
@pytest.mark.django_db(transaction=True)
def test_a_read_only_database_refuses_an_update_clearly_and_keeps_what_was_typed(
    client, plan, contributor
):
    import_seed(plan.partnership)
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    client.force_login(contributor)
    before = list(ActionUpdate.objects.values_list("pk", flat=True))
    with read_only():
        response = client.post(
            reverse("plans:action", args=["thurrock", action.pk]),
            {
                "status": "completed",
                "commentary": "Presented to the LSCB",
                "version": action.version,
            },
        )
    assert response.status_code == 503
    page = response.content.decode()
    assert "the database is not accepting changes just now" in page
    assert "Presented to the LSCB</textarea>" in page
    assert list(ActionUpdate.objects.values_list("pk", flat=True)) == before
    action.refresh_from_db()
    assert action.status != "completed"


class read_only:
    """The database refuses every change until the block ends, as a full disk, a
    read-only replica or a database set read-only by its administrator does."""

    def __enter__(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET default_transaction_read_only = on")
            else:
                cursor.execute("PRAGMA query_only = ON")

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET default_transaction_read_only = off")
            else:
                cursor.execute("PRAGMA query_only = OFF")


@pytest.mark.subprocess
def test_an_import_killed_halfway_leaves_the_database_as_it_was(tmp_path):
    """A real import in its own process, killed with SIGKILL in the middle of writing.

    It runs on an SQLite file of its own, whatever database the suite uses, so the test
    can see from outside when the import holds the write lock, and kill it then.
    """
    database = tmp_path / "fault.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1"}
    goldenthread = [sys.executable, "-m", "goldenthread"]
    for command in (["migrate", "--no-input"], ["load_demo"]):
        subprocess.run(goldenthread + command, env=env, check=True, capture_output=True)
    before = snapshot(database)

    values = many_values(database, tmp_path / "values.csv")
    importing = subprocess.Popen(
        [*goldenthread, "import_data", str(values)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert wait_for_writing(database, importing), "the import finished before it could be killed"
    importing.send_signal(signal.SIGKILL)
    importing.wait()

    assert snapshot(database) == before


def snapshot(database: Path) -> tuple:
    with sqlite3.connect(database) as db:
        return tuple(
            db.execute(f"SELECT count(*), coalesce(sum(value), 0) FROM {table}").fetchone()
            for table in ("indicators_datapoint", "indicators_datarevision")
        ) + (db.execute("SELECT count(*) FROM indicators_period").fetchone(),)


def many_values(database: Path, path: Path) -> Path:
    """Every demo indicator with yearly periods, in every area, for forty years: all valid."""
    with sqlite3.connect(database) as db:
        indicators = db.execute(
            "SELECT code FROM indicators_indicator "
            "WHERE period_type IN ('financial_year', 'academic_year')"
        ).fetchall()
        areas = db.execute("SELECT code FROM areas_area").fetchall()
    rows = ["indicator,area,period,value"]
    rows += [
        f"{indicator},{area},{year}/{(year + 1) % 100:02d},{40 + (year + n) % 30}"
        for n, ((indicator,), (area,)) in enumerate(itertools.product(indicators, areas))
        for year in range(1990, 2030)
    ]
    path.write_text("\n".join(rows) + "\n")
    return path


def wait_for_writing(database: Path, process: subprocess.Popen) -> bool:
    """Wait until the process holds the database's write lock; False if it ends first."""
    while process.poll() is None:
        probe = sqlite3.connect(database, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError:  # "database is locked": it is writing
            return True
        finally:
            probe.close()
        time.sleep(0.005)
    return False
