"""Publishing the annual report: its sections frozen with it, images included; and its
words fact-checked first, the manager asked to confirm when the data disagrees."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from goldenthread.factcheck.findings import Finding
from goldenthread.plans.models import DeliveryPlan
from goldenthread.plans.tests.factories import ActionFactory, AimFactory, ObjectiveFactory
from goldenthread.reports import narrative
from goldenthread.reports.archive import publish
from goldenthread.reports.models import Place, PublishedReport, ReportSection
from goldenthread.reports.sections import add_image, add_section, change_section, remove_image

from .test_sections import png

# Slow, so make test-fast leaves it out: the annual report published in every format.
pytestmark = pytest.mark.slow

PUBLISH = reverse("reports:publish", args=["thurrock", "2014-15", "annual"])


@pytest.fixture
def delivery_plan(plan) -> DeliveryPlan:
    objective = ObjectiveFactory(aim=AimFactory(plan=plan, number=1, title="Safe"))
    ActionFactory(objective=objective, code="1.1")
    return DeliveryPlan.objects.get(plan=plan, year_start=2014)


@pytest.fixture
def foreword(delivery_plan) -> ReportSection:
    section = add_section(
        delivery_plan,
        title="Foreword",
        body="We completed 55 actions.\n\n![](forum.png)",
        place=Place.START,
        aim=None,
        by=None,
    )
    add_image(section, SimpleUploadedFile("forum.png", png()), alt_text="The youth forum")
    return section


def read(published: PublishedReport, fmt: str) -> bytes:
    with published.files.get(format=fmt).file.open("rb") as file:
        return file.read()


def test_a_published_report_keeps_its_sections_words_and_images_as_they_were(
    client, manager, foreword
):
    published = publish(foreword.delivery_plan, "annual", by=manager)
    files = {f.format: read(published, f.format) for f in published.files.all()}
    kept = published.images.get()
    assert kept.name == "1-forum.png"
    with kept.file.open("rb") as file:
        image = file.read()
    assert image == png()

    # Later: the words change, the image is replaced, then the section is deleted.
    change_section(
        foreword,
        fields={"title": "Foreword", "body": "Rewritten.", "place": Place.START, "aim": None},
        expected_version=1,
        by=manager,
    )
    remove_image(foreword.images.get())
    add_image(foreword, SimpleUploadedFile("forum.png", png(colour="red")), alt_text="Other")
    foreword.delete()

    published = PublishedReport.objects.get(pk=published.pk)
    assert {f.format: read(published, f.format) for f in published.files.all()} == files
    assert published.context["sections"][0]["markdown"].startswith("We completed 55 actions.")
    word = Document(io.BytesIO(files["docx"]))
    assert any(p.text == "We completed 55 actions." for p in word.paragraphs)
    assert "The youth forum" in [s._inline.docPr.get("descr") for s in word.inline_shapes]
    client.force_login(manager)
    served = client.get(
        reverse("reports:published_image", args=["thurrock", published.pk, "1-forum.png"])
    )
    assert b"".join(served.streaming_content) == image
    assert served["Content-Type"] == "image/png"


def finds_55(text, *, partnership, year):
    """The fact check as it would read the foreword: 55 actions claimed, 41 done."""
    return [
        Finding(
            line=1,
            text="We completed 55 actions.",
            claim="55 actions completed",
            data="41 actions were completed in 2014/15",
            suggestion="We completed 41 actions.",
        )
        for _ in range(text.count("55 actions"))
    ]


def test_findings_are_shown_and_nothing_published_until_the_manager_confirms(
    client, manager, foreword, monkeypatch
):
    monkeypatch.setattr(narrative, "check_text", finds_55)
    client.force_login(manager)

    asked = client.post(PUBLISH, {"visibility": "public"})
    html = asked.content.decode()
    assert asked.status_code == 200 and not PublishedReport.objects.exists()
    for shown in (
        "The section “Foreword”, line 1",
        "We completed 55 actions.",
        "55 actions completed",
        "41 actions were completed in 2014/15",
        "We completed 41 actions.",
    ):
        assert shown in html
    confirmed = asked.context["fingerprint"]

    response = client.post(PUBLISH, {"visibility": "public", "confirmed": confirmed})
    published = PublishedReport.objects.get()
    assert response.url == published.get_absolute_url()
    assert published.asked_to_confirm and published.confirmed_by == manager
    assert published.findings == [
        {
            "where": "The section “Foreword”",
            "line": 1,
            "text": "We completed 55 actions.",
            "claim": "55 actions completed",
            "data": "41 actions were completed in 2014/15",
            "suggestion": "We completed 41 actions.",
        }
    ]
    page = client.get(published.get_absolute_url()).content.decode()
    assert "1 claim the data did not bear out" in page and "asked and confirmed" in page


def test_findings_changed_since_the_manager_confirmed_are_asked_again(
    client, manager, foreword, monkeypatch
):
    monkeypatch.setattr(narrative, "check_text", finds_55)
    client.force_login(manager)
    confirmed = client.post(PUBLISH, {"visibility": "public"}).context["fingerprint"]
    foreword.body += "\n\nAnd 55 actions again."
    foreword.save()

    again = client.post(PUBLISH, {"visibility": "public", "confirmed": confirmed})
    assert again.status_code == 200 and not PublishedReport.objects.exists()
    assert again.context["findings"][1].line == 1  # each finding as the check gave it


def test_with_nothing_found_the_report_is_published_at_once(client, manager, foreword):
    client.force_login(manager)
    response = client.post(PUBLISH, {"visibility": "public"})
    published = PublishedReport.objects.get()
    assert response.url == published.get_absolute_url()
    assert published.findings == [] and not published.asked_to_confirm
    assert published.confirmed_by is None
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Fact check of its words" in page and "Nothing found" in page


def test_a_report_with_no_narrative_is_not_checked(client, manager, foreword, monkeypatch):
    monkeypatch.setattr(narrative, "check_text", finds_55)
    client.force_login(manager)
    client.post(reverse("reports:publish", args=["thurrock", "2014-15", "scorecard"]), {})
    published = PublishedReport.objects.get()
    assert published.findings is None and not published.asked_to_confirm
    assert "Fact check" not in client.get(published.get_absolute_url()).content.decode()


def test_the_narrative_checked_is_every_section_in_the_reports_order(foreword):
    add_section(
        foreword.delivery_plan,
        title="Afterword",
        body="Thanks.",
        place=Place.END,
        aim=None,
        by=None,
    )
    assert narrative.narrative_to_check(foreword.delivery_plan) == [
        ("The section “Foreword”", "We completed 55 actions.\n\n![](forum.png)"),
        ("The section “Afterword”", "Thanks."),
    ]
