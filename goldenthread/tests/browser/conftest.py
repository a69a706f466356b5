"""A real browser, Debian's Chromium driven by Playwright, against the app served by the
test (pytest-django's live_server), with the demo partnership loaded."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API runs an event loop in this thread; the Django calls made by the
# test itself (loading the demo, reading results) are still plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"No Chromium at {CHROMIUM}: `apt-get install chromium` (make test does).")
    # While Playwright's event loop runs in this thread, Django (through asgiref's Local)
    # keeps the thread's database connections apart from those it made before and after:
    # close each set as it goes out of sight, or it stays open, unused, and dropping the
    # test database at the end fails on it.
    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def page(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page, request):
    """Save what the page shows now, named after the test and the step."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(step: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{step}.png"
        page.screenshot(path=path, full_page=True)
        return path

    take.folder = SCREENSHOTS  # for a screenshot of one element
    return take
