"""Production settings pass Django's deployment check; pages forbid inline scripts; every
form carries a CSRF token and refuses a POST without one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from goldenthread.plans.models import Action
from goldenthread.plans.tests.factories import make_lead

from .test_settings import run_settings

APP = Path(__file__).resolve().parents[1]


# Set on a developer's machine or by the browser tests in this process; never in production.
LOCAL_ONLY = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def production_env(tmp_path: Path, **more: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in LOCAL_ONLY}
    return env | {
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-key-" + "k3y" * 20,
        "ALLOWED_HOSTS": "plans.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        **more,
    }


@pytest.mark.subprocess
def test_the_deployment_check_finds_nothing_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "goldenthread", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.subprocess
def test_production_refuses_to_start_without_its_host_names():
    result = run_settings(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


@pytest.mark.parametrize("name", ["plans:overview", "plans:tree", "indicators:scorecard"])
def test_pages_carry_a_content_security_policy_without_inline_scripts(client, seeded, name):
    args = ["thurrock", "2014-15"] if name == "plans:tree" else ["thurrock"]
    response = client.get(reverse(name, args=args))
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy
    page = response.content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert not re.search(r"\son[a-z]+=", page)  # no inline event handlers either


def test_no_template_has_an_inline_script():
    for template in APP.rglob("templates/**/*.html"):
        text = template.read_text()
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text)
        assert inline == [], f"{template.relative_to(APP)} has an inline script"


def test_every_post_form_carries_a_csrf_token():
    for template in APP.rglob("templates/**/*.html"):
        text = template.read_text()
        for form in re.findall(
            r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", text, re.DOTALL | re.IGNORECASE
        ):
            assert "{% csrf_token %}" in form, f"{template.relative_to(APP)} posts without one"


def test_a_post_without_the_csrf_token_is_refused(seeded, contributor):
    action = make_lead(Action.objects.get(code="8.13"), contributor)
    client = Client(enforce_csrf_checks=True)
    client.force_login(contributor)
    response = client.post(
        reverse("plans:action", args=["thurrock", action.pk]),
        {"status": "completed", "commentary": "Forged", "version": action.version},
    )
    assert response.status_code == 403
    assert not action.updates.filter(commentary="Forged").exists()
