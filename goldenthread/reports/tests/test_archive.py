"""Published means frozen: the files and data a board saw, kept as they were."""

import hashlib
import io
import json
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from goldenthread.conftest import member
from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Role
from goldenthread.plans.models import Action, DeliveryPlan
from goldenthread.reports.archive import publish
from goldenthread.reports.models import PublishedReport
from goldenthread.reports.render import FORMATS

# Slow, so make test-fast leaves it out: each test publishes a report in every format.
pytestmark = pytest.mark.slow


@pytest.fixture
def delivery_plan(thurrock):
    return DeliveryPlan.objects.for_year(thurrock, FinancialYear(2014))


def read(published, fmt) -> bytes:
    with published.files.get(format=fmt).file.open("rb") as file:
        return file.read()


def test_publishing_keeps_every_format_and_the_data_behind_it(delivery_plan, manager):
    published = publish(delivery_plan, "annual", by=manager)

    assert published.version == 1 and published.published_by == manager
    assert sorted(published.files.values_list("format", flat=True)) == sorted(FORMATS)
    for stored in published.files.all():
        assert hashlib.sha256(read(published, stored.format)).hexdigest() == stored.sha256
    assert published.context["introduction"][0].startswith("A total of 82 actions")
    assert json.loads(read(published, "json")) == published.context


def test_later_changes_to_the_data_never_alter_a_published_report(delivery_plan, manager):
    published = publish(delivery_plan, "annual", by=manager)
    before = {f.format: read(published, f.format) for f in published.files.all()}
    action = Action.objects.get(delivery_plan=delivery_plan, code="1.16")
    Action.objects.filter(pk=action.pk).update(text="Zq action rewritten after the board met")

    published.refresh_from_db()
    after = {f.format: read(published, f.format) for f in published.files.all()}
    assert after == before
    word = Document(io.BytesIO(after["docx"]))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert not any("Zq action" in text for text in cells)

    again = publish(delivery_plan, "annual", by=manager)
    assert again.version == 2
    assert any("Zq action" in text for text in _cells(read(again, "docx")))
    assert list(PublishedReport.objects.values_list("version", flat=True)) == [2, 1]


def _cells(docx: bytes) -> list[str]:
    document = Document(io.BytesIO(docx))
    return [c.text for t in document.tables for row in t.rows for c in row.cells]


def test_a_failure_while_saving_leaves_no_report_and_no_files(
    delivery_plan, manager, monkeypatch, settings
):
    from goldenthread.reports import archive
    from goldenthread.reports.models import PublishedFile

    saved = []
    original = PublishedFile.save

    def fail_on_the_third(self, *args, **kwargs):
        saved.append(self.file.name)
        if len(saved) == 3:
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PublishedFile, "save", fail_on_the_third)
    with pytest.raises(OSError, match="disk full"):
        archive.publish(delivery_plan, "annual", by=manager)

    assert not PublishedReport.objects.exists()
    assert len(saved) == 3
    assert not any((Path(settings.MEDIA_ROOT) / name).exists() for name in saved)


def test_a_manager_publishes_from_the_page_and_readers_download_it(
    client, delivery_plan, manager, viewer
):
    client.force_login(manager)
    url = reverse("reports:publish", args=["thurrock", "2014-15", "exception"])
    response = client.post(url, follow=True)
    published = PublishedReport.objects.get()
    assert response.redirect_chain[-1][0] == published.get_absolute_url()
    assert "Published" in response.content.decode()

    client.force_login(viewer)
    archive = unescape(client.get(reverse("reports:archive", args=["thurrock"])).content.decode())
    assert published.title in archive and published.publisher in archive
    pdf = client.get(reverse("reports:published_file", args=["thurrock", published.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == read(published, "pdf")
    # Only managers publish.
    assert client.post(url).status_code == 403
    assert PublishedReport.objects.count() == 1


def test_publishing_needs_a_post(client, delivery_plan, manager):
    client.force_login(manager)
    url = reverse("reports:publish", args=["thurrock", "2014-15", "annual"])
    assert client.get(url).status_code == 405


def test_a_report_is_only_reached_through_its_own_partnership(
    client, delivery_plan, private_partnership
):
    published = publish(delivery_plan, "annual")
    client.force_login(member(private_partnership, Role.VIEWER, username="olive"))
    for url in [
        reverse("reports:published", args=["elsewhere", published.pk]),
        reverse("reports:published_file", args=["elsewhere", published.pk, "pdf"]),
    ]:
        assert client.get(url).status_code == 404


def test_the_published_page_says_when_the_report_was_generated_in_words(
    client, delivery_plan, manager
):
    published = publish(delivery_plan, "annual", by=manager)
    published.context |= {"generated_at": "2026-11-30T12:08:41+00:00", "data_as_of": "2015-03-31"}
    published.save()
    client.force_login(manager)

    page = unescape(client.get(published.get_absolute_url()).content.decode())

    assert "Generated 30 November 2026 at 12:08; data as recorded up to 31 March 2015" in page
