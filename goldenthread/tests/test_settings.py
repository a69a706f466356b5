"""The settings module is read from the environment; check it in a fresh interpreter."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.subprocess

PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS}))"
)


def run_settings(**env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "goldenthread.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_without_a_secret_key_unless_debugging():
    result = run_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_defaults_to_an_sqlite_file_under_var():
    result = run_settings(DEBUG="1")
    settings = json.loads(result.stdout)
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["name"].endswith(os.path.join("var", "goldenthread.sqlite3"))
    assert settings["debug"] is True


def test_it_uses_postgresql_from_database_url():
    result = run_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://gt:pw@db.example:5432/goldenthread",
        ALLOWED_HOSTS="plans.example.gov.uk, www.example.gov.uk",
    )
    settings = json.loads(result.stdout)
    assert settings["engine"] == "django.db.backends.postgresql"
    assert settings["name"] == "goldenthread"
    assert settings["debug"] is False
    assert settings["hosts"] == ["plans.example.gov.uk", "www.example.gov.uk"]


def test_the_tests_never_list_the_static_files_make_demo_collected():
    """WhiteNoise lists STATIC_ROOT each time a test client starts: var/static, once
    `make demo` has filled it, doubled the suite's time."""
    assert not any(settings.STATIC_ROOT.iterdir())
    assert settings.STATIC_ROOT != settings.PROJECT_DIR / "var" / "static"
