"""A manager writes a section of the annual report in a real browser: uploads an image,
previews the words, saves, and finds it in the report. Screenshots of the editor's
preview and of the report's outline are kept in var/screenshots/ (and, checked by eye,
docs/screenshots/report-section-preview.png and report-sections-outline.png)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from goldenthread.reports.models import ReportSection

from .test_accessibility import sign_in

pytestmark = pytest.mark.browser

WORDS = """Welcome to our **annual report**.

# What children told us

> We want adults to listen to us.

- Keeping children safe
- Early help

| Service | Families helped |
| --- | --- |
| Early help | 120 |

![Young people presenting their ideas at the forum](forum.png)

<script>alert('never run')</script>
"""


def a_picture() -> bytes:
    image = Image.new("RGB", (480, 200), "#1d70b8")
    ImageDraw.Draw(image).rectangle((40, 40, 440, 160), fill="#ffdd00")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_a_manager_writes_previews_and_places_a_section(page, screenshot):
    foreword = ReportSection.objects.get(title="Foreword")
    sign_in(page, "manager")
    page.goto(f"/thurrock/report-sections/{foreword.pk}/")
    page.set_input_files(
        "#id_image", files=[{"name": "forum.png", "mimeType": "image/png", "buffer": a_picture()}]
    )
    page.fill("#id_alt_text", "Young people at the forum")
    page.click("button:text('Upload image')")
    page.wait_for_load_state()
    assert "forum.png is uploaded" in page.content()

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.fill("#id_body", WORDS)
    page.click("button:text('Preview')")
    page.wait_for_load_state()
    preview = page.locator(".gt-preview")
    assert preview.locator("h3", has_text="What children told us").count() == 1
    image = preview.locator("img")
    assert image.get_attribute("alt") == "Young people presenting their ideas at the forum"
    assert image.evaluate("img => img.naturalWidth") == 480  # the image itself, loaded
    assert dialogs == []  # the script was shown as words, never run
    screenshot("preview")
    preview.screenshot(path=screenshot.folder / "report-section-preview.png")

    page.click("button:text('Save section')")
    page.wait_for_load_state()
    assert "is saved" in page.content()
    page.locator("tr", has_text="Foreword").locator("button:text('Move down')").click()
    page.wait_for_load_state()
    rows = page.locator("main tbody tr td:first-child").all_inner_texts()
    assert rows[:2] == ["Introduction: the year's figures", "Foreword"]
    page.locator("main table").screenshot(path=screenshot.folder / "report-sections-outline.png")

    page.goto("/thurrock/2014-15/report/annual/")
    headings = page.locator("main h2.govuk-heading-l").all_inner_texts()
    assert headings.index("Foreword") == headings.index("Introduction") + 1
