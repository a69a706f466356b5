"""The story behind the curve, written by the indicator's owner in a real browser and
read on the indicator's page; a summary written by a manager and read on the plan.
Screenshots are kept in var/screenshots/ (the form's, checked by eye, in
docs/screenshots/)."""

from __future__ import annotations

import pytest

from goldenthread.commentary.models import IndicatorCommentary

from .test_accessibility import sign_in

pytestmark = pytest.mark.browser


def test_the_owner_writes_the_story_and_reads_it_on_the_page(page, screenshot):
    # The demo's contributor (Sam Reid) owns the NEET indicator.
    sign_in(page, "contributor")
    page.goto("/thurrock/indicators/neet-16-18/")
    page.click("a:text('Write or change commentary')")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Commentary for ")
    labels = page.locator("main form[method=post] label").all_inner_texts()
    assert [" ".join(label.split()) for label in labels] == [
        "The story behind the curve",
        "Partners with a role to play",
        "What works",
        "What we will do",
    ]
    page.fill("#id_what_works", "Tracking every young person from Year 11 to age 18.")
    screenshot("form")
    page.locator("main form[method=post]").screenshot(
        path=screenshot.folder / "commentary-form.png"
    )
    page.click("button:text('Save commentary')")
    page.wait_for_load_state()
    section = page.locator("#commentary")
    assert "Tracking every young person from Year 11 to age 18." in section.inner_text()
    assert "Written by Contributor (demo)" in section.inner_text()
    assert IndicatorCommentary.objects.get(indicator__code="neet-16-18").what_works


def test_a_manager_writes_a_summary_and_it_is_shown_at_its_aim(page, screenshot):
    sign_in(page, "manager")
    page.goto("/thurrock/2014-15/plan/")
    page.locator("a", has_text="Write the summary").first.click()
    page.wait_for_load_state()
    page.click("button:text('Save summary')")  # nothing written: the error is shown
    page.wait_for_load_state()
    assert "Write the summary of the year" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#id_text", "A year of steady progress.")
    page.click("button:text('Save summary')")
    page.wait_for_load_state()
    assert "/2014-15/plan/" in page.url
    assert page.locator("text=A year of steady progress.").is_visible()
    screenshot("plan")
