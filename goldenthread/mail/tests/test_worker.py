"""The worker waits out a locked database and carries on (it used to exit for good
after one 20-second lock), notes that it is alive, and is started again if it stops."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command, get_commands
from django.db import connection
from django.db.utils import OperationalError

from goldenthread.mail import worker
from goldenthread.mail.models import OutgoingEmail, WorkerBeat
from goldenthread.mail.outbox import send_later
from goldenthread.mail.tasks import deliver_email

ROOT = Path(__file__).resolve().parents[3]


def hold_the_write_lock(seconds: float) -> threading.Event:
    """Another connection writes and holds its transaction open, as a long import does;
    the event is set once it has let go."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's database-wide write lock")
    other = sqlite3.connect(
        connection.settings_dict["NAME"], uri=True, check_same_thread=False, isolation_level=None
    )
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO mail_workerbeat (worker_id, started_at, beat_at) "
        "VALUES ('import', '2015-01-02', '2015-01-02')"
    )
    released = threading.Event()

    def let_go():
        other.execute("ROLLBACK")
        other.close()
        released.set()

    threading.Timer(seconds, let_go).start()
    return released


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_locked_database_and_carries_on(monkeypatch):
    monkeypatch.setattr(worker, "FIRST_WAIT", 0.1)
    outgoing = send_later(EmailMessage("Hello", "Words", to=["jo@example.org"]))
    released = hold_the_write_lock(0.6)

    started = time.monotonic()
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    assert released.is_set() and time.monotonic() - started >= 0.5  # it waited
    outgoing.refresh_from_db()
    assert outgoing.status == "sent" and len(mail.outbox) == 1
    assert WorkerBeat.objects.filter(worker_id__gt="").exclude(worker_id="import").exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_takes_no_task_while_a_restore_runs(monkeypatch):
    outgoing = send_later(EmailMessage("Hello", "Words", to=["jo@example.org"]))
    seen_while_restoring = []

    def restoring() -> bool:  # a restore for the worker's first two looks
        seen_while_restoring.append(OutgoingEmail.objects.get(pk=outgoing.pk).status)
        return len(seen_while_restoring) <= 2

    monkeypatch.setattr(worker, "restoring", restoring)
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    assert seen_while_restoring[:3] == [outgoing.status] * 3  # nothing sent meanwhile
    outgoing.refresh_from_db()
    assert outgoing.status == "sent" and len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_another_database_error_still_stops_the_worker(monkeypatch):
    def broken(self):
        raise OperationalError("no such table: django_tasks_db_dbtaskresult")

    monkeypatch.setattr(worker.PatientWorker, "poll", broken)
    with pytest.raises(OperationalError, match="no such table"):
        call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def test_db_worker_is_the_patient_one():
    assert get_commands()["db_worker"] == "goldenthread.mail"
    assert deliver_email.module_path == "goldenthread.mail.tasks.deliver_email"
    assert OutgoingEmail._meta.app_label == "mail"


def count(runs: Path) -> int:
    return runs.read_text().count("run") if runs.exists() else 0


@pytest.mark.subprocess
def test_keep_running_starts_a_stopped_command_again(tmp_path):
    runs = tmp_path / "runs"
    keeper = subprocess.Popen(
        [ROOT / "bin" / "keep-running", "sh", "-c", f"echo run >> {runs}; exit 3"],
        env={"RESTART_DELAY": "0.1", "PATH": "/usr/bin:/bin"},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and count(runs) < 3:
            time.sleep(0.05)
    finally:
        keeper.terminate()
        _, errors = keeper.communicate(timeout=5)
    assert count(runs) >= 3
    assert "stopped (exit 3): starting it again" in errors
    assert keeper.returncode == 0  # stopped by the signal, cleanly


def test_make_serve_keeps_the_worker_running():
    served = subprocess.run(
        ["make", "--dry-run", "--always-make", "serve"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "bin/keep-running .venv/bin/goldenthread db_worker &" in served
