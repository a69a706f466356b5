"""The Makefile's demo: served on the port asked for, and its address said by what serves it."""

import io
import subprocess
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def dry_run(*args: str) -> str:
    return subprocess.run(
        ["make", "--dry-run", "--always-make", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.subprocess
def test_serve_binds_to_the_port_asked_for_else_8000():
    assert "--bind 127.0.0.1:8000 " in dry_run("serve")
    served = dry_run("serve", "PORT=8123")
    assert "--bind 127.0.0.1:8123 " in served
    assert "http://127.0.0.1:8123/" in served
    assert "--bind 127.0.0.1:8123 " in dry_run("demo", "PORT=8123")


def test_loading_the_demo_ends_without_an_address_nothing_serves_yet():
    out = io.StringIO()
    with mock.patch(
        "goldenthread.demo.management.commands.load_demo.load_demo",
        return_value=mock.Mock(lines=lambda: ["Loaded."]),
    ):
        call_command("load_demo", stdout=out)

    assert "http://" not in out.getvalue()
