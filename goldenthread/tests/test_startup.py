"""Start-up stays quick: what every command and server process loads leaves out the heavy
libraries that only drawing and writing files need, and opens no database connection
(gunicorn's --preload forks workers from a process that has loaded all of it)."""

import json
import os
import subprocess
import sys

import pytest

HEAVY = ["matplotlib", "fpdf", "openpyxl", "scipy", "docx"]

# Run in a fresh interpreter: this one has long since loaded everything.
START = """
import json
import sys
from importlib import import_module

import django

django.setup()
from django.conf import settings
from django.core.management import call_command, load_command_class
from django.db import connections

import_module(settings.ROOT_URLCONF)
import_module("goldenthread.wsgi")
opened = [alias for alias in connections if connections[alias].connection is not None]
# What `goldenthread summary` and the other commands run before they start.
call_command("check", stdout=sys.stderr)
for app, name in [("plans", "summary"), ("indicators", "scorecard"), ("reports", "report"),
                  ("checks", "check_plan"), ("indicators", "import_data")]:
    load_command_class(f"goldenthread.{app}", name)
print(json.dumps({"loaded": sorted(sys.modules), "opened": opened}))
"""


@pytest.fixture(scope="module")
def started() -> dict:
    environment = os.environ | {"DJANGO_SETTINGS_MODULE": "goldenthread.settings"}
    result = subprocess.run(
        [sys.executable, "-c", START], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.subprocess
def test_settings_urls_and_checks_leave_the_heavy_libraries_unloaded(started):
    loaded = set(started["loaded"])
    assert "goldenthread.urls" in loaded  # the test did load every view
    assert [name for name in HEAVY if name in loaded] == []


@pytest.mark.subprocess
def test_nothing_connects_to_the_database_at_import(started):
    assert started["opened"] == []
