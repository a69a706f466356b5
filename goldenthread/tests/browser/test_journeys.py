"""What people do with goldenthread, in a real browser, with the keyboard alone."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from goldenthread.plans.models import Action, Status

from .keyboard import choose, fill, tab_to

pytestmark = pytest.mark.browser

TREE = "/thurrock/2014-15/plan/"


def sign_in(page, username: str) -> None:
    page.goto("/accounts/sign-in/")
    fill(page, "#id_username", username)
    fill(page, "#id_password", f"goldenthread-{username}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Sign out" in page.inner_text("header")


def test_a_contributor_signs_in_filters_the_plan_and_adds_an_update(page, screenshot):
    sign_in(page, "contributor")

    page.goto(TREE)
    choose(page, "#id_status", "Completed")
    tab_to(page, "button:text('Filter actions')")
    page.keyboard.press("Enter")
    page.wait_for_url("**status=completed**")
    shown = Action.objects.filter(delivery_plan__year_start=2014)
    completed = shown.filter(status=Status.COMPLETED).first()
    not_started = shown.filter(status=Status.NOT_STARTED).first()
    text = page.inner_text("main")
    assert completed.text[:40] in text and not_started.text[:40] not in text
    screenshot("tree-filtered")

    # In the published year: the draft 2015/16 carries the same leads, for managers only.
    mine = Action.objects.filter(
        lead_person__user__username="contributor", delivery_plan__is_draft=False
    ).first()
    page.goto(f"/thurrock/actions/{mine.pk}/")
    choose(page, "#id_status", "In progress")
    fill(page, "#id_commentary", "Training dates agreed with schools")
    tab_to(page, "button:text('Add update')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"Your update to action {mine.code} has been added." in page.inner_text("body")
    assert "Training dates agreed with schools" in page.inner_text("main")
    mine.refresh_from_db()
    assert mine.status == Status.IN_PROGRESS
    screenshot("update-added")


def test_a_reader_opens_the_scorecard_and_an_indicators_chart(page, screenshot):
    page.goto("/thurrock/scorecard/")
    tab_to(page, "main a[href*='/indicators/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/indicators/**")
    chart = page.locator("main figure svg").first
    assert chart.is_visible()
    assert page.locator("main table").count() >= 1  # the chart's data, as a table
    screenshot("indicator")


def test_a_board_member_downloads_the_annual_report_in_word_and_pdf(page, screenshot):
    page.goto("/thurrock/2014-15/report/annual/")
    screenshot("annual-report")
    files = {}
    for fmt in ("docx", "pdf"):
        tab_to(page, f"a[href$='annual.{fmt}']")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        files[fmt] = download.value.path().read_bytes()

    document = Document(io.BytesIO(files["docx"]))
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text.endswith("annual report 2014/15")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Introduction" in headings
    pdf = PdfReader(io.BytesIO(files["pdf"]))
    assert "Thurrock" in pdf.pages[0].extract_text()


def test_a_manager_confirms_the_ticked_statuses_together(page, screenshot):
    sign_in(page, "manager")
    waiting = Action.objects.filter(delivery_plan__year_start=2014, status_source="inferred")
    first, second = [a for a in waiting.order_by("status_certain", "sort_key") if a.status][:2]

    page.goto("/thurrock/2014-15/review/")
    for action in (first, second):
        tab_to(page, f"#select-{action.pk}")
        page.keyboard.press("Space")
    screenshot("review-ticked")
    tab_to(page, "button:text('Confirm selected')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "2 actions confirmed as inferred." in page.inner_text("body")
    assert {a.pk for a in waiting.filter(pk__in=[first.pk, second.pk])} == set()
    screenshot("review-confirmed")
